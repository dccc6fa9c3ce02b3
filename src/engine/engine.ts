// The engine: fed poll results with the time they were taken, it keeps what
// was read of every metric (every series of it), runs the alerts (or takes
// them from Prometheus), and answers a snapshot for any `now`: every value
// with its age and its state, the alerts live first, the trader as last seen,
// and one verdict. No I/O and no clock of its own: tests drive it with a fake one.

import type { Config } from '../config/types.js';
import type { AmAlert, Exposition, Fetched, Histogram, Sample, TraderHealth } from '../sources/types.js';
import type { AlertTrack } from './alert-state.js';
import { sortLiveFirst } from './alert-order.js';
import { breakers } from './breakers.js';
import { riskLimitViews } from './risk-limits.js';
import { classify } from './classify.js';
import { countsOf } from './counts.js';
import { EmbeddedAlerts } from './embedded-alerts.js';
import type { Lookup } from './evaluate.js';
import { distinguish } from './distinguish.js';
import { delta, quantile } from './histogram.js';
import { PromAlerts } from './prom-alerts.js';
import { PrometheusState, type PromTick } from './prometheus-state.js';
import { Readings, worstOf } from './readings.js';
import { matcherProblem, matcherText } from './matchers.js';
import { pagingOf, type AmTruth } from './paging.js';
import { histogramOf } from './samples.js';
import { HISTOGRAM_WINDOW_MS } from './series.js';
import { SourceTracker } from './source-status.js';
import { traderView } from './trader-view.js';
import type { Ack, AlertView, MetricView, Snapshot, SourceName } from './types.js';
import { HISTORY_SHOWN } from './history.js';
import { verdictOf } from './verdict.js';
import { matchers } from '../metrics/promql.js';

export { normaliseSeverity } from './prom-alerts.js';
export type { PromTick } from './prometheus-state.js';

export interface EngineOptions {
  /** A value older than this is shown as stale even if its source answered since. */
  staleAfterMs?: number;
  historyPoints?: number;
}

export class Engine {
  readonly mode: 'embedded' | 'prometheus';
  private readonly readings: Readings;
  private readonly histograms = new Map<string, Array<{ at: number; h: Histogram }>>();
  private readonly embedded: EmbeddedAlerts;
  private readonly prom: PromAlerts;
  private readonly promState: PrometheusState;
  private readonly sources: Record<SourceName, SourceTracker>;
  private health?: TraderHealth & { at: number };
  private info: { site?: string; model?: string } = {};
  private scrape?: { unreadable: number; duplicates: string[] };
  private localAcks: Ack[] = [];
  private amAcks: Ack[] = [];
  private amTruth?: AmTruth;
  private localAckProblem: string | undefined;
  /** What gptmon could not do with its own files besides acks, by what it was doing. */
  private readonly problems = new Map<string, string>();
  private readonly staleAfterMs: number;
  /** A gauge's series name → its metric: what a rule may name instead of the metric. */
  private readonly bySeries: Map<string, string>;
  /** The tick being evaluated: whether its source answered, and which metrics it read. */
  private scraped: { ok: boolean; read: Set<string> } = { ok: false, read: new Set() };

  constructor(
    private readonly config: Config,
    opts: EngineOptions = {},
  ) {
    this.mode = config.prometheus ? 'prometheus' : 'embedded';
    this.staleAfterMs = opts.staleAfterMs ?? 10_000;
    this.readings = new Readings(config.metrics, opts.historyPoints ?? 600);
    this.embedded = new EmbeddedAlerts(config, config.resolvedKeepMs);
    this.prom = new PromAlerts(config, config.resolvedKeepMs);
    this.promState = new PrometheusState(config);
    this.bySeries = new Map(Object.values(config.metrics).flatMap((m) => (m.read.as === 'gauge' ? [[m.read.series, m.name] as const] : [])));
    this.sources = {
      trader: new SourceTracker('trader', true),
      metrics: new SourceTracker('metrics', this.mode === 'embedded'),
      prometheus: new SourceTracker('prometheus', this.mode === 'prometheus'),
      alertmanager: new SourceTracker('alertmanager', Boolean(config.alertmanager)),
    };
  }

