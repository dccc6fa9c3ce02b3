// The alerts gptmon evaluates itself (no Prometheus, or one that lacks the
// rules): every alert over every series, one instance per series that
// passes, each through its own pending → firing → resolved life. Instances
// carry the labels a real Prometheus would give them (job, instance, the
// series' own, and those the rule adds), so a silence scoped by instance
// matches in both modes. Over Prometheus's values, the target's labels are the
// ones Prometheus gave the trader's `up` (setTargetLabels). Several rules may
// share a name (RiskLimitExceeded, one per limit): each instance is tracked
// under its rule (`alert` below is the rule's key, the bare name for a rule
// that adds no labels).

import type { AlertSpec, Config } from '../config/types.js';
import { ruleKey } from '../config/alert-match.js';
import { INACTIVE, stepAlert, type AlertTrack } from './alert-state.js';
import { evaluate, labelKey, type Lookup } from './evaluate.js';
import type { AlertView } from './types.js';
import type { SeriesValue } from './readings.js';

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** `ExcessiveDrawdown` for a single series, `ExcessiveDrawdown{desk="b"}` for one of several. */
const trackKey = (name: string, labels: Record<string, string>) => (Object.keys(labels).length ? `${name}{${labelKey(labels)}}` : name);

export class EmbeddedAlerts {
  private readonly tracks = new Map<string, { alert: string; track: AlertTrack }>();
  /** Each rule by its key. */
  private readonly specs: Map<string, AlertSpec>;
  private scrapeLabels: Record<string, string>;

  constructor(
    private readonly config: Config,
    private readonly keepResolvedMs: number,
  ) {
    const url = new URL(config.trader);
    this.scrapeLabels = { job: 'gpt-trader', instance: url.host };
    this.specs = new Map(config.alerts.map((a) => [ruleKey(a), a]));
  }

  /** The tick's lookup, and what `scoped` made of its answers this tick. */
  private lookup: Lookup = () => undefined;
  private readonly scopedOf = new Map<readonly SeriesValue[], SeriesValue[]>();

  // Every series carries the labels the scrape gives it, as in Prometheus: `up{job="gpt-trader"}` matches.
  // Once a tick per metric: several rules read the same series, and their label keys are kept per label object.
  // One function for the object's life, not a closure per tick: V8 drops a dead closure's optimised code
  // at the next full collection, to compile it again minutes later (bench/: the soak).
  private readonly scoped: Lookup = (metric, labels) => {
    const raw = this.lookup(metric, labels);
    if (!raw) return undefined;
    let series = this.scopedOf.get(raw);
    if (series) return series;
    series = [];
    // A series with no labels of its own shares the scrape's label object, whose key is then worked out once.
    for (const s of raw) series.push({ ...s, labels: this.withScrapeLabels(s.labels) });
    this.scopedOf.set(raw, series);
    return series;
  };

  /** A series' labels as Prometheus gives them: the scrape's, then its own; the scrape's object itself when it has none. */
  private withScrapeLabels(own: Record<string, string>): Record<string, string> {
    return hasKeys(own) ? { ...this.scrapeLabels, ...own } : this.scrapeLabels;
  }

  /** The labels every series of the watched trader carries in Prometheus (its `up`'s, without the name). */
  setTargetLabels(labels: Record<string, string>): void {
    // The same labels again (every tick, with Prometheus): the object kept, and with it its label key.
    if (Object.keys(labels).length && labelKey(labels) !== labelKey(this.scrapeLabels)) this.scrapeLabels = labels;
  }

