// The playbook's daily_performance_review, as a decision on figures already
// read: each figure over the day (with Prometheus) or as it is now (marked so,
// with its age), the three checks the playbook makes (win rate, Sharpe,
// accuracy against the warning lines the alerts use), the day's peaks, each
// risk limit against its peak, and the alerts that fired with how long and
// who acknowledged. A figure not read is never a passed check: it is an issue
// of its own. Pure: the clock and the figures come in.

import type { Config } from '../config/types.js';
import { RISK_LIMITS } from '../config/risk-limits.js';
import type { Event } from '../incidents/types.js';
import { formatMoney, formatPercent } from '../text/format.js';

export type FigureName =
  | 'trades'
  | 'win_rate'
  | 'daily_return'
  | 'portfolio_value'
  | 'sharpe_ratio'
  | 'max_drawdown'
  | 'model_accuracy'
  | 'cpu_usage'
  | 'memory_usage'
  | 'disk_usage'
  | 'database_connections'
  | 'total_exposure'
  | 'largest_position'
  | 'var_95'
  | 'position_concentration';

export interface Figure {
  value?: number;
  /** Over the day (Prometheus), or the value now (no history to read). */
  basis: 'day' | 'now';
  /** When a `now` value was read. */
  at?: number;
  stale?: boolean;
  /** Why it could not be read. */
  error?: string;
}

export interface AlertRun {
  name: string;
  severity: string;
  key: string;
  /** What tells it apart from others of its name (`limit=max_exposure`), without job and instance. */
  detail: string;
  firedAt: number;
  resolvedAt?: number;
  /** Who acknowledged it while it fired, in order. */
  ackedBy: string[];
}

export interface LimitCheck {
  key: string;
  label: string;
  kind: 'currency' | 'ratio';
  peak?: number;
  limit: number;
  state: 'within' | 'near' | 'over' | 'unknown';
}

export interface DailyReview {
  date: string;
  start: number;
  end: number;
  /** The day is not over yet. */
  partial: boolean;
  basis: 'day' | 'now';
  figures: Record<FigureName, Figure>;
  pnl?: number;
  checks: Array<{ figure: 'win_rate' | 'sharpe_ratio' | 'model_accuracy'; line?: number; state: 'ok' | 'issue' | 'unknown' }>;
  limits: LimitCheck[];
  /** The alerts that fired from `alertsFrom`: the day's, or today the last 24 hours (the night before included). */
  alerts: AlertRun[];
  alertsFrom: number;
  /** When a gptmon first recorded the trader's values that day: alerts before it (or with none) may have gone unseen. */
  watchedSince?: number;
  issues: string[];
  /** 0 no issues, 1 issues, 3 nothing could be read. */
  code: 0 | 1 | 3;
}

const CHECKS = [
  { figure: 'win_rate', what: 'Low win rate', pct: true },
  { figure: 'sharpe_ratio', what: 'Low Sharpe ratio', pct: false },
  { figure: 'model_accuracy', what: 'Low model accuracy', pct: true },
] as const;

const LABEL: Record<'win_rate' | 'sharpe_ratio' | 'model_accuracy', string> = { win_rate: 'Win rate', sharpe_ratio: 'Sharpe ratio', model_accuracy: 'Model accuracy' };

