// What gptmon asks Prometheus each tick: one instant query for every plain
// gauge due (a __name__ regex), one per other metric (a quantile, a team's
// own PromQL), and when the trader was last scraped, all at once. Each selects
// the watched trader's series (the config's selector), so a Prometheus that
// scrapes two traders never shows one's numbers as the other's. The PromQL
// for a metric comes from the one place that writes it (src/metrics/promql.ts),
// shared with the exported rules.

import type { MetricSpec } from '../config/types.js';
import { matchers, promqlFor } from '../metrics/promql.js';

export type PromQuery =
  | { expr: string; as: 'byName' }
  /** The sample time of `up`: how old the newest data Prometheus answers with is. */
  | { expr: string; as: 'scrapedAt' }
  /** The metric the result feeds. */
  | { expr: string; as: 'metric'; metric: string };

/** Besides the metrics: whether the trader is scraped at all, and who it is. */
const ALWAYS = ['up', 'trader_info'];

const escapeRegex = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function buildQueries(due: MetricSpec[], selector: Record<string, string>): PromQuery[] {
  const queries: PromQuery[] = [];
  const gauges = new Set<string>(ALWAYS);
  for (const spec of due) {
    if (spec.read.as === 'gauge') gauges.add(spec.read.series);
    // A team's own PromQL selects its own series: it is sent as written.
    else queries.push({ expr: promqlFor(spec.read, selector), as: 'metric', metric: spec.name });
  }
  const names = `__name__=~${JSON.stringify([...gauges].sort().map(escapeRegex).join('|'))}`;
  const rest = matchers(selector).slice(1, -1);
  queries.unshift({ expr: `{${[names, rest].filter(Boolean).join(', ')}}`, as: 'byName' });
  queries.push({ expr: `timestamp(up${matchers(selector)})`, as: 'scrapedAt' });
  return queries;
}
