// The one answer to "how bad is it now", shared by `gptmon status` (its
// headline and Nagios exit code) and the console's header, so they cannot
// disagree with the worst row or the worst firing alert:
//   CRITICAL (2): a value past its critical line, a critical or high alert
//     firing, or SystemDown firing (the trader has been dark for its duration);
//   UNKNOWN (3): nothing could be read, or the trader is not answering and
//     SystemDown has not yet fired (it may be a blip; it is not OK);
//   WARNING (1): a warning line crossed, a medium or low alert firing, a
//     metric with no data or whose own query failed, an unhealthy component,
//     a source that could not be read, unreadable /metrics lines, a problem
//     (gptmon's own files, a Prometheus warning, a selector that selects nothing);
//   OK (0): none of these.
// An alert Alertmanager inhibits counts as any other firing alert (its
// condition holds; only its page is held back), its reason saying by what.
//
// The alerts judged are `snap.alerts`, the watched trader's: other jobs' and
// traders' alerts (`snap.otherAlerts`) change nothing here unless the engine
// hands them in (the config's `other_alerts: count`).

import { formatAge } from '../text/age.js';
import type { AlertView, MetricView, Snapshot, SourceStatus } from './types.js';

export interface Verdict {
  code: 0 | 1 | 2 | 3;
  word: 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';
  /** Why, worst first, one short line each. */
  reasons: string[];
}

const WORD = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

const dark = (s: SourceStatus) => s.state === 'down' || s.state === 'stale';

/** How long the trader has not answered (since it last did), when neither its health nor its values come. */
export function traderSilentFor(snap: Pick<Snapshot, 'mode' | 'sources' | 'now'>): number | undefined {
  const health = snap.sources.trader;
  const values = snap.mode === 'embedded' ? snap.sources.metrics : undefined;
  if (!dark(health) || (values && !dark(values))) return undefined;
  const last = (s: SourceStatus) => s.lastOkAt ?? s.since ?? snap.now;
  return snap.now - Math.max(last(health), values ? last(values) : 0);
}

export function verdictOf(snap: Omit<Snapshot, 'verdict' | 'worst' | 'counts'>, labelOf: (name: string) => string = (n) => n): Verdict {
  const firing = snap.alerts.filter((a) => a.state === 'firing');
  const down = firing.find((a) => a.availability);
  if (down) return { code: 2, word: 'CRITICAL', reasons: [`${down.name} firing: the trader has not answered for ${formatAge(snap.now - down.activeAt)}`] };
  // A one-shot run knows since when from the runs before it (SystemDown pending since then).
  const waiting = snap.alerts.find((a) => a.availability && a.state === 'pending');
  if (snap.unknown && waiting) return { code: 3, word: 'UNKNOWN', reasons: [`trader not answering for ${formatAge(snap.now - waiting.activeAt)}`] };
  if (snap.unknown) return { code: 3, word: 'UNKNOWN', reasons: ['nothing could be read'] };
  const silent = traderSilentFor(snap);
  if (silent !== undefined) return { code: 3, word: 'UNKNOWN', reasons: [`trader not answering for ${formatAge(silent)}`] };

  const critical: string[] = [];
  // Problems first among the warnings: one (a selector that selects nothing) may be why every metric has no data.
  const warning: string[] = [...snap.problems];
  const metrics = Object.values(snap.metrics) as MetricView[];
  for (const m of metrics) {
    if (m.error) warning.push(`${labelOf(m.name)}: query failed (${m.error})`);
    if (!m.judged && !m.noData) continue;
    if (m.noData) warning.push(`${labelOf(m.name)}: no data (${m.noData})`);
    else if (m.level === 'critical') critical.push(`${labelOf(m.name)} past its critical line`);
    else if (m.level === 'warning') warning.push(`${labelOf(m.name)} past its warning line`);
  }
  // An inhibited alert still counts (its condition holds), said as such and after those that page.
  const byAlert = (list: AlertView[]) => [...list.filter((a) => !a.inhibitedBy), ...list.filter((a) => a.inhibitedBy)].map((a) => `${a.name} firing${a.inhibitedBy ? ` (inhibited by ${a.inhibitedBy.join(', ')})` : ''}`);
  critical.push(...byAlert(firing.filter((a) => a.severity === 'critical' || a.severity === 'high')));
  warning.push(...byAlert(firing.filter((a) => a.severity === 'medium' || a.severity === 'low')));
  const sick = snap.trader.components.filter((c) => !c.healthy);
  if (sick.length) warning.push(`unhealthy: ${sick.map((c) => c.name).join(', ')}`);
  for (const s of Object.values(snap.sources)) if (dark(s)) warning.push(`${s.name} ${s.state}`);
  if (snap.scrape?.unreadable) warning.push(`/metrics: ${snap.scrape.unreadable} line${snap.scrape.unreadable === 1 ? '' : 's'} unreadable`);
  if (snap.scrape?.duplicates.length) warning.push(`/metrics: duplicate series ${snap.scrape.duplicates.join(', ')}`);
  const code = critical.length ? 2 : warning.length ? 1 : 0;
  return { code, word: WORD[code], reasons: [...critical, ...warning] };
}
