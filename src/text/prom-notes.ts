// What the sources line says of a Prometheus beyond ok/down: which of
// gptmon's alerts it evaluates (the rest are evaluated here), how far behind
// its answers are, what it warned of, and the alerts about other jobs and
// traders it also holds. Shared by `status`, `alerts` and the console header.

import type { Snapshot, SourceStatus } from '../engine/types.js';
import { sanitize } from '../util/sanitize.js';
import { formatAge } from './age.js';

/** A back end answering with samples this old says so; below it is scrape jitter. */
export const LAG_SHOWN_MS = 5000;

/** `rules: 0/21 in Prometheus, evaluated here`, `rules: 18/21 in Prometheus, 3 evaluated here`. */
export function rulesText(snap: Snapshot): string | undefined {
  const r = snap.rules;
  if (!r) return undefined;
  const head = `rules: ${r.inPrometheus}/${r.total} in Prometheus`;
  // With Prometheus down, why the rules were not read is the same reason, already shown.
  const why = r.problem && snap.sources.prometheus.state === 'ok' ? ` (rules not read: ${sanitize(r.problem)})` : '';
  if (r.inPrometheus === r.total) return head;
  if (r.inPrometheus === 0) return `${head}, evaluated here${why}`;
  return `${head}, ${r.evaluatedHere.length} evaluated here${why}`;
}

/** `data 30s behind`: the trader's newest sample against the time Prometheus answered for. */
export function lagText(s: SourceStatus): string | undefined {
  return s.state === 'ok' && s.lagMs !== undefined && s.lagMs >= LAG_SHOWN_MS ? `data ${formatAge(s.lagMs)} behind` : undefined;
}

/** `other alerts: 2 firing, 1 pending (not this trader's, not counted)`, or undefined when there are none live. */
export function otherAlertsText(snap: Snapshot, counted?: boolean): string | undefined {
  const live = snap.otherAlerts.filter((a) => a.state !== 'resolved');
  if (!live.length) return undefined;
  const firing = live.filter((a) => a.state === 'firing').length;
  const parts = [firing ? `${firing} firing` : '', live.length - firing ? `${live.length - firing} pending` : ''].filter(Boolean);
  return `other alerts: ${parts.join(', ')} (not this trader's${counted === false ? ', not counted' : ''})`;
}
