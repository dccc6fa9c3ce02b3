// The risk limits and how far each is from its line, as the circuit breakers
// are shown: the value (the worst series), the limit, the share used, and a
// level (warning from `warn_at` of the limit, critical past it). A value not
// read has no level: unknown is never shown as within the limit.

import { RISK_LIMITS } from '../config/risk-limits.js';
import type { RiskLimits } from '../config/types.js';
import type { RiskLimitView, MetricView } from './types.js';

export function riskLimitViews(metrics: Record<string, MetricView>, limits: RiskLimits): RiskLimitView[] {
  return RISK_LIMITS.map((def) => {
    const m = metrics[def.metric];
    const limit = limits[def.key];
    const view: RiskLimitView = { key: def.key, label: def.label, metric: def.metric, kind: def.kind, limit, warnAt: limits.warn_at };
    if (m?.value === undefined) return view;
    const used = m.value / limit;
    return { ...view, value: m.value, used, level: used > 1 ? 'critical' : used > limits.warn_at ? 'warning' : 'ok', ...(m.stale ? { stale: true } : {}) };
  });
}
