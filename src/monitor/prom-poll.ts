// One tick against Prometheus: the due metrics of the watched trader (its
// selector in every query), when it was last scraped, the alerts, and the
// rules when asked for, all at once; the answers turned into what the engine
// records. A query Prometheus refuses marks its own metric; only the main
// query (every gauge, `up`) or the alerts failing mark the source.

import type { MetricSpec } from '../config/types.js';
import type { PromTick } from '../engine/engine.js';
import type { SeriesValue } from '../engine/readings.js';
import type { PrometheusClient } from '../sources/prometheus.js';
import type { PromSample } from '../sources/types.js';
import { buildQueries } from './prom-queries.js';

export interface PollRequest {
  specs: MetricSpec[];
  due: Set<string>;
  selector: Record<string, string>;
  withRules: boolean;
}

export async function pollPrometheus(prom: PrometheusClient, req: PollRequest): Promise<PromTick> {
  const { specs, due, selector } = req;
  const queries = buildQueries(specs.filter((s) => due.has(s.name)), selector);
  const [answers, alerts, rules] = await Promise.all([Promise.all(queries.map((q) => prom.query(q.expr))), prom.alerts(), req.withRules ? prom.rules() : undefined]);
  const tick: PromTick = { values: {}, metricErrors: {}, ms: 0, alerts, warnings: [], ...(rules ? { rules } : {}) };
  const refused = new Map<string, { reason: string; badQuery: boolean }>();
  // A series may feed several metrics (a gauge shown and judged under two names).
  const bySeries = new Map<string, string[]>();
  for (const s of specs) if (s.read.as === 'gauge') bySeries.set(s.read.series, [...(bySeries.get(s.read.series) ?? []), s.name]);
  answers.forEach((res, i) => {
    const q = queries[i]!;
    if (res.ok && res.warnings) tick.warnings.push(...res.warnings);
    if (q.as === 'byName') {
      tick.ms = res.ms;
      if (!res.ok) {
        tick.failed = { reason: res.reason, ms: res.ms };
        return;
      }
      const found = byName(res.value);
      for (const [name, samples] of found) {
        if (name === 'trader_info') tick.info = infoOf(samples[0]!);
        else for (const metric of bySeries.get(name) ?? [name]) tick.values[metric] = samples.map((s) => ({ labels: withoutName(s.labels), value: s.value }));
      }
      // Every gauge due and not answered is not exposed now; no `up` at all: not scraped under this selector.
      for (const s of specs) if (due.has(s.name) && s.read.as === 'gauge' && !tick.values[s.name]) tick.values[s.name] = [];
      tick.values.up ??= [];
      const ups = found.get('up');
      if (ups?.length === 1) tick.target = withoutName(ups[0]!.labels);
    } else if (q.as === 'scrapedAt') {
      // The newest scrape against the time the answer is for: a back end's own lag (VictoriaMetrics's 30 s).
      const newest = res.ok ? Math.max(...res.value.map((s) => s.value * 1000)) : NaN;
      const answeredAt = res.ok ? res.value[0]?.at : undefined;
      if (Number.isFinite(newest) && answeredAt !== undefined) tick.lagMs = Math.max(0, answeredAt - newest);
    } else if (!res.ok) {
      refused.set(q.metric, { reason: res.reason, badQuery: Boolean(res.badQuery) });
    } else {
      // A quantile with no observations in its window is empty or NaN: idle, not missing.
      const series: SeriesValue[] = res.value.filter((s) => !Number.isNaN(s.value)).map((s) => ({ labels: withoutName(s.labels), value: s.value }));
      if (series.length) tick.values[q.metric] = series;
    }
  });
  // With the source itself failing, a query that failed with it says nothing of its own; one Prometheus refused does.
  for (const [metric, r] of refused) if (r.badQuery || !tick.failed) tick.metricErrors[metric] = r.reason;
  // What every series of the trader carries says nothing of one series: shown as the embedded mode shows them.
  if (tick.target) for (const series of Object.values(tick.values)) for (const s of series) s.labels = ownLabels(s.labels, tick.target);
  return tick;
}

const ownLabels = (labels: Record<string, string>, target: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k, v]) => target[k] !== v));

/** The samples of an answer by metric name; for `up`, the gpt-trader job's when the selector matches several. */
function byName(samples: PromSample[]): Map<string, PromSample[]> {
  const out = new Map<string, PromSample[]>();
  for (const s of samples) {
    const name = s.labels.__name__;
    if (!name) continue;
    out.get(name)?.push(s) ?? out.set(name, [s]);
  }
  const up = out.get('up');
  if (up && up.length > 1 && up.some((s) => s.labels.job === 'gpt-trader')) out.set('up', up.filter((s) => s.labels.job === 'gpt-trader'));
  return out;
}

const infoOf = (sample: PromSample) => ({ ...(sample.labels.site ? { site: sample.labels.site } : {}), ...(sample.labels.model ? { model: sample.labels.model } : {}) });

const withoutName = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k]) => k !== '__name__'));
