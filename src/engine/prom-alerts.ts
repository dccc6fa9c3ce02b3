// The alerts Prometheus evaluates, as gptmon shows them: each with what the
// playbook says of it (severity, actions, runbook, the line its value is past)
// when gptmon knows the alert by name, and remembered a while once it is gone
// (resolved), as gptmon's own alerts are.

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

/** Labels Prometheus adds or the rule sets, which say nothing about which series fired. */
const RULE_LABELS = new Set(['alertname', 'severity', 'job', 'instance']);

export class PromAlerts {
  private readonly alerts = new Map<string, AlertView>();

  constructor(
    private readonly config: Config,
    private readonly keepResolvedMs: number,
  ) {}

  record(at: number, list: PromAlert[]): void {
    const seen = new Set<string>();
    for (const a of list) {
      const name = a.labels.alertname ?? 'unnamed';
      const spec = specOf(this.config.alerts, name, a.labels);
      const key = `${name}{${labelKey(a.labels)}}`;
      seen.add(key);
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
      else if (view.state === 'pending' || at - (view.resolvedAt ?? at) >= this.keepResolvedMs) this.alerts.delete(key);
    }
  }

  views(now: number, dataOk: boolean): AlertView[] {
    const out: AlertView[] = [];
    for (const [key, a] of this.alerts) {
      if (a.state === 'resolved' && now - (a.resolvedAt ?? now) >= this.keepResolvedMs) {
        this.alerts.delete(key);
        continue;
      }
      out.push({ ...a, stale: !dataOk && !a.availability });
    }
    return out;
  }
}
