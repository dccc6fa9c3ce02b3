// The monitor wires the sources to the engine: one tick polls every source
// that is due, all at once, each with its own deadline, and hands the results
// to the engine with the time they were taken. The console and the one-shot
// commands both use it; neither fetches on its own.

import type { Config } from '../config/types.js';
import { Engine } from '../engine/engine.js';
import { dueNow, pollIntervalMs } from '../engine/schedule.js';
import type { Snapshot } from '../engine/types.js';
import type { Fetched } from '../sources/types.js';
import { AlertmanagerPeers } from '../sources/alertmanager-peers.js';
import { createHttp, type Http } from '../sources/http.js';
import { PrometheusClient } from '../sources/prometheus.js';
import { endpointFor, readCa, withEndpoints, type Endpoint } from '../sources/auth.js';
import { fetchHealth, scrapeMetrics } from '../sources/trader.js';
import { loadAlertState, saveAlertState } from '../store/alert-state-file.js';
import { AckService } from './ack-service.js';
import type { Observer } from '../incidents/observer.js';
import { ackChangeEvent } from '../incidents/observe.js';
import { valuesOf } from '../incidents/values.js';
import { pollPrometheus } from './prom-poll.js';
import { RulesSchedule } from './rules-schedule.js';
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
  private readonly rules = new RulesSchedule();
  /** The trader's database, when one is configured: its connections. */
  private readonly database?: DatabaseHealth;

  constructor(private readonly opts: MonitorOptions) {
    const { config } = opts;
    this.clock = opts.clock ?? Date.now;
    this.refreshMs = opts.refreshMs ?? 1000;
    const tls = readCa(config.ca_file);
    const http = opts.http ?? createHttp({ timeoutMs: config.timeoutMs, ...(opts.onConnect ? { onConnect: opts.onConnect } : {}), ...(tls.ca ? { ca: tls.ca } : {}) });
    this.engine = new Engine(config, { staleAfterMs: Math.max(3 * this.refreshMs, 5000) });
    // Credentials go in headers, never in the URLs the clients hold (and may show).
    const prometheus = config.prometheus ? endpointFor(config.prometheus, config.prometheus_auth, 'prometheus_auth') : undefined;
    const alertmanagers = (config.alertmanager ?? []).map((u) => endpointFor(u, config.alertmanager_auth, 'alertmanager_auth'));
    this.http = withEndpoints(http, [...(prometheus ? [prometheus] : []), ...alertmanagers], tls.problem);
    if (prometheus) this.prom = new PrometheusClient(this.http, prometheus.url);
    const am = alertmanagers.length ? new AlertmanagerPeers(this.http, alertmanagers.map((e) => e.url)) : undefined;
    this.acks = new AckService(opts.ackFile, am, this.clock, (c) => {
      const recorder = opts.observer?.recorder;
      if (!recorder) return;
      // `gptmon ack` may not have read the trader: then the values another gptmon recorded in the last minute.
      const values = valuesOf(this.snapshot()) ?? recorder.latestValues(60_000);
      const recorded = recorder.record([ackChangeEvent(c.kind, c.ack, c.operator, values, this.clock())], c.operator);
      if (!recorded.ok) this.engine.setProblem('incidents', `the incident log cannot be written: ${recorded.reason}`);
    });
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
    const withRules = this.rules.due(now);
    const tick = await pollPrometheus(prom, { specs, due, selector: this.opts.config.selector, withRules });
    if (!tick.failed) for (const name of due) this.lastPolled[name] = now;
    this.rules.polled(now, tick);
    this.engine.recordPrometheus(this.clock(), tick);
  }

  /**
   * One PromQL expression evaluated at a moment, through the same endpoint
   * (auth, CA) as the console's queries: the daily review's figures over a
   * day. `undefined` value: Prometheus answered with no series.
   */
  async promAt(expr: string, atMs: number): Promise<Fetched<number | undefined>> {
    if (!this.prom) return { ok: false, reason: 'no Prometheus configured', ms: 0 };
    // Up to the end of the second: a sample scraped in the moment's own second is part of it.
    const s = Math.ceil(atMs / 1000);
    const res = await this.prom.queryRange(expr, s, s, 60);
    if (!res.ok) return res;
    const point = res.value[0]?.points.at(-1);
    return { ok: true, value: point && Number.isFinite(point[1]) ? point[1] : undefined, ms: res.ms };
  }

  snapshot(): Snapshot {
    const snap = this.engine.snapshot(this.clock());
    return this.database ? { ...snap, database: this.database.view() } : snap;
  }

  /** Picks up the embedded alert states a recent run left, so durations carry over (with Prometheus: of the alerts evaluated here). */
  restoreAlertState(file: string): void {
    const saved = loadAlertState(file, this.opts.config.trader, this.clock());
    if (saved) this.engine.importState(saved);
  }

  saveAlertState(file: string): void {
    saveAlertState(file, this.opts.config.trader, this.clock(), this.engine.exportState());
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.database?.close()]);
  }
}

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
