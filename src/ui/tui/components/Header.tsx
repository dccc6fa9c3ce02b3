import React from 'react';
import { Box, Text } from 'ink';
import type { Snapshot, SourceStatus } from '../../../engine/types.js';
import { formatAge, truncate } from '../../format.js';
import { sanitize } from '../../../util/sanitize.js';
import { SEVERITY_COLOR, SEVERITY_SYMBOL, SEVERITY_WORD, tint, useTheme } from '../theme.js';

interface Props {
  snap: Snapshot;
  width: number;
  paused: boolean;
  clock: string;
}

const SOURCE_NAME: Record<string, string> = { trader: 'health', metrics: 'metrics', prometheus: 'prometheus', alertmanager: 'alertmanager' };

/** `health 1s`, `prometheus stale 20s`, `alertmanager down 40s`: the age of what is shown. */
export function sourceAge(s: SourceStatus, now: number): string {
  const name = SOURCE_NAME[s.name] ?? s.name;
  if (s.state === 'off') return `${name} off`;
  if (s.state === 'ok') return `${name} ${formatAge(now - (s.lastOkAt ?? now))}`;
  const age = s.lastOkAt !== undefined ? formatAge(now - s.lastOkAt) : formatAge(now - (s.since ?? now));
  return `${name} ${s.state === 'stale' ? 'stale' : 'down'} ${age}`;
}

/**
 * Line one answers "is money at risk?": trading state first, then the worst
 * severities with counts, then the clock. Line two is about trust: each
 * source's age, and what a dead one means.
 */
export const Header = React.memo(function Header({ snap, width, paused, clock }: Props) {
  const theme = useTheme();
  const t = snap.trader;
  const halted = t.trading === 'halted';
  const tiny = width < 80;
  const word = tiny ? '' : 'TRADING ';
  const tradingText = t.trading === undefined ? ` ? ${word}UNKNOWN ` : halted ? ` ■ ${word}HALTED ` : ` ■ ${word}ACTIVE `;
  const firing = snap.alerts.filter((a) => a.state === 'firing');
  const counts = (['critical', 'high', 'medium', 'low'] as const).map((s) => [s, firing.filter((a) => a.severity === s).length] as const).filter(([, n]) => n > 0);
  const narrow = width < 100;
  const badge = narrow ? '' : ' GPTMON ';
  const site = t.site === undefined ? '?' : sanitize(t.site);
  const model = t.model === undefined ? '?' : sanitize(t.model);
  const ident = narrow ? `${site} · ${model}` : `site ${site}  model ${model}`;
  const sevText = counts.length ? counts.map(([s, n]) => `${SEVERITY_SYMBOL[s]} ${SEVERITY_WORD[s]} ${n}`).join('  ') : 'no alerts firing';
  // On a small terminal the site and model matter more than the clock.
  const shownClock = tiny ? '' : ` ${clock} `;
  const right = `${paused ? ' PAUSED ' : ''}${shownClock}`;
  const fixed = badge.length + tradingText.length + 3 + sevText.length + right.length;
  const fit = fixed + 2 + ident.length <= width;
  const gap = Math.max(1, width - fixed - (fit ? 2 + ident.length : 0));

  const sources = snap.mode === 'embedded' ? [snap.sources.trader, snap.sources.metrics, snap.sources.alertmanager] : [snap.sources.trader, snap.sources.prometheus, snap.sources.alertmanager];
  const amNote = snap.sources.alertmanager.state === 'off' ? ' (acks kept locally)' : snap.sources.alertmanager.state !== 'ok' ? ' (acks kept locally meanwhile)' : '';
  const line2 = [sources.map((s) => sourceAge(s, snap.now)).join(' · ') + amNote, ...snap.problems.map(sanitize)].join(' · ');
  const problems = [...sources.filter((s) => s.state === 'stale' || s.state === 'down'), ...snap.problems];
  const keysHint = narrow ? '' : 'p pause  : cmd  ? help';
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold inverse>
          {badge}
        </Text>
        <Text bold inverse={halted || t.trading === undefined} color={tint(theme, halted ? 'red' : t.trading === undefined ? 'yellow' : 'green')}>
          {tradingText}
        </Text>
        {fit ? `  ${ident}` : ''}
        {'   '}
        {counts.length ? (
          counts.map(([s, n], i) => (
            <Text key={s} color={tint(theme, SEVERITY_COLOR[s])} bold={s === 'critical'}>
              {`${i ? '  ' : ''}${SEVERITY_SYMBOL[s]} ${SEVERITY_WORD[s]} ${n}`}
            </Text>
          ))
        ) : (
          <Text color={tint(theme, 'green')}>no alerts firing</Text>
        )}
        {' '.repeat(gap)}
        <Text inverse={paused} bold={paused} color={tint(theme, paused ? 'yellow' : undefined)}>
          {paused ? ' PAUSED ' : ''}
        </Text>
        {shownClock}
      </Text>
      <Text>
        <Text color={tint(theme, problems.length ? 'yellow' : 'gray')} bold={problems.length > 0}>
          {truncate(` ${line2}`, width - keysHint.length - 1).padEnd(width - keysHint.length - 1)}
        </Text>
        <Text dimColor>{keysHint}</Text>
      </Text>
    </Box>
  );
});
