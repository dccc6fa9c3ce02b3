// The engine: fed poll results with the time they were taken, it keeps the
// latest values and their history, classifies them against thresholds, runs
// the alert states (or takes them from Prometheus), and answers a snapshot
// for any `now`. No I/O and no clock of its own, so tests drive it with a fake one.

import type { Config, Severity } from '../config/types.js';
import type { Exposition, Fetched, Histogram, PromAlert, TraderHealth } from '../sources/types.js';
import { histogramOf, sampleOf } from './samples.js';
import { ackFor } from './acks.js';
import { INACTIVE, KEEP_RESOLVED_MS, stepAlert, type AlertTrack } from './alert-state.js';
import { classify, worstLevel, type Level } from './classify.js';
import { evaluate } from './evaluate.js';
import { delta, quantile } from './histogram.js';
import { History } from './history.js';
import { HISTOGRAM_WINDOW_MS } from './series.js';
import { SourceTracker } from './source-status.js';
import type { Ack, AlertView, BreakerView, MetricView, Snapshot, SourceName, TraderView } from './types.js';

export interface EngineOptions {
  /** A value older than this is shown as stale even if its source answered since. */
  staleAfterMs?: number;
  historyPoints?: number;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATE_RANK = { firing: 0, pending: 1, resolved: 2 } as const;

export function normaliseSeverity(raw: string | undefined, fallback: Severity): Severity {
  const s = (raw ?? '').toLowerCase();
  if (s === 'critical' || s === 'high' || s === 'medium' || s === 'low') return s;
  if (s === 'page' || s === 'error') return 'critical';
  if (s === 'warning' || s === 'warn') return 'medium';
  if (s === 'info' || s === 'none') return 'low';
  return fallback;
}

const labelKey = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

export class Engine {
  readonly mode: 'embedded' | 'prometheus';
  private readonly series = new Map<string, History>();
  private readonly latest = new Map<string, { value: number; at: number }>();
  private readonly histograms = new Map<string, Array<{ at: number; h: Histogram }>>();
  private readonly tracks = new Map<string, AlertTrack>();
  private readonly promAlerts = new Map<string, AlertView>();
  private readonly sources: Record<SourceName, SourceTracker>;
  private health?: TraderHealth & { at: number };
  private info: { site?: string; model?: string } = {};
  private acks: Ack[] = [];
  private amAcks: Ack[] = [];
  private localAckProblem: string | undefined;
  private readonly staleAfterMs: number;
  private readonly historyPoints: number;

  constructor(
    private readonly config: Config,
    opts: EngineOptions = {},
  ) {
    this.mode = config.prometheus ? 'prometheus' : 'embedded';
    this.staleAfterMs = opts.staleAfterMs ?? 10_000;
    this.historyPoints = opts.historyPoints ?? 600;
    this.sources = {
      trader: new SourceTracker('trader', true),
      metrics: new SourceTracker('metrics', this.mode === 'embedded'),
      prometheus: new SourceTracker('prometheus', this.mode === 'prometheus'),
      alertmanager: new SourceTracker('alertmanager', Boolean(config.alertmanager)),
    };
  }

  private set(name: string, value: number, at: number): void {
    if (!Number.isFinite(value)) return;
    this.latest.set(name, { value, at });
    let h = this.series.get(name);
    if (!h) this.series.set(name, (h = new History(this.historyPoints)));
    h.push(value, at);
  }