  /** Embedded mode: one scrape of the trader's /metrics, then every alert over it. */
  recordScrape(at: number, result: Fetched<Exposition>): void {
    this.sources.metrics.record(at, result);
    this.readings.record('up', [{ labels: {}, value: result.ok ? 1 : 0 }], at);
    // What this scrape said of each metric; a quantile whose window is not full yet says nothing.
    const read = new Set<string>();
    if (result.ok) {
      const e = result.value;
      this.scrape = { unreadable: e.unreadable, duplicates: e.duplicates };
      const byName = new Map<string, Sample[]>();
      for (const s of e.samples) byName.get(s.name)?.push(s) ?? byName.set(s.name, [s]);
      const windows = new Map<string, Histogram | undefined | 'absent'>();
      for (const spec of Object.values(this.config.metrics)) {
        const r = spec.read;
        if (r.as === 'gauge') {
          this.readings.record(spec.name, valuesOf(byName.get(r.series)), at);
          read.add(spec.name);
        } else if (r.as === 'quantile') {
          if (!windows.has(r.series)) windows.set(r.series, this.window(e.samples, r.series, at));
          const w = windows.get(r.series);
          if (w === 'absent') {
            this.readings.record(spec.name, [], at);
            read.add(spec.name);
          } else if (w && w.count > 0) {
            const q = quantile(r.q, w);
            if (q !== undefined) {
              this.readings.record(spec.name, [{ labels: {}, value: q }], at);
              read.add(spec.name);
            }
          }
        }
      }
      const info = byName.get('trader_info')?.[0];
      if (info) this.info = { ...(info.labels.site ? { site: info.labels.site } : {}), ...(info.labels.model ? { model: info.labels.model } : {}) };
    }
    this.scraped = { ok: result.ok, read };
    this.embedded.step(at, this.lookupScraped);
  }

  /**
   * What a condition reads: `up` always; a metric's series when this scrape
   * read it (`[]`: not exposed, so alerts on it resolve); undefined when it
   * could not be read (the scrape failed, a quantile's window is not full),
   * so alerts on it hold as they were.
   */
  // One function for the engine's life, reading the tick's answer from a field: a closure made per tick
  // dies between ticks, and V8 drops its optimised code with it at the next full collection (see bench/).
  private readonly lookupScraped: Lookup = (metric) => {
    const { ok, read } = this.scraped;
    if (metric === 'up') return this.readings.get('up')!.series;
    const name = this.config.metrics[metric] ? metric : this.bySeries.get(metric);
    if (!ok || !name || !read.has(name)) return ok && !name ? [] : undefined;
    return this.readings.get(name)!.series;
  };

  /** The histogram's observations over the last window; 'absent' when it is not exposed at all. */
  private window(samples: Sample[], series: string, at: number): Histogram | undefined | 'absent' {
    const h = histogramOf(samples, series);
    if (!h) return 'absent';
    let list = this.histograms.get(series);
    if (!list) this.histograms.set(series, (list = []));
    while (list.length && list[0]!.at < at - HISTOGRAM_WINDOW_MS) list.shift();
    // One scrape says only what happened since the trader started: wait for a second.
    const older = list.find((x) => x.at < at)?.h;
    list.push({ at, h });
    return older ? delta(h, older) : undefined;
  }

  /** The embedded alert states and histogram baselines, to carry over to the next one-shot run. */
  exportState(): { tracks: Record<string, { alert: string; track: AlertTrack }>; histograms: Record<string, Array<{ at: number; h: Histogram }>> } {
    return { tracks: this.embedded.export(), histograms: Object.fromEntries(this.histograms) };
  }

  importState(state: { tracks?: Record<string, { alert: string; track: AlertTrack }>; histograms?: Record<string, Array<{ at: number; h: Histogram }>> }): void {
    if (state.tracks) this.embedded.import(state.tracks);
    for (const [series, list] of Object.entries(state.histograms ?? {})) if (Array.isArray(list)) this.histograms.set(series, list);
  }

  recordHealth(at: number, result: Fetched<TraderHealth>): void {
    this.sources.trader.record(at, result);
    if (result.ok) this.health = { ...result.value, at };
  }

  /**
   * Prometheus mode, one tick: every series of each metric, the trader's
   * identity if known, the alerts Prometheus evaluates, and (now and then)
   * its rules. The alerts it has no rule for are evaluated here, over the
   * values it answered. Either part failing marks the source; the part that
   * worked is still used.
   */
  recordPrometheus(at: number, tick: PromTick): void {
    const failed = tick.failed ?? (!tick.alerts.ok ? tick.alerts : undefined);
    this.sources.prometheus.record(at, failed ? { ok: false, reason: failed.reason, ms: failed.ms } : { ok: true, ms: tick.ms });
    for (const [name, series] of Object.entries(tick.values)) this.readings.record(name, series, at);
    if (tick.info) this.info = tick.info;
    this.promState.record(tick);
    if (tick.target) this.embedded.setTargetLabels(tick.target);
    if (tick.alerts.ok) {
      this.prom.record(at, tick.alerts.value, this.promState.identity());
      this.promState.learn(this.prom.liveNames());
    }
    this.scraped = { ok: !tick.failed, read: new Set(Object.keys(tick.values)) };
    this.embedded.step(at, this.lookupProm, this.notCovered);
  }

