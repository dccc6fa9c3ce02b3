import React from 'react';
import { Box, Text } from 'ink';
import type { Config } from '../../../config/types.js';
import type { AlertView } from '../../../engine/types.js';
import { tint, useTheme } from '../theme.js';
import { AlertLine } from './AlertLine.js';
import { nameWidthOf } from '../alert-line-text.js';

interface Props {
  alerts: AlertView[];
  config: Config;
  now: number;
  width: number;
  /** Rows for alert lines, not counting the frame. */
  rows: number;
  selected: number;
  boxed: boolean;
}

/** Always on the overview, worst first: what fires, its countdown, who has it. */
export function AlertStrip({ alerts, config, now, width, rows, selected, boxed }: Props) {
  const theme = useTheme();
  const shown = alerts.slice(0, Math.max(1, rows));
  const more = alerts.length - shown.length;
  const title = `Alerts${alerts.length ? ` (${alerts.length})` : ''}${more > 0 ? ` · ${more} more: A or :alerts` : ''}`;
  const inner = boxed ? width - 4 : width - 1;
  const lines = alerts.length
    ? shown.map((a, i) => <AlertLine key={a.key} alert={a} now={now} width={inner} selected={i === selected} nameWidth={nameWidthOf(shown)} />)
    : [
        <Text key="none" color={tint(theme, 'green')}>
          {'✓ no alerts firing or pending'.padEnd(inner)}
        </Text>,
      ];
  // The strip fills its rows, so the frame keeps its shape as alerts come and go.
  while (lines.length < rows) lines.push(<Text key={`pad${lines.length}`}>{' '.repeat(inner)}</Text>);
  if (!boxed) {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>{` ${title} ${'─'.repeat(Math.max(0, width - title.length - 3))}`}</Text>
        {lines.map((l, i) => (
          <Text key={i}>
            {' '}
            {l}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text>{`┌ ${title} ${'─'.repeat(Math.max(0, width - title.length - 4))}┐`}</Text>
      {lines.map((l, i) => (
        <Text key={i}>
          {'│ '}
          {l}
          {' │'}
        </Text>
      ))}
      <Text>{`└${'─'.repeat(Math.max(0, width - 2))}┘`}</Text>
    </Box>
  );
}