/** `limit=max_exposure` from `RiskLimitExceeded{instance="…",job="…",limit="max_exposure"}`. */
export function detailOf(key: string): string {
  const at = key.indexOf('{');
  if (at < 0) return '';
  return [...key.slice(at + 1, -1).matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*")/g)]
    .filter((m) => m[1] !== 'job' && m[1] !== 'instance')
    .map((m) => `${m[1]}=${JSON.parse(m[2]!) as string}`)
    .join(',');
}

/** The alerts that fired in [start, end), each firing once with its resolution and who acked it. */
export function alertRuns(events: Event[], start: number, end: number): AlertRun[] {
  const seen = new Set<string>();
  const runs: AlertRun[] = [];
  const sorted = [...events].sort((a, b) => a.time - b.time);
  for (const e of sorted) {
    if (e.kind !== 'alert-firing' || !e.alert || e.alert.at < start || e.alert.at >= end) continue;
    const id = `${e.alert.key}@${e.alert.at}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const resolved = sorted.find((r) => r.kind === 'alert-resolved' && r.alert?.key === e.alert!.key && r.alert.at >= e.alert!.at);
    const until = resolved?.alert?.at ?? end;
    const ackedBy = [...new Set(sorted.filter((a) => a.kind === 'ack' && a.ack?.alert === e.alert!.name && a.time >= e.alert!.at && a.time <= until).map((a) => a.operator))];
    runs.push({ name: e.alert.name, severity: e.alert.severity, key: e.alert.key, detail: detailOf(e.alert.key), firedAt: e.alert.at, ...(resolved?.alert ? { resolvedAt: resolved.alert.at } : {}), ackedBy });
  }
  return runs;
}

function watched(events: Event[], start: number, end: number): { watchedSince?: number } {
  const first = events.find((e) => e.kind === 'sample' && e.time >= start && e.time < end);
  return first ? { watchedSince: first.time } : {};
}

export function dailyReview(input: { date: string; start: number; end: number; partial: boolean; basis: 'day' | 'now'; figures: Record<FigureName, Figure>; events: Event[]; config: Config; alertsFrom?: number }): DailyReview {
  const alertsFrom = input.alertsFrom ?? input.start;
  const { figures, config } = input;
  const issues: string[] = [];
  const checks = CHECKS.map(({ figure, what, pct }) => {
    const f = figures[figure];
    const line = config.metrics[figure]?.warning;
    if (f.value === undefined) {
      issues.push(`${LABEL[figure]} could not be read${f.error ? `: ${f.error}` : ''}`);
      return { figure, ...(line !== undefined ? { line } : {}), state: 'unknown' as const };
    }
    if (line !== undefined && f.value < line) {
      issues.push(`${what}: ${pct ? `${(f.value * 100).toFixed(2)}%` : f.value.toFixed(2)} (line ${pct ? `${+(line * 100).toFixed(2)}%` : line})`);
      return { figure, line, state: 'issue' as const };
    }
    return { figure, ...(line !== undefined ? { line } : {}), state: 'ok' as const };
  });
  const limits: LimitCheck[] = RISK_LIMITS.map((def) => {
    const peak = figures[def.metric].value;
    const limit = config.risk_limits[def.key];
    const state = peak === undefined ? 'unknown' : peak > limit ? 'over' : peak > limit * config.risk_limits.warn_at ? 'near' : 'within';
    const v = (x: number) => (def.kind === 'ratio' ? formatPercent(x) : formatMoney(x));
    if (state === 'over') issues.push(`Risk limit ${def.key} passed: ${def.label} ${v(peak!)} > ${v(limit)}`);
    return { key: def.key, label: def.label, kind: def.kind, ...(peak !== undefined ? { peak } : {}), limit, state };
  });
  const r = figures.daily_return.value;
  const pv = figures.portfolio_value.value;
  // The day's P&L: the portfolio now less its value at the open (pv / (1 + r)).
  const pnl = r !== undefined && pv !== undefined && r > -1 ? pv - pv / (1 + r) : undefined;
  const anything = Object.values(figures).some((f) => f.value !== undefined);
  return {
    date: input.date,
    start: input.start,
    end: input.end,
    partial: input.partial,
    basis: input.basis,
    figures,
    ...(pnl !== undefined ? { pnl } : {}),
    checks,
    limits,
    alerts: alertRuns(input.events, alertsFrom, input.end),
    alertsFrom,
    ...watched(input.events, alertsFrom, input.end),
    issues,
    code: !anything ? 3 : issues.length ? 1 : 0,
  };
}
