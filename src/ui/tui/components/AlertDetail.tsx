import React from 'react';
import { Box, Text } from 'ink';
import type { Config } from '../../../config/types.js';
import type { AlertView } from '../../../engine/types.js';
import { formatDuration } from '../../../config/units.js';
import { specOf } from '../../../config/alert-match.js';
import { ackText, alertValueText, inhibitedText, respondText, stateText } from '../../../text/alert-text.js';
import { formatClock, truncate } from '../../../text/format.js';
import { sanitize } from '../../../util/sanitize.js';
import { SEVERITY_COLOR, SEVERITY_SYMBOL, SEVERITY_WORD, tint, useTheme } from '../theme.js';

interface Props {
  alert: AlertView | undefined;
  config: Config;
  now: number;
  width: number;
  height: number;
  readOnly: boolean;
}

/** Everything about one alert, and what the playbook says to do. */
export function AlertDetail({ alert: a, config, now, width, height, readOnly }: Props) {
  const theme = useTheme();
  if (!a) return <Text> This alert is no longer active. Esc goes back.</Text>;
  // Name, labels, summary, runbook, ack: Prometheus's and Alertmanager's words, sanitised.
  const name = sanitize(a.name);
  const runbook = a.runbook === undefined ? undefined : sanitize(a.runbook);
  const spec = specOf(config.alerts, a.name, a.labels);
  const level = config.severity_levels[a.severity];
  const lines: Array<[string, string]> = [
    ['State', `${stateText(a, now)}${a.stale ? ' (data stale)' : ''}`],
    ['Value', alertValueText(a) ?? '—'],
    // Who evaluates it: with a Prometheus that lacks the rule, gptmon does, and says so.
    ['Condition', spec ? `${spec.condition}${spec.durationMs ? ` for ${formatDuration(spec.durationMs)}` : ''} · evaluated by ${a.origin === 'embedded' ? 'gptmon' : 'Prometheus'}` : '(from Prometheus)'],
    ['Respond', inhibitedText(a) ? `none: ${inhibitedText(a)}, nobody is paged` : `${respondText(a, now)} (${a.severity}: within ${formatDuration(level.responseMs)}, ${level.team})`],
    ['Ack', a.ack ? `${ackText(a)} (since ${formatClock(a.ack.createdAt)}, ${a.ack.where === 'alertmanager' ? 'silence in Alertmanager' : 'kept locally'})${a.ack.comment ? `: "${sanitize(a.ack.comment)}"` : ''}` : readOnly ? 'none' : 'none (a to acknowledge)'],
    ['Runbook', runbook ? `${runbook}  (r, or gptmon runbook ${runbook})` : 'none'],
    ['Labels', Object.entries(a.labels).map(([k, v]) => `${sanitize(k)}=${sanitize(v)}`).join(' ')],
  ];
  const actions = a.actions.slice(0, Math.max(0, height - lines.length - 4)).map(sanitize);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text>
        <Text bold color={tint(theme, SEVERITY_COLOR[a.severity])}>{` ${SEVERITY_SYMBOL[a.severity]} ${SEVERITY_WORD[a.severity]} ${name}`}</Text>
        <Text dimColor>{a.summary ? `  ${truncate(sanitize(a.summary), Math.max(0, width - name.length - 10))}` : ''}</Text>
      </Text>
      {lines.map(([k, v]) => (
        <Text key={k}>
          <Text bold>{` ${k.padEnd(10)}`}</Text>
          {truncate(v, width - 12)}
        </Text>
      ))}
      <Text bold>{' What the playbook says to do'}</Text>
      {actions.map((act, i) => (
        <Text key={i}>{truncate(`   ${i + 1}. ${act}`, width)}</Text>
      ))}
    </Box>
  );
}
