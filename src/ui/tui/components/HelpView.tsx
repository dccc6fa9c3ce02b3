import React from 'react';
import { Box, Text } from 'ink';
import type { View } from '../app-state.js';
import type { DemoInfo } from '../demo.js';
import { helpLines } from '../help-text.js';

interface Props {
  from: View;
  readOnly: boolean;
  width: number;
  height: number;
  /** The first line shown: j/k and PgUp/PgDn scroll. */
  top: number;
  demo?: DemoInfo;
}

/** Every key and command, scrolled to fit: the title says where in the list the view is. */
export function HelpView({ from, readOnly, width, height, top, demo }: Props) {
  const lines = helpLines(from, readOnly, demo);
  const rows = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(top, lines.length - rows));
  const more = lines.length > rows ? ` · lines ${start + 1}-${Math.min(lines.length, start + rows)} of ${lines.length}, j/k pgup/pgdn scroll` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{` Keys in ${from}${readOnly ? ' (read-only: actions hidden)' : ''}${more}`.slice(0, width)}</Text>
      {lines.slice(start, start + rows).map((l, i) => (
        <Text key={i}>{l.slice(0, width)}</Text>
      ))}
    </Box>
  );
}