  /** A series' own labels, without those the scrape adds to all (job, instance). */
  private own(labels: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(labels).filter(([k, v]) => this.scrapeLabels[k] !== v));
  }

  /**
   * One evaluation of every alert over what was read at `at`; with `only`,
   * of those alerts alone (the rest are evaluated elsewhere: their states here are dropped).
   */
  step(at: number, lookup: Lookup, only?: (alert: string) => boolean): void {
    if (only) for (const [key, t] of this.tracks) if (!only(t.alert)) this.tracks.delete(key);
    this.lookup = lookup;
    this.scopedOf.clear();
    for (const alert of this.config.alerts) {
      if (only && !only(alert.name)) continue;
      const rule = ruleKey(alert);
      const outcome = evaluate(alert.expr, this.scoped);
      const seen = new Set<string>();
      for (const found of outcome.instances) {
        const instance = { ...found, labels: this.own(found.labels) };
        const key = trackKey(alert.name, { ...alert.labels, ...instance.labels });
        seen.add(key);
        const prev = this.tracks.get(key)?.track ?? INACTIVE;
        this.tracks.set(key, { alert: rule, track: stepAlert(prev, { holds: true, now: at, durationMs: alert.durationMs, keepResolvedMs: this.keepResolvedMs, instance }) });
      }
      for (const [key, t] of this.tracks) {
        if (t.alert !== rule || seen.has(key)) continue;
        // Read, and not there: it stopped holding (its series may be gone); not read: held as it was.
        const gone = !outcome.unknown && !outcome.present.has(labelKey(this.withScrapeLabels(t.track.labels ?? {})));
        const next = stepAlert(t.track, { holds: outcome.unknown ? undefined : false, now: at, durationMs: alert.durationMs, keepResolvedMs: this.keepResolvedMs, gone });
        if (next.state === 'inactive') this.tracks.delete(key);
        else this.tracks.set(key, { alert: rule, track: next });
      }
    }
  }

  /** Resolved alerts age out even when no new data arrives. */
  expire(now: number): void {
    for (const [key, t] of this.tracks) {
      if (t.track.state === 'resolved' && now - (t.track.resolvedAt ?? now) >= this.keepResolvedMs) this.tracks.delete(key);
    }
  }

  /** `dataOk` false: the trader's values could not be read, so metric alerts are held on old data. */
  views(dataOk: boolean): AlertView[] {
    const out: AlertView[] = [];
    for (const [key, { alert, track }] of this.tracks) {
      const spec = this.specs.get(alert);
      if (!spec || track.state === 'inactive') continue;
      out.push(this.view(key, spec, track, dataOk));
    }
    return out;
  }

  private view(key: string, spec: AlertSpec, t: AlertTrack, dataOk: boolean): AlertView {
    // What tells this instance apart: its series' own labels and those its rule adds.
    const series = { ...t.labels, ...spec.labels };
    const view: AlertView = {
      key,
      name: spec.name,
      labels: { ...this.scrapeLabels, ...series, alertname: spec.name, severity: spec.severity },
      severity: spec.severity,
      state: t.state as AlertView['state'],
      activeAt: t.activeAt ?? 0,
      durationMs: spec.durationMs,
      valueKind: spec.valueKind,
      availability: spec.availability,
      actions: spec.actions,
      // SystemDown is about the failure itself: it is never held on old data.
      stale: !dataOk && !spec.availability,
      origin: 'embedded',
    };
    if (Object.keys(series).length) view.seriesLabels = series;
    if (t.firingAt !== undefined) view.firingAt = t.firingAt;
    if (t.resolvedAt !== undefined) view.resolvedAt = t.resolvedAt;
    if (t.resolvedNoData) view.resolvedNoData = true;
    if (t.value !== undefined) view.value = t.value;
    if (t.line) view.line = t.line;
    if (spec.summary) view.summary = spec.summary;
    if (spec.runbook) view.runbook = spec.runbook;
    return view;
  }

  /** The states, to carry over to the next one-shot run. */
  export(): Record<string, { alert: string; track: AlertTrack }> {
    return Object.fromEntries(this.tracks);
  }

  import(saved: Record<string, { alert: string; track: AlertTrack }>): void {
    const known = new Set(this.config.alerts.map(ruleKey));
    for (const [key, t] of Object.entries(saved)) {
      if (t && known.has(t.alert) && ['pending', 'firing', 'resolved'].includes(t.track?.state)) this.tracks.set(key, t);
    }
  }
}