  /** Embedded mode: one scrape of the trader's /metrics. */
  recordScrape(at: number, result: Fetched<Exposition>): void {
    this.sources.metrics.record(at, result);
    const current = new Map<string, number>();
    current.set('up', result.ok ? 1 : 0);
    if (result.ok) {
      const samples = result.value.samples;
      // Each histogram's recent observations, worked out once however many quantiles read it.
      const observed = new Map<string, Histogram | undefined>();
      const window = (series: string): Histogram | undefined => {
        if (!observed.has(series)) {
          const h = histogramOf(samples, series);
          // One scrape says only what happened since the trader started: wait for a second.
          const older = h ? this.olderHistogram(series, at, h) : undefined;
          observed.set(series, h && older ? delta(h, older) : undefined);
        }
        return observed.get(series);
      };
      for (const spec of Object.values(this.config.metrics)) {
        const read = spec.read;
        if (read.as === 'gauge') {
          const s = sampleOf(samples, read.series);
          if (s) current.set(spec.name, s.value);
        } else if (read.as === 'quantile') {
          const d = window(read.series);
          const q = d && d.count > 0 ? quantile(read.q, d) : undefined;
          if (q !== undefined) current.set(spec.name, q);
        }
      }
      const info = sampleOf(samples, 'trader_info');
      if (info) this.info = { ...(info.labels.site ? { site: info.labels.site } : {}), ...(info.labels.model ? { model: info.labels.model } : {}) };
    }
    for (const [name, value] of current) this.set(name, value, at);
    this.evaluateEmbedded(at, current);
  }

  /** Keeps recent bucket counts; answers the oldest within the window, for a delta. */
  private olderHistogram(base: string, at: number, h: Histogram): Histogram | undefined {
    let list = this.histograms.get(base);
    if (!list) this.histograms.set(base, (list = []));
    while (list.length && list[0]!.at < at - HISTOGRAM_WINDOW_MS) list.shift();
    const older = list.find((e) => e.at < at)?.h;
    list.push({ at, h });
    return older;
  }

  private evaluateEmbedded(at: number, current: Map<string, number>): void {
    // A condition may name a gauge by its exposition name as well as by the metric's.
    const byExposition = new Map(Object.values(this.config.metrics).flatMap((m) => (m.read.as === 'gauge' ? [[m.read.series, m.name] as const] : [])));
    const lookup = (metric: string) => current.get(metric) ?? current.get(byExposition.get(metric) ?? '');
    for (const alert of this.config.alerts) {
      const verdict = evaluate(alert.expr, lookup);
      const prev = this.tracks.get(alert.name) ?? INACTIVE;
      this.tracks.set(alert.name, stepAlert(prev, verdict.holds, at, alert.durationMs, verdict.value));
    }
  }

  /** The embedded alert states, to carry over to the next run. */
  exportTracks(): Record<string, AlertTrack> {
    return Object.fromEntries([...this.tracks].filter(([, t]) => t.state !== 'inactive'));
  }

  importTracks(tracks: Record<string, AlertTrack>): void {
    const known = new Set(this.config.alerts.map((a) => a.name));
    for (const [name, t] of Object.entries(tracks)) {
      if (known.has(name) && (t.state === 'pending' || t.state === 'firing' || t.state === 'resolved')) this.tracks.set(name, t);
    }
  }

  recordHealth(at: number, result: Fetched<TraderHealth>): void {
    this.sources.trader.record(at, result);
    if (result.ok) this.health = { ...result.value, at };
  }

  /**
   * Prometheus mode, one tick: values by series name, the trader's identity if
   * known, and the alerts Prometheus evaluates. Either part failing marks the
   * source; the part that worked is still used.
   */
  recordPrometheus(at: number, values: Record<string, number>, valuesProblem: { reason: string; ms: number } | undefined, alerts: Fetched<PromAlert[]>, info?: { site?: string; model?: string }): void {
    const failed = valuesProblem ? { ok: false as const, ...valuesProblem } : !alerts.ok ? alerts : undefined;
    this.sources.prometheus.record(at, failed ?? { ok: true, ms: alerts.ms });
    for (const [name, value] of Object.entries(values)) this.set(name, value, at);
    if (info) this.info = info;
    if (alerts.ok) this.recordPromAlerts(at, alerts.value);
  }

