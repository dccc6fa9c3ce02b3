import React from 'react';
import { Box, Text } from 'ink';
import type { View } from '../app-state.js';
import { availableCommands } from '../commands.js';
import { bindingsFor, PROMPT_KEYS } from '../keys.js';

/** The keys of the view the engineer came from (the dangerous ones marked !), then the commands, then the prompt's keys. */
export function HelpView({ from, readOnly, width, height }: { from: View; readOnly: boolean; width: number; height: number }) {
  const keys = bindingsFor(from, readOnly);
  const commands = availableCommands(readOnly);
  const lines = [
    ...keys.map((b) => `  ${b.label.padEnd(10)} ${b.danger ? '! ' : ''}${b.help}`),
    ...(keys.some((b) => b.danger) ? ['  (! changes trading or runs a command: it asks before it acts)'] : []),
    '',
    ' Commands (type : then the name; tab completes)',
    ...commands.map((c) => `  :${(c.name + (c.arg ? ' NAME' : '')).padEnd(16)} ${c.help}`),
    '',
    ' At a prompt',
    ...PROMPT_KEYS.filter((b) => b.keys.length).map((b) => `  ${b.label.padEnd(10)} ${b.help}`),
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{` Keys in ${from}${readOnly ? ' (read-only: actions hidden)' : ''}`}</Text>
      {lines.slice(0, height - 1).map((l, i) => (
        <Text key={i}>{l.slice(0, width)}</Text>
      ))}
    </Box>
  );
}
