import React from 'react';
import { Box, Text } from 'ink';
import type { Config } from '../../../config/types.js';
import type { AlertView, Snapshot } from '../../../engine/types.js';
import { sanitize } from '../../../util/sanitize.js';
import { tint, useTheme } from '../theme.js';
import { AlertLine } from './AlertLine.js';
import { nameWidthOf } from '../alert-line-text.js';

interface Props {
  alerts: AlertView[];
  total: number;
  filter: string;
  config: Config;
  snap: Snapshot;
  width: number;
  height: number;
  selected: number;
}

/** Every alert, worst first; a window of them around the selection when they do not fit. */
export function AlertsView({ alerts, total, filter, config, snap, width, height, selected }: Props) {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(selected - Math.floor(rows / 2), alerts.length - rows));
  const window = alerts.slice(start, start + rows);
  const nameWidth = nameWidthOf(window);
  const title = `Alerts ${filter ? `/${filter}: ${alerts.length} of ${total}` : `${total}`}${alerts.length > rows ? ` · ${start + 1}-${start + window.length}` : ''}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{` ${title} ${'─'.repeat(Math.max(0, width - title.length - 3))}`}</Text>
      {window.length ? (
        window.map((a, i) => <AlertLine key={a.key} alert={a} snap={snap} width={width - 1} selected={start + i === selected} nameWidth={nameWidth} before=" " />)
      ) : (
        <Text color={tint(theme, 'green')}>{filter ? ` nothing matches /${filter}` : ' ✓ no alerts firing or pending'}</Text>
      )}
    </Box>
  );
}

/** Case-insensitive match on name, severity, state, runbook and labels, as they are shown (sanitised). */
export function filterAlerts(alerts: AlertView[], filter: string): AlertView[] {
  const f = filter.trim().toLowerCase();
  if (!f) return alerts;
  return alerts.filter((a) => [a.name, a.severity, a.state, a.runbook ?? '', a.ack ? 'acked' : '', a.inhibitedBy ? 'inhibited' : '', ...Object.values(a.labels)].some((s) => sanitize(s).toLowerCase().includes(f)));
}
