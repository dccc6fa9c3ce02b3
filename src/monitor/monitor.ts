// The monitor wires the sources to the engine: one tick polls every source
// that is due, all at once, each with its own deadline, and hands the results
// to the engine with the time they were taken. The console and the one-shot
// commands both use it; neither fetches on its own.

import type { Config } from '../config/types.js';
import { Engine } from '../engine/engine.js';
import { dueNow, pollIntervalMs } from '../engine/schedule.js';
import type { Snapshot } from '../engine/types.js';
import { AlertmanagerPeers } from '../sources/alertmanager-peers.js';
import { createHttp, type Http } from '../sources/http.js';
import { PrometheusClient } from '../sources/prometheus.js';
import type { PromSample } from '../sources/types.js';
import type { SeriesValue } from '../engine/readings.js';
import { fetchHealth, scrapeMetrics } from '../sources/trader.js';
import { loadAlertState, saveAlertState } from '../store/alert-state-file.js';
import { AckService } from './ack-service.js';
import type { Observer } from '../incidents/observer.js';
import { buildQueries } from './prom-queries.js';
import { DatabaseHealth } from './database-health.js';

export interface MonitorOptions {
  config: Config;
  /** Where acks are kept when there is no Alertmanager. */
  ackFile: string;
  refreshMs?: number;
  clock?: () => number;
  http?: Http;
  onConnect?: (origin: string) => void;
  /** The flight recorder: what each snapshot shows happened is recorded (incidents, the rolling log). */
  observer?: Observer;
}

export class Monitor {
  readonly engine: Engine;
  readonly acks: AckService;
  private readonly http: Http;
  private readonly prom?: PrometheusClient;
  private readonly clock: () => number;
  private readonly refreshMs: number;
  private readonly lastPolled: Record<string, number | undefined> = {};
  /** The trader's database, when one is configured: its connections. */
  private readonly database?: DatabaseHealth;

  constructor(private readonly opts: MonitorOptions) {
    const { config } = opts;
    this.clock = opts.clock ?? Date.now;
    this.refreshMs = opts.refreshMs ?? 1000;
    this.http = opts.http ?? createHttp({ timeoutMs: config.timeoutMs, ...(opts.onConnect ? { onConnect: opts.onConnect } : {}) });
    this.engine = new Engine(config, { staleAfterMs: Math.max(3 * this.refreshMs, 5000) });
    if (config.prometheus) this.prom = new PrometheusClient(this.http, config.prometheus);
    const am = config.alertmanager ? new AlertmanagerPeers(this.http, config.alertmanager) : undefined;
    this.acks = new AckService(opts.ackFile, am, this.clock);
    if (config.database) this.database = new DatabaseHealth(config.database, config.metrics.database_connections, config.timeoutMs, this.clock);
  }

  /** One poll of everything due. Never throws: failures become source states. */
  async tick(): Promise<Snapshot> {
    const { config } = this.opts;
    const jobs: Array<Promise<void>> = [];
    jobs.push(fetchHealth(this.http, config.trader).then((r) => this.engine.recordHealth(this.clock(), r)));
    if (this.prom) jobs.push(this.pollPrometheus(this.prom));
    else jobs.push(scrapeMetrics(this.http, config.trader, { maxBytes: config.maxScrapeBytes, keep: wantedSeries(config) }).then((r) => this.engine.recordScrape(this.clock(), r)));
    jobs.push(this.acks.list().then((l) => this.engine.recordAcks(this.clock(), l.alertmanager, l.local, l.localError)));
    if (this.database) jobs.push(this.database.poll());
    await Promise.all(jobs);
    if (this.database) this.engine.setProblem('database', this.database.problem());
    const snap = this.snapshot();
    if (!this.opts.observer) return snap;
    // Recording never stops monitoring: a log that cannot be written is a problem shown, then gone when it clears.
    const recorded = this.opts.observer.observe(snap);
    this.engine.setProblem('incidents', recorded.ok ? undefined : `the incident log cannot be written: ${recorded.reason}`);
    return recorded.ok ? snap : this.snapshot();
  }