  private recordPromAlerts(at: number, list: PromAlert[]): void {
    const seen = new Set<string>();
    for (const a of list) {
      const name = a.labels.alertname ?? 'unnamed';
      const spec = this.config.alerts.find((x) => x.name === name);
      const key = `${name}{${labelKey(a.labels)}}`;
      seen.add(key);
      const prev = this.promAlerts.get(key);
      const activeAt = a.activeAt ?? prev?.activeAt ?? at;
      const durationMs = spec?.durationMs ?? 0;
      const view: AlertView = {
        key,
        name,
        labels: a.labels,
        severity: normaliseSeverity(a.labels.severity, spec?.severity ?? 'medium'),
        state: a.state,
        activeAt,
        durationMs,
        valueKind: spec?.valueKind ?? 'number',
        availability: spec?.availability ?? false,
        actions: spec?.actions ?? [],
        stale: false,
        origin: 'prometheus',
      };
      if (a.state === 'firing') view.firingAt = prev?.state === 'firing' && prev.firingAt ? prev.firingAt : Math.min(at, activeAt + durationMs);
      if (a.value !== undefined) view.value = a.value;
      const summary = a.annotations.summary ?? spec?.summary;
      const runbook = a.annotations.runbook ?? spec?.runbook;
      if (summary) view.summary = summary;
      if (runbook) view.runbook = runbook;
      this.promAlerts.set(key, view);
    }
    for (const [key, view] of this.promAlerts) {
      if (seen.has(key)) continue;
      if (view.state === 'firing') this.promAlerts.set(key, { ...view, state: 'resolved', resolvedAt: at });
      else if (view.state === 'pending' || at - (view.resolvedAt ?? at) >= KEEP_RESOLVED_MS) this.promAlerts.delete(key);
    }
  }

  /**
   * Alertmanager's silences (undefined when none is configured) and the acks
   * kept locally. With Alertmanager down its last known silences still count,
   * and acks kept here meanwhile show at once.
   */
  recordAcks(at: number, alertmanager: Fetched<Ack[]> | undefined, local: Ack[], localProblem?: string): void {
    this.localAckProblem = localProblem;
    if (alertmanager) {
      this.sources.alertmanager.record(at, alertmanager);
      if (alertmanager.ok) this.amAcks = alertmanager.value;
    }
    this.acks = [...this.amAcks, ...local];
  }

  private metricView(name: string, now: number, sourceOk: boolean): MetricView {
    const latest = this.latest.get(name);
    const spec = this.config.metrics[name];
    const level: Level = latest && spec ? classify(latest.value, spec) : 'ok';
    const view: MetricView = {
      name,
      level,
      stale: !latest || !sourceOk || now - latest.at > this.staleAfterMs,
      history: this.series.get(name)?.since(now - 10 * 60_000) ?? [],
    };
    if (latest) {
      view.value = latest.value;
      view.at = latest.at;
    }
    return view;
  }

  private embeddedAlerts(stale: boolean): AlertView[] {
    const out: AlertView[] = [];
    for (const alert of this.config.alerts) {
      const t = this.tracks.get(alert.name);
      if (!t || t.state === 'inactive') continue;
      const labels = { alertname: alert.name, severity: alert.severity };
      const view: AlertView = {
        key: alert.name,
        name: alert.name,
        labels,
        severity: alert.severity,
        state: t.state,
        activeAt: t.activeAt ?? 0,
        durationMs: alert.durationMs,
        valueKind: alert.valueKind,
        availability: alert.availability,
        actions: alert.actions,
        // SystemDown is about the failure itself, so it is never stale.
        stale: stale && !alert.availability,
        origin: 'embedded',
      };
      if (t.firingAt !== undefined) view.firingAt = t.firingAt;
      if (t.resolvedAt !== undefined) view.resolvedAt = t.resolvedAt;
      if (t.value !== undefined) view.value = t.value;
      if (alert.summary) view.summary = alert.summary;
      if (alert.runbook) view.runbook = alert.runbook;
      out.push(view);
    }
    return out;
  }

