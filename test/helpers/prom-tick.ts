import type { PromTick } from '../../src/engine/engine.js';
import type { SeriesValue } from '../../src/engine/readings.js';
import type { PromRule } from '../../src/sources/types.js';

/** One Prometheus tick for the engine: the values read, and by default no alerts, no rules read, nothing wrong. */
export function tick(values: Record<string, SeriesValue[]>, over: Partial<PromTick> = {}): PromTick {
  return { values, metricErrors: {}, ms: 2, alerts: { ok: true, value: [], ms: 2 }, warnings: [], ...over };
}

/** /api/v1/rules as read: a healthy alerting rule for each name. */
export function rulesOf(names: string[]): PromTick['rules'] {
  return { ok: true, ms: 1, value: names.map((name): PromRule => ({ name, durationS: 0, labels: {}, annotations: {}, query: '', health: 'ok' })) };
}
