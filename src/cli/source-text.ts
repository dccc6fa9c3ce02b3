import type { Snapshot, SourceStatus } from '../engine/types.js';
import { formatAge } from '../text/format.js';
import { sanitize } from '../util/sanitize.js';
import { lagText, rulesText } from '../text/prom-notes.js';
import { wrap } from '../text/wrap.js';

/** `trader ok 12ms`, `metrics stale 20s (timed out after 3s)`, `alertmanager off`. */
export function sourceText(s: SourceStatus, now: number): string {
  switch (s.state) {
    case 'off':
      return `${s.name} off`;
    case 'ok': {
      const lag = lagText(s);
      return `${s.name} ok${s.ms !== undefined ? ` ${s.ms}ms` : ''}${lag ? `, ${lag}` : ''}`;
    }
    // A reason can quote what the server answered: sanitised.
    case 'stale':
      return `${s.name} stale ${formatAge(now - (s.lastOkAt ?? now))} (${sanitize(s.reason)})`;
    case 'down':
      return `${s.name} DOWN${s.since !== undefined && s.lastOkAt !== undefined ? ` ${formatAge(now - s.since)}` : ''} (${sanitize(s.reason)})`;
  }
}

export function sourcesLine(snap: Snapshot): string {
  const order = snap.mode === 'embedded' ? (['trader', 'metrics', 'alertmanager'] as const) : (['trader', 'prometheus', 'alertmanager'] as const);
  const rules = rulesText(snap);
  return [...order.map((n) => sourceText(snap.sources[n], snap.now)), ...(rules ? [rules] : [])].join(' · ');
}

/** `sources: …` wrapped at the width, the lines after the first indented: it is never cut. */
export function sourcesLines(snap: Snapshot, width: number): string[] {
  const lines = wrap(`sources: ${sourcesLine(snap)}`, width, '  ');
  lines[0] = lines[0]!.trimStart();
  return lines;
}
