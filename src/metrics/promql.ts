// A metric as PromQL: the one place the query for a metric is written, so the
// console's Prometheus queries and the exported alert rules cannot drift.

import type { MetricRead } from './types.js';

/** `{job="gpt-trader"}`-style matchers, or '' for none. */
export function matchers(labels: Record<string, string>): string {
  const list = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return list.length ? `{${list.join(', ')}}` : '';
}

/**
 * The quantile over the last minute of a histogram's buckets, as Prometheus
 * computes it: one per scraped trader (by job and instance), so a rule over
 * two traders in one job fires for the one whose latency it is.
 */
export function quantileExpr(series: string, q: number, labels: Record<string, string> = {}): string {
  return `histogram_quantile(${q}, sum by (job, instance, le) (rate(${series}_bucket${matchers(labels)}[1m])))`;
}

/** The PromQL that reads a metric, with extra label matchers (a condition's, a trader's selector). */
export function promqlFor(read: MetricRead, labels: Record<string, string> = {}): string {
  switch (read.as) {
    case 'gauge':
      return `${read.series}${matchers(labels)}`;
    case 'quantile':
      return quantileExpr(read.series, read.q, labels);
    case 'query':
      return `(${read.promql})`;
  }
}