  /**
   * What a condition reads over Prometheus's answers: a metric read this tick
   * (its series; `[]` when not there, so alerts on it resolve), or undefined
   * when it was not (its query failed, it was not due), so alerts on it hold.
   */
  private readonly lookupProm: Lookup = (metric) => {
    const { ok, read } = this.scraped;
    if (!ok) return undefined;
    const name = metric === 'up' ? 'up' : this.config.metrics[metric] ? metric : this.bySeries.get(metric);
    if (!name) return [];
    return read.has(name) ? this.readings.get(name)!.series : undefined;
  };

  /** The alerts Prometheus does not evaluate, left to the embedded rules. */
  private readonly notCovered = (name: string): boolean => !this.promState.covers(name);

  /**
   * What Alertmanager holds (undefined when none is configured): its alerts'
   * status and its silences; and the acks kept locally. With Alertmanager
   * down its last known silences still count, matched by gptmon, and acks
   * kept here meanwhile show at once.
   */
  recordAcks(at: number, alertmanager: Fetched<{ alerts: AmAlert[]; silences: Ack[] }> | undefined, local: Ack[], localProblem?: string): void {
    this.localAckProblem = localProblem;
    this.localAcks = local;
    if (alertmanager) {
      this.sources.alertmanager.record(at, alertmanager);
      if (alertmanager.ok) {
        this.amAcks = alertmanager.value.silences;
        this.amTruth = { alerts: alertmanager.value.alerts, silences: new Map(alertmanager.value.silences.map((a) => [a.id, a])) };
      }
    }
  }

  /** Silences whose regex gptmon cannot run: they match nothing here, and it says so. */
  private unreadableSilences(now: number): string[] {
    return this.amAcks.flatMap((a) => {
      if (a.expiresAt <= now) return [];
      const bad = a.matchers.find((m) => matcherProblem(m) !== undefined);
      return bad ? [`silence ${a.id} by ${a.operator}: ${matcherText(bad)} is not a regex gptmon can read (${matcherProblem(bad)}); gptmon matches nothing with it`] : [];
    });
  }

  /** A problem gptmon has with its own files (the incident log), shown until it clears. */
  setProblem(what: string, text: string | undefined): void {
    if (text) this.problems.set(what, text);
    else this.problems.delete(what);
  }

  private metricView(name: string, now: number, valuesOk: boolean): MetricView {
    const spec = this.config.metrics[name];
    const r = this.readings.get(name);
    const judged = spec !== undefined && (spec.warning !== undefined || spec.critical !== undefined);
    const worst = r ? worstOf(r.series, spec) : undefined;
    const view: MetricView = {
      name,
      series: r?.series.length ?? 0,
      level: worst && spec && judged ? classify(worst.value, spec) : 'ok',
      judged,
      stale: !r || !valuesOk || now - r.at > this.staleAfterMs,
      history: this.readings.history(name, now - 10 * 60_000, HISTORY_SHOWN),
    };
    if (r) view.at = r.at;
    if (worst) {
      view.value = worst.value;
      if (r!.series.length > 1 || Object.keys(worst.labels).length) view.labels = worst.labels;
    }
    // A metric the trader should expose and does not (or gives NaN for) is itself worth a look.
    if (r?.noData && spec?.required) {
      view.noData = r.noData;
      view.level = 'warning';
    }
    const error = this.mode === 'prometheus' ? this.promState.metricError(name) : undefined;
    if (error) {
      view.error = error;
      view.stale = true;
    }
    return view;
  }

