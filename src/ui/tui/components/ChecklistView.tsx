import React from 'react';
import { Box, Text } from 'ink';
import type { ChecklistLine } from '../checklist-rows.js';
import { tint, useTheme, type Theme } from '../theme.js';

interface Props {
  lines: ChecklistLine[];
  /** The first line shown (↑/↓, pgup/pgdn). */
  top: number;
  width: number;
  height: number;
}

/**
 * Today's daily checklist: each item, ticked with who and when or not, what
 * gptmon suggests (a tick where what it read looks fine, LOOK where not or
 * where it could not read it), and the evidence under it. The title stays;
 * the rest scrolls.
 */
export function ChecklistView({ lines, top, width, height }: Props) {
  const theme = useTheme();
  const [title, ...rest] = lines;
  const room = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(top, rest.length - room));
  const shown = rest.slice(start, start + room);
  const where = rest.length > room ? ` · ${start + 1}-${start + shown.length} of ${rest.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{`${title?.text ?? ''}${where}`.slice(0, width)}</Text>
      {shown.map((l, i) => (
        <Line key={start + i} line={l} theme={theme} />
      ))}
    </Box>
  );
}

function Line({ line, theme }: { line: ChecklistLine; theme: Theme }) {
  if (line.tone === 'blank') return <Text> </Text>;
  if (line.tone === 'problem') return <Text color={tint(theme, 'red')} bold>{line.text}</Text>;
  if (line.tone === 'evidence') return <Text dimColor>{line.text}</Text>;
  const box = line.text.slice(0, 9);
  return (
    <Text>
      {line.tone === 'done' ? <Text color={tint(theme, 'green')}>{box}</Text> : box}
      {line.text.slice(9)}
      {line.look ? <Text color={tint(theme, 'yellow')} bold>{line.tag}</Text> : <Text dimColor>{line.tag}</Text>}
    </Text>
  );
}
