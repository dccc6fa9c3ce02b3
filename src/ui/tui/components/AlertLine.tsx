import React from 'react';
import { Text } from 'ink';
import type { Config } from '../../../config/types.js';
import type { AlertView } from '../../../engine/types.js';
import { ackText, alertValueText, respondText, stateText } from '../../alert-text.js';
import { truncate } from '../../format.js';
import { sanitize } from '../../../util/sanitize.js';
import { SEVERITY_COLOR, SEVERITY_SYMBOL, SEVERITY_WORD, tint, useTheme } from '../theme.js';

interface Props {
  alert: AlertView;
  config: Config;
  now: number;
  width: number;
  selected: boolean;
}

/** One alert on one line: severity, name, value, state, countdown, ack, runbook. */
export function AlertLine({ alert: a, config, now, width, selected }: Props) {
  const theme = useTheme();
  const value = alertValueText(a) ?? '';
  const respond = respondText(a, now);
  const overdue = respond.startsWith('OVERDUE');
  const ack = a.ack ? `acked ${ackText(a)}` : '';
  const narrow = width < 90;
  const tiny = width < 70;
  const name = truncate(sanitize(a.name), narrow ? 19 : 22).padEnd(narrow ? 19 : 22);
  const when = a.state === 'firing' && !a.ack ? (tiny ? respond : `respond ${respond}`) : ack;
  const fields = [...(tiny ? [] : [value.padStart(6)]), stateText(a, now).padEnd(tiny ? 11 : narrow ? 13 : 17), when];
  const runbook = a.runbook ? `→ ${sanitize(a.runbook)}` : '';
  const head = `${selected ? '▶' : ' '}${SEVERITY_SYMBOL[a.severity]} ${SEVERITY_WORD[a.severity].padEnd(4)} `;
  let body = `${name} ${fields.join(narrow ? ' ' : '  ')}`;
  const room = width - head.length - runbook.length - 1;
  body = truncate(body, Math.max(0, room)).padEnd(Math.max(0, room));
  const color = a.state === 'resolved' || a.stale ? 'gray' : SEVERITY_COLOR[a.severity];
  return (
    <Text inverse={selected} color={tint(theme, a.stale ? 'gray' : undefined)}>
      <Text color={tint(theme, color)} bold={a.severity === 'critical' && a.state === 'firing'}>
        {head}
      </Text>
      <Text color={tint(theme, overdue ? 'red' : undefined)} bold={overdue}>
        {body}
      </Text>
      {` ${runbook}`}
    </Text>
  );
}
