// `gptmon tui`: the live console, on a terminal only.

import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { writeErr } from './output.js';

export async function runTuiCommand(opts: { readOnly?: boolean; refresh?: string }, globals: GlobalOptions): Promise<number> {
  if (!process.stdout.isTTY) {
    writeErr('gptmon tui needs a terminal; in a script or a pipe use `gptmon status` or `gptmon alerts`\n');
    return 2;
  }
  const config = configOrExit(globals);
  if (!config) return 2;
  const { consoleOptions, runTui } = await import('./tui-runtime.js');
  return runTui(consoleOptions(config, { readOnly: opts.readOnly, refresh: opts.refresh }));
}