  private async pollPrometheus(prom: PrometheusClient): Promise<void> {
    const now = this.clock();
    const specs = Object.values(this.opts.config.metrics);
    const intervals = Object.fromEntries(specs.map((s) => [s.name, pollIntervalMs(s.checkIntervalMs, this.refreshMs)]));
    const due = new Set(dueNow(intervals, this.lastPolled, now, this.refreshMs));
    const queries = buildQueries(specs.filter((s) => due.has(s.name)));
    const [answers, alerts] = await Promise.all([Promise.all(queries.map((q) => prom.query(q.expr))), prom.alerts()]);
    const at = this.clock();
    const values: Record<string, SeriesValue[]> = {};
    let failed: { reason: string; ms: number } | undefined;
    let info: { site?: string; model?: string } | undefined;
    // A series may feed several metrics (a gauge shown and judged under two names).
    const bySeries = new Map<string, string[]>();
    for (const s of specs) if (s.read.as === 'gauge') bySeries.set(s.read.series, [...(bySeries.get(s.read.series) ?? []), s.name]);
    answers.forEach((res, i) => {
      const q = queries[i]!;
      if (!res.ok) {
        failed ??= { reason: res.reason, ms: res.ms };
        return;
      }
      if (q.as !== 'byName') {
        // A quantile with no observations in its window is empty or NaN: idle, not missing.
        const series = res.value.filter((s) => !Number.isNaN(s.value)).map((s) => ({ labels: s.labels, value: s.value }));
        if (series.length) values[q.as] = series;
        return;
      }
      for (const [name, samples] of byName(res.value)) {
        const sample = samples[0]!;
        if (name === 'trader_info') info = { ...(sample.labels.site ? { site: sample.labels.site } : {}), ...(sample.labels.model ? { model: sample.labels.model } : {}) };
        else for (const metric of bySeries.get(name) ?? [name]) values[metric] = samples.map((s) => ({ labels: withoutName(s.labels), value: s.value }));
      }
      // Every gauge due and not answered is not exposed now.
      for (const s of specs) if (due.has(s.name) && s.read.as === 'gauge' && !values[s.name]) values[s.name] = [];
    });
    if (!failed) {
      for (const name of due) this.lastPolled[name] = now;
    }
    this.engine.recordPrometheus(at, values, failed, alerts, info);
  }

  snapshot(): Snapshot {
    const snap = this.engine.snapshot(this.clock());
    return this.database ? { ...snap, database: this.database.view() } : snap;
  }

  /** Picks up the embedded alert states a recent run left, so durations carry over. */
  restoreAlertState(file: string): void {
    if (this.prom) return;
    const saved = loadAlertState(file, this.opts.config.trader, this.clock());
    if (saved) this.engine.importState(saved);
  }

  saveAlertState(file: string): void {
    if (this.prom) return;
    saveAlertState(file, this.opts.config.trader, this.clock(), this.engine.exportState());
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.database?.close()]);
  }
}

/** The samples of an answer by metric name; for `up`, the trader's job if several are scraped. */
function byName(samples: PromSample[]): Map<string, PromSample[]> {
  const out = new Map<string, PromSample[]>();
  for (const s of samples) {
    const name = s.labels.__name__;
    if (!name) continue;
    if (name === 'up' && s.labels.job !== undefined && s.labels.job !== 'gpt-trader') continue;
    out.get(name)?.push(s) ?? out.set(name, [s]);
  }
  return out;
}

const withoutName = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k]) => k !== '__name__'));

/** The series a scrape keeps: what the metrics read (a histogram's families too), and who the trader is. */
const wantedCache = new WeakMap<Config, (name: string) => boolean>();
function wantedSeries(config: Config): (name: string) => boolean {
  let keep = wantedCache.get(config);
  if (!keep) {
    const names = new Set(['trader_info']);
    for (const m of Object.values(config.metrics)) if (m.read.as !== 'query') names.add(m.read.series);
    keep = (name) => names.has(name);
    wantedCache.set(config, keep);
  }
  return keep;
}
