// What the help view lists, as lines: the keys of the view the engineer came
// from (the dangerous ones marked !), the `:` commands, the keys at a prompt,
// and, on the simulator, how to reach it from another shell. The view scrolls
// through these, so every key is reachable at any size.

import type { View } from './app-state.js';
import { availableCommands } from './commands.js';
import { demoLines, type DemoInfo } from './demo.js';
import { bindingsFor, PROMPT_KEYS } from './keys.js';

export function helpLines(from: View, readOnly: boolean, demo?: DemoInfo): string[] {
  const keys = bindingsFor(from, readOnly);
  const commands = availableCommands({ readOnly, demo: Boolean(demo) });
  return [
    ...keys.map((b) => `  ${b.label.padEnd(10)} ${b.danger ? '! ' : ''}${b.help}`),
    ...(keys.some((b) => b.danger) ? ['  (! changes trading or runs a command: it asks before it acts)'] : []),
    '',
    ' Commands (type : then the name; tab completes)',
    ...commands.map((c) => `  :${(c.name + (c.arg ? ` ${c.argLabel ?? 'NAME'}` : '')).padEnd(16)} ${c.help}`),
    '',
    ' At a prompt',
    ...PROMPT_KEYS.filter((b) => b.keys.length).map((b) => `  ${b.label.padEnd(10)} ${b.help}`),
    ...(demo ? ['', ...demoLines(demo)] : []),
  ];
}
