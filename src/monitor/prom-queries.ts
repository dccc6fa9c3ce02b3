// What gptmon asks Prometheus each tick: one instant query for every plain
// gauge due (a __name__ regex), and one per other metric (a quantile, a
// team's own PromQL), all at once. The PromQL for a metric comes from the one
// place that writes it (src/metrics/promql.ts), shared with the exported rules.

import type { MetricSpec } from '../config/types.js';
import { promqlFor } from '../metrics/promql.js';

export interface PromQuery {
  expr: string;
  /** Which metric the result feeds; `byName` for the gauge regex query. */
  as: string | 'byName';
}

/** Besides the metrics: whether the trader is scraped at all, and who it is. */
const ALWAYS = ['up', 'trader_info'];

export function buildQueries(due: MetricSpec[]): PromQuery[] {
  const queries: PromQuery[] = [];
  const gauges = new Set<string>(ALWAYS);
  for (const spec of due) {
    if (spec.read.as === 'gauge') gauges.add(spec.read.series);
    else queries.push({ expr: promqlFor(spec.read), as: spec.name });
  }
  queries.unshift({ expr: `{__name__=~"${[...gauges].sort().join('|')}"}`, as: 'byName' });
  return queries;
}
