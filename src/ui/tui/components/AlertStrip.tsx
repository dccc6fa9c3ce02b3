import React from 'react';
import { Box, Text } from 'ink';
import type { Snapshot } from '../../../engine/types.js';
import { tint, useTheme } from '../theme.js';
import { AlertLine } from './AlertLine.js';
import { nameWidthOf } from '../alert-line-text.js';

interface Props {
  snap: Snapshot;
  width: number;
  /** Rows for alert lines, not counting the frame. */
  rows: number;
  selected: number;
  boxed: boolean;
}

/** Always on the overview, worst first: what fires, its countdown, who has it. */
export function AlertStrip({ snap, width, rows, selected, boxed }: Props) {
  const theme = useTheme();
  const alerts = snap.alerts;
  const shown = alerts.slice(0, Math.max(1, rows));
  const more = alerts.length - shown.length;
  const title = `Alerts${alerts.length ? ` (${alerts.length})` : ''}${more > 0 ? ` · ${more} more: A or :alerts` : ''}`;
  const inner = boxed ? width - 4 : width - 1;
  const [before, after] = boxed ? ['│ ', ' │'] : [' ', ''];
  const nameWidth = nameWidthOf(shown);
  const lines = alerts.length
    ? shown.map((a, i) => <AlertLine key={a.key} alert={a} snap={snap} width={inner} selected={i === selected} nameWidth={nameWidth} before={before} after={after} />)
    : [
        <Text key="none">
          {before}
          <Text color={tint(theme, 'green')}>{'✓ no alerts firing or pending'.padEnd(inner)}</Text>
          {after}
        </Text>,
      ];
  // The strip fills its rows, so the frame keeps its shape as alerts come and go.
  while (lines.length < rows) lines.push(<Text key={`pad${lines.length}`}>{`${before}${' '.repeat(inner)}${after}`}</Text>);
  return (
    <Box flexDirection="column" width={width}>
      {boxed ? <Text>{`┌ ${title} ${'─'.repeat(Math.max(0, width - title.length - 4))}┐`}</Text> : <Text bold>{` ${title} ${'─'.repeat(Math.max(0, width - title.length - 3))}`}</Text>}
      {lines}
      {boxed ? <Text>{`└${'─'.repeat(Math.max(0, width - 2))}┘`}</Text> : null}
    </Box>
  );
}
