/** Which way is worse: `above` when a higher value is worse (drawdown, latency). */
export type Direction = 'above' | 'below';

/** A panel of the overview, by its title. */
export type PanelName = string;

/**
 * How a metric is read: a gauge as exposed, a histogram's quantile (from bucket
 * deltas when gptmon scrapes, histogram_quantile() in Prometheus), or a PromQL
 * expression of the team's own (Prometheus only).
 */
export type MetricRead = { as: 'gauge'; series: string } | { as: 'quantile'; series: string; q: number } | { as: 'query'; promql: string };
