// What gptmon asks Prometheus each tick: one instant query for every plain
// gauge due (a __name__ regex), and one per latency quantile, all at once.

import type { MetricSpec } from '../config/types.js';
import { PANEL_GAUGES, p50Name } from '../engine/series.js';

export interface PromQuery {
  expr: string;
  /** Which series name each result feeds; `byName` for the gauge regex query. */
  as: string | 'byName';
}

export function quantileQuery(metric: string, q: number): string {
  return `histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket[1m])))`;
}

export function buildQueries(due: MetricSpec[], withPanels: boolean): PromQuery[] {
  const queries: PromQuery[] = [];
  const gauges = new Set<string>(withPanels ? [...PANEL_GAUGES, 'up', 'trader_info'] : []);
  for (const spec of due) {
    if (spec.query) queries.push({ expr: spec.query, as: spec.name });
    else if (spec.quantile !== undefined) {
      queries.push({ expr: quantileQuery(spec.metric, spec.quantile), as: spec.name });
      queries.push({ expr: quantileQuery(spec.metric, 0.5), as: p50Name(spec.name) });
    } else gauges.add(spec.metric);
  }
  if (gauges.size) queries.unshift({ expr: `{__name__=~"${[...gauges].sort().join('|')}"}`, as: 'byName' });
  return queries;
}