  private traderView(): TraderView {
    const h = this.health;
    const enabled = this.latest.get('trading_enabled')?.value;
    const view: TraderView = {
      components: (h?.components ?? []).map((c) => ({
        name: c.name,
        healthy: c.healthy,
        ...(c.message ? { message: c.message } : {}),
        ...(c.latencyMs !== undefined ? { latencyMs: c.latencyMs } : {}),
        ...(c.modelId ? { detail: c.modelId } : {}),
      })),
    };
    const trading = enabled !== undefined ? (enabled > 0 ? 'active' : 'halted') : h?.trading;
    if (trading) view.trading = trading;
    const site = h?.site ?? this.info.site;
    const model = h?.components.find((c) => c.name === 'model')?.modelId ?? this.info.model;
    if (site) view.site = site;
    if (model) view.model = model;
    if (h) {
      view.at = h.at;
      if (h.metrics.uptime !== undefined) view.uptime = h.metrics.uptime;
      if (h.metrics.requestsPerSecond !== undefined) view.requestsPerSecond = h.metrics.requestsPerSecond;
      if (h.metrics.errorRate !== undefined) view.errorRate = h.metrics.errorRate;
      if (h.metrics.activeConnections !== undefined) view.activeConnections = h.metrics.activeConnections;
    }
    return view;
  }

  private breakers(metrics: Record<string, MetricView>): BreakerView[] {
    const b = this.config.circuit_breakers;
    const daily = metrics.daily_return?.value;
    const view = (name: BreakerView['name'], value: number | undefined, limit: number): BreakerView =>
      value === undefined ? { name, limit } : { name, value, limit, used: value / limit };
    return [
      view('daily loss', daily === undefined ? undefined : Math.max(0, -daily), b.daily_loss_limit),
      view('streak', metrics.consecutive_losses?.value, b.consecutive_losses),
      view('drawdown', metrics.portfolio_drawdown?.value, b.drawdown_limit),
    ];
  }

  snapshot(now: number): Snapshot {
    const valuesSource = this.mode === 'embedded' ? this.sources.metrics : this.sources.prometheus;
    const valuesOk = valuesSource.get().state === 'ok';
    const metrics: Record<string, MetricView> = {};
    for (const name of new Set([...Object.keys(this.config.metrics), ...this.latest.keys()])) {
      metrics[name] = this.metricView(name, now, valuesOk);
    }
    // Resolved alerts age out even when no new data arrives.
    for (const [name, t] of this.tracks) {
      if (t.state === 'resolved' && now - (t.resolvedAt ?? now) >= KEEP_RESOLVED_MS) this.tracks.set(name, INACTIVE);
    }
    const raw = this.mode === 'embedded' ? this.embeddedAlerts(!valuesOk) : [...this.promAlerts.values()].map((a) => ({ ...a, stale: !valuesOk }));
    const alerts = raw
      .filter((a) => a.state !== 'resolved' || now - (a.resolvedAt ?? now) < KEEP_RESOLVED_MS)
      .map((a) => {
        const ack = ackFor(this.acks, a.labels, now);
        const respondBy = a.firingAt !== undefined ? a.firingAt + this.config.severity_levels[a.severity].responseMs : undefined;
        return { ...a, ...(ack ? { ack } : {}), ...(respondBy !== undefined && a.state === 'firing' ? { respondBy } : {}) };
      })
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || STATE_RANK[a.state] - STATE_RANK[b.state] || a.activeAt - b.activeAt);

    const trader = this.traderView();
    const levels: Level[] = Object.keys(this.config.metrics).map((n) => metrics[n]!.level);
    for (const a of alerts) if (a.state === 'firing') levels.push(a.severity === 'critical' || a.severity === 'high' ? 'critical' : 'warning');
    if (trader.components.some((c) => !c.healthy)) levels.push('warning');
    const sources = Object.fromEntries(Object.entries(this.sources).map(([k, t]) => [k, t.get()])) as Snapshot['sources'];
    const unknown = !Object.values(this.sources).some((t) => t.everOk());
    return { now, mode: this.mode, sources, trader, metrics, alerts, breakers: this.breakers(metrics), acks: this.acks.filter((a) => a.expiresAt > now), problems: this.localAckProblem ? [`acks kept here cannot be read: ${this.localAckProblem}`] : [], worst: unknown ? 'ok' : worstLevel(levels), unknown };
  }
}
