// The risk limits made into lines and alerts: each limit is its metric's
// critical line (the warning at `warn_at` of it), and a RiskLimitExceeded
// rule of its own, labelled with the limit, so the embedded evaluator and
// Prometheus (the exported rules) fire the same alert for the same breach.

import { parseCondition } from './condition.js';
import { RISK_ALERT, RISK_LIMITS } from './risk-limits.js';
import type { AlertSpec, MetricSpec, RiskLimits } from './types.js';

/** The metrics' lines follow the limits: a limit is the line, whatever the metric said before. */
export function applyRiskLines(metrics: Record<string, MetricSpec>, limits: RiskLimits): void {
  for (const def of RISK_LIMITS) {
    const spec = metrics[def.metric];
    if (!spec) continue;
    metrics[def.metric] = { ...spec, direction: 'above', warning: +(limits[def.key] * limits.warn_at).toPrecision(12), critical: limits[def.key] };
  }
}

/** One RiskLimitExceeded per limit; none when the team wrote a RiskLimitExceeded of its own. */
export function riskAlerts(limits: RiskLimits, metrics: Record<string, MetricSpec>, existing: AlertSpec[]): AlertSpec[] {
  if (existing.some((a) => a.name === RISK_ALERT)) return [];
  return RISK_LIMITS.flatMap((def) => {
    if (!metrics[def.metric]) return [];
    const condition = `${def.metric} > ${limits[def.key]}`;
    const parsed = parseCondition(condition);
    if (!parsed.ok) return [];
    const spec: AlertSpec = {
      name: RISK_ALERT,
      condition,
      expr: parsed.condition,
      durationMs: 0,
      actions: ['See which positions drive it', 'Reduce position sizes (gptmon reduce --scale …)', 'Page risk manager'],
      severity: 'high',
      runbook: 'risk-limits',
      summary: `${def.what} is past its limit (${def.key})`,
      valueKind: def.kind,
      availability: false,
      labels: { limit: def.key },
      generated: 'risk_limits',
    };
    return [spec];
  });
}
