import React from 'react';
import { Box, Text } from 'ink';
import type { Snapshot } from '../../../engine/types.js';
import { truncate } from '../../../text/format.js';
import { sanitize } from '../../../util/sanitize.js';
import { countSegments, incidentSegment, tradingSegment, trustLine, type IncidentBadge, type Tone } from '../header-text.js';
import { tint, useTheme } from '../theme.js';

export { sourceAge } from '../header-text.js';

interface Props {
  snap: Snapshot;
  width: number;
  paused: boolean;
  clock: string;
  /** The simulator's URL when this is the demo: said in the header, so nobody mistakes it for the trader. */
  demo?: string;
  /** A critical value in a panel scrolled out of view (one column): where it is. */
  offscreen?: string;
  /** The incident open now: its severity in every view. */
  incident?: IncidentBadge;
}

const TONE_COLOR: Record<Tone, string> = { ok: 'green', warning: 'yellow', critical: 'red', unknown: 'yellow' };

/**
 * Line one answers "is money at risk?": trading state first (never claimed
 * without having been seen now), then what is wrong, then the clock. Line two
 * is about trust: each source's age, and what a dead one means.
 */
export const Header = React.memo(function Header({ snap, width, paused, clock, demo, offscreen, incident }: Props) {
  const theme = useTheme();
  const t = snap.trader;
  const tiny = width < 80;
  const narrow = width < 100;
  const trading = tradingSegment(snap, tiny);
  const counts = countSegments(snap);
  const badge = demo ? ` SIM ${narrow ? '' : `${demo} `}` : narrow ? '' : ' GPTMON ';
  // Site and model are the trader's words: sanitised.
  const site = t.site === undefined ? '?' : sanitize(t.site);
  const model = t.model === undefined ? '?' : sanitize(t.model);
  const ident = narrow ? `${site} · ${model}` : `site ${site}  model ${model}`;
  const countText = counts.map((s) => s.text).join('  ');
  const note = offscreen ? `  ${offscreen}` : '';
  // On a small terminal the site and model matter more than the clock.
  const shownClock = tiny ? '' : ` ${clock} `;
  const right = `${paused ? ' PAUSED ' : ''}${shownClock}`;
  const before = badge.length + trading.text.length + 3 + countText.length + note.length + right.length;
  // The incident comes before the site and model: a terminal too narrow for both keeps the incident.
  const inc = incident ? incidentSegment(incident, snap.now, width - before - 2) : undefined;
  const fixed = before + (inc ? [...inc.text].length + 1 : 0);
  // The ident takes two spaces before it, and at least one space must remain before the clock.
  const fit = fixed + 3 + ident.length <= width;
  const gap = Math.max(1, width - fixed - (fit ? 2 + ident.length : 0));
  const trust = trustLine(snap);
  const keysHint = narrow ? '' : paused ? 'p resume  : cmd  ? help' : 'p pause  : cmd  ? help';
  const room = width - keysHint.length - 1;
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold inverse color={tint(theme, demo ? 'magenta' : undefined)}>
          {badge}
        </Text>
        <Text bold inverse={trading.tone !== 'ok'} color={tint(theme, TONE_COLOR[trading.tone])}>
          {trading.text}
        </Text>
        {inc ? ' ' : ''}
        <Text bold inverse color={tint(theme, inc ? TONE_COLOR[inc.tone] : undefined)}>
          {inc?.text ?? ''}
        </Text>
        {fit ? `  ${ident}` : ''}
        {'   '}
        {counts.map((s, i) => (
          <Text key={i} color={tint(theme, TONE_COLOR[s.tone])} bold={s.bold === true}>
            {`${i ? '  ' : ''}${s.text}`}
          </Text>
        ))}
        <Text color={tint(theme, 'red')} bold>
          {note}
        </Text>
        {' '.repeat(gap)}
        <Text inverse={paused} bold={paused} color={tint(theme, paused ? 'yellow' : undefined)}>
          {paused ? ' PAUSED ' : ''}
        </Text>
        {shownClock}
      </Text>
      <Text>
        <Text color={tint(theme, trust.troubled ? 'yellow' : 'gray')} bold={trust.troubled}>
          {truncate(` ${trust.text}`, room).padEnd(room)}
        </Text>
        <Text dimColor>{` ${keysHint}`}</Text>
      </Text>
    </Box>
  );
});
