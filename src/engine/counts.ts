// What the header counts: alerts firing by severity, those pending (as their
// own count), and values already past a critical line whose alert has not
// fired yet (its duration still running, or none watches it) — counted as
// CRIT, so the header never reads calmer than the rows below it.

import { conditionMetrics } from '../config/condition.js';
import type { Config, Severity } from '../config/types.js';
import { specOf } from '../config/alert-match.js';
import type { AlertView, MetricView } from './types.js';

export interface Counts {
  firing: Record<Severity, number>;
  pending: number;
  /** Metrics past a critical line with no critical or high alert firing on them. */
  pastCritical: string[];
}

export function countsOf(alerts: AlertView[], metrics: Record<string, MetricView>, config: Config): Counts {
  const firing: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let pending = 0;
  const covered = new Set<string>();
  for (const a of alerts) {
    if (a.state === 'pending') pending++;
    if (a.state !== 'firing') continue;
    firing[a.severity]++;
    if (a.severity !== 'critical' && a.severity !== 'high') continue;
    const spec = specOf(config.alerts, a.name, a.labels);
    for (const m of spec ? conditionMetrics(spec.expr) : []) covered.add(m);
  }
  // A loop, as it runs every tick: a closure made per call loses its optimised code at each full collection.
  const pastCritical: string[] = [];
  for (const name in metrics) {
    const m = metrics[name]!;
    if (m.judged && m.level === 'critical' && !m.noData && !covered.has(m.name)) pastCritical.push(m.name);
  }
  return { firing, pending, pastCritical };
}
