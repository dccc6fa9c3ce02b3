// The header's two lines as painted strings: plain functions of the snapshot,
// so the clock, the ages and the counts reach the screen every second without
// a React commit (see live.tsx). What they say is decided in header-text.ts.

import type { Snapshot } from '../../engine/types.js';
import { truncate } from '../../text/format.js';
import { sanitize } from '../../util/sanitize.js';
import { countSegments, incidentSegment, tradingSegment, trustLine, type IncidentBadge, type Tone } from './header-text.js';
import { styled, type Theme } from './theme.js';

export interface HeaderOptions {
  width: number;
  paused: boolean;
  theme: Theme;
  /** The simulator's URL when this is the demo: said in the header, so nobody mistakes it for the trader. */
  demo?: string | undefined;
  /** A critical value in a panel scrolled out of view (one column): where it is. */
  offscreen?: string | undefined;
  /** The incident open now: its severity in every view. */
  incident?: IncidentBadge | undefined;
}

const TONE_COLOR: Record<Tone, string> = { ok: 'green', warning: 'yellow', critical: 'red', unknown: 'yellow' };

export function clockText(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

/**
 * Line one answers "is money at risk?": trading state first (never claimed
 * without having been seen now), then what is wrong, then the clock.
 */
export function headerTop(snap: Snapshot, o: HeaderOptions): string {
  const { width, paused, theme, demo, offscreen, incident } = o;
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
  const shownClock = tiny ? '' : ` ${clockText(snap.now)} `;
  const right = `${paused ? ' PAUSED ' : ''}${shownClock}`;
  const before = badge.length + trading.text.length + 3 + countText.length + note.length + right.length;
  // The incident comes before the site and model: a terminal too narrow for both keeps the incident.
  const inc = incident ? incidentSegment(incident, snap.now, width - before - 2) : undefined;
  const fixed = before + (inc ? [...inc.text].length + 1 : 0);
  // The ident takes two spaces before it, and at least one space must remain before the clock.
  const fit = fixed + 3 + ident.length <= width;
  const gap = Math.max(1, width - fixed - (fit ? 2 + ident.length : 0));
  return (
    styled(theme, badge, { bold: true, inverse: true, color: demo ? 'magenta' : undefined }) +
    styled(theme, trading.text, { bold: true, inverse: trading.tone !== 'ok', color: TONE_COLOR[trading.tone] }) +
    (inc ? ` ${styled(theme, inc.text, { bold: true, inverse: true, color: TONE_COLOR[inc.tone] })}` : '') +
    (fit ? `  ${ident}` : '') +
    '   ' +
    counts.map((s, i) => styled(theme, `${i ? '  ' : ''}${s.text}`, { color: TONE_COLOR[s.tone], bold: s.bold === true })).join('') +
    styled(theme, note, { color: 'red', bold: true }) +
    ' '.repeat(gap) +
    (paused ? styled(theme, ' PAUSED ', { inverse: true, bold: true, color: 'yellow' }) : '') +
    shownClock
  );
}

/** Line two is about trust: each source's age, what a dead one means, and the keys that help. */
export function headerTrust(snap: Snapshot, o: HeaderOptions): string {
  const { width, paused, theme } = o;
  const narrow = width < 100;
  const trust = trustLine(snap);
  const keysHint = narrow ? '' : paused ? 'p resume  : cmd  ? help' : 'p pause  : cmd  ? help';
  const room = width - keysHint.length - 1;
  return styled(theme, truncate(` ${trust.text}`, room).padEnd(room), { color: trust.troubled ? 'yellow' : 'gray', bold: trust.troubled }) + styled(theme, ` ${keysHint}`, { dim: true });
}
