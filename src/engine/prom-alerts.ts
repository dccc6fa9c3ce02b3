// The alerts Prometheus evaluates, as gptmon shows them: each with what the
// playbook says of it (severity, actions, runbook, the line its value is past)
// when gptmon knows the alert by name, and remembered a while once it is gone
// (resolved), as gptmon's own alerts are. An alert whose labels contradict the
// watched trader's (another job, another instance) is another's: kept apart.

import type { Config, Severity } from '../config/types.js';
import { specOf } from '../config/alert-match.js';
import type { PromAlert } from '../sources/types.js';
import { labelKey, lineFor } from './evaluate.js';
import type { AlertView } from './types.js';

export function normaliseSeverity(raw: string | undefined, fallback: Severity): Severity {
  const s = (raw ?? '').toLowerCase();
  if (s === 'critical' || s === 'high' || s === 'medium' || s === 'low') return s;
  if (s === 'page' || s === 'error') return 'critical';
  if (s === 'warning' || s === 'warn') return 'medium';
  if (s === 'info' || s === 'none') return 'low';
  return fallback;
}

/** Labels Prometheus (or vmalert) adds or the rule sets, which say nothing about which series fired. */
const RULE_LABELS = new Set(['alertname', 'severity', 'job', 'instance', 'alertgroup']);

/** An alert is another's when one of the trader's identifying labels is there with another value; one without them is taken as the trader's. */
export function isOthers(labels: Record<string, string>, identity: Record<string, string>): boolean {
  return Object.entries(identity).some(([k, v]) => labels[k] !== undefined && labels[k] !== v);
}

export class PromAlerts {
  private readonly alerts = new Map<string, AlertView>();
  /** The keys of the alerts that are another job's or trader's. */
  private readonly others = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly keepResolvedMs: number,
  ) {}

  /** One answer of /api/v1/alerts; `identity`: the labels that say an alert is the watched trader's. */
  record(at: number, list: PromAlert[], identity: Record<string, string> = {}): void {
    const seen = new Set<string>();
    for (const a of list) {
      const name = a.labels.alertname ?? 'unnamed';
      const other = isOthers(a.labels, identity);
      // Another trader's alert of the same name is not this trader's: the playbook's reading of it does not apply.
      const spec = other ? undefined : specOf(this.config.alerts, name, a.labels);
      const key = `${name}{${labelKey(a.labels)}}`;
      seen.add(key);
      if (other) this.others.add(key);
      else this.others.delete(key);
      const prev = this.alerts.get(key);
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
      const series = Object.fromEntries(Object.entries(a.labels).filter(([k]) => !RULE_LABELS.has(k)));
      if (Object.keys(series).length) view.seriesLabels = series;
      if (a.state === 'firing') view.firingAt = prev?.state === 'firing' && prev.firingAt ? prev.firingAt : Math.min(at, activeAt + durationMs);
      if (a.value !== undefined) {
        view.value = a.value;
        const line = spec ? lineFor(spec.expr, a.value) : undefined;
        if (line) view.line = line;
      }
      const summary = a.annotations.summary ?? spec?.summary;
      const runbook = a.annotations.runbook ?? spec?.runbook;
      if (summary) view.summary = summary;
      if (runbook) view.runbook = runbook;
      this.alerts.set(key, view);
    }
    for (const [key, view] of this.alerts) {
      if (seen.has(key)) continue;
      if (view.state === 'firing') this.alerts.set(key, { ...view, state: 'resolved', resolvedAt: at });
      else if (view.state === 'pending' || at - (view.resolvedAt ?? at) >= this.keepResolvedMs) this.forget(key);
    }
  }

  private forget(key: string): void {
    this.alerts.delete(key);
    this.others.delete(key);
  }

  /** The names of this trader's alerts Prometheus reports now (pending or firing): it has their rules. */
  liveNames(): Set<string> {
    const names = new Set<string>();
    for (const [key, a] of this.alerts) if (!this.others.has(key) && a.state !== 'resolved') names.add(a.name);
    return names;
  }

  /** This trader's alerts (`others` false) or the other jobs' and traders' (true). */
  views(now: number, dataOk: boolean, others = false): AlertView[] {
    const out: AlertView[] = [];
    for (const [key, a] of this.alerts) {
      if (a.state === 'resolved' && now - (a.resolvedAt ?? now) >= this.keepResolvedMs) {
        this.forget(key);
        continue;
      }
      if (this.others.has(key) !== others) continue;
      out.push({ ...a, stale: !dataOk && !a.availability });
    }
    return out;
  }
}