  snapshot(now: number): Snapshot {
    const valuesSource = this.mode === 'embedded' ? this.sources.metrics : this.sources.prometheus;
    const valuesOk = valuesSource.get().state === 'ok';
    const metrics: Record<string, MetricView> = {};
    for (const name of new Set([...Object.keys(this.config.metrics), ...this.readings.names()])) metrics[name] = this.metricView(name, now, valuesOk);
    this.embedded.expire(now);
    const raw: AlertView[] = this.mode === 'embedded' ? this.embedded.views(valuesOk) : this.promAlertViews(now, valuesOk);
    // Alertmanager's view counts only while it answers; then gptmon matches the silences it last saw.
    const truth = this.sources.alertmanager.get().state === 'ok' ? this.amTruth : undefined;
    const finish = (list: AlertView[]) =>
      sortLiveFirst(
        distinguish(list).map((a) => {
          const paging = pagingOf(a.labels, now, truth, this.amAcks, this.localAcks);
          // Inhibited: nobody is paged for it, so nobody is counted down to.
          const respondBy = a.firingAt !== undefined && a.state === 'firing' && !paging.inhibitedBy ? a.firingAt + this.config.severity_levels[a.severity].responseMs : undefined;
          return { ...a, ...paging, ...(respondBy !== undefined ? { respondBy } : {}) };
        }),
      );
    const alerts = finish(raw);
    const otherAlerts = this.mode === 'prometheus' ? finish(this.prom.views(now, valuesOk, true)) : [];
    const trader = traderView({
      ...(this.health ? { health: this.health } : {}),
      healthOk: this.sources.trader.get().state === 'ok',
      ...(this.readings.get('trading_enabled') ? { enabled: this.readings.get('trading_enabled')! } : {}),
      enabledOk: valuesOk,
      info: this.info,
      now,
      staleAfterMs: this.staleAfterMs,
    });
    const sources = Object.fromEntries(Object.entries(this.sources).map(([k, t]) => [k, t.get()])) as Snapshot['sources'];
    const problems = this.localAckProblem ? [`acks kept here cannot be read: ${this.localAckProblem}`] : [];
    if (this.mode === 'prometheus') {
      const p = this.promState;
      if (sources.prometheus.state === 'ok') sources.prometheus = { ...sources.prometheus, ...(p.lagMs !== undefined ? { lagMs: p.lagMs } : {}), ...(p.warnings.length ? { warnings: p.warnings } : {}) };
      // A partial answer is not a calm one.
      problems.push(...p.warnings.map((w) => `prometheus warns: ${w}`));
      const up = this.readings.get('up');
      if (valuesOk && up && !up.series.length) problems.push(`prometheus has no up${matchers(this.config.selector)}: it does not scrape this trader under that name (set selector: in the config)`);
    }
    const unknown = !Object.values(this.sources).some((t) => t.everOk());
    const base = {
      now,
      mode: this.mode,
      sources,
      trader,
      metrics,
      alerts,
      otherAlerts,
      ...(this.mode === 'prometheus' ? { rules: this.promState.view() } : {}),
      breakers: breakers(metrics, this.config.circuit_breakers),
      riskLimits: riskLimitViews(metrics, this.config.risk_limits),
      acks: [...this.amAcks, ...this.localAcks].filter((a) => a.expiresAt > now),
      problems: [...problems, ...this.unreadableSilences(now), ...this.problems.values()],
      ...(this.mode === 'embedded' && this.scrape ? { scrape: this.scrape } : {}),
      unknown,
    };
    // Other jobs' alerts are listed apart and count only when the config says so.
    const counted = this.config.other_alerts === 'count' ? [...alerts, ...otherAlerts] : alerts;
    const verdict = verdictOf({ ...base, alerts: counted }, (n) => this.config.metrics[n]?.label ?? n);
    return { ...base, verdict, counts: countsOf(counted, metrics, this.config), worst: verdict.code === 2 ? 'critical' : verdict.code === 1 ? 'warning' : 'ok' };
  }

  /**
   * This trader's alerts with Prometheus: its own for the alerts it has rules
   * for, gptmon's for the rest, never one alert from both.
   */
  private promAlertViews(now: number, valuesOk: boolean): AlertView[] {
    const names = new Set(this.config.alerts.map((a) => a.name));
    const fromProm = this.prom.views(now, valuesOk).filter((a) => !names.has(a.name) || this.promState.covers(a.name));
    return [...fromProm, ...this.embedded.views(valuesOk)];
  }
}

/** A gauge's samples as the series the readings keep (a loop: see `lookupScraped`). */
function valuesOf(samples: readonly Sample[] | undefined): Array<{ labels: Record<string, string>; value: number }> {
  const out: Array<{ labels: Record<string, string>; value: number }> = [];
  if (samples) for (const s of samples) out.push({ labels: s.labels, value: s.value });
  return out;
}
