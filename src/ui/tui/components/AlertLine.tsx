import React from 'react';
import { Text } from 'ink';
import type { AlertView } from '../../../engine/types.js';
import { alertRowText } from '../alert-line-text.js';
import { useTheme } from '../theme.js';

interface Props {
  alert: AlertView;
  now: number;
  width: number;
  selected: boolean;
  nameWidth: number;
}

/** One alert on one line: severity, the whole name, value and line, state, countdown or ack, runbook. */
export function AlertLine({ alert, now, width, selected, nameWidth }: Props) {
  const theme = useTheme();
  return <Text inverse={selected && !theme.color}>{alertRowText(alert, now, { width, selected, color: theme.color, nameWidth })}</Text>;
}
