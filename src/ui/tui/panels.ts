// What each overview panel shows, worked out from a snapshot: plain data,
// so the drawing components stay dumb and the choices here are testable.

import type { Config } from '../../config/types.js';
import type { Level } from '../../engine/classify.js';
import type { Snapshot } from '../../engine/types.js';
import { sanitize } from '../../util/sanitize.js';
import { formatAge, formatMoney, formatPercent, formatThresholds, formatValue } from '../format.js';
import { metricLabel } from '../labels.js';

export interface MetricRow {
  kind: 'metric';
  name: string;
  label: string;
  value: string;
  level: Level;
  /** Shown instead of the state when the value is old: `stale 12s`. */
  staleFor?: string;
  missing: boolean;
  history: number[];
  thresholds: string;
}

export interface TextRow {
  kind: 'text';
  text: string;
  level?: Level;
  dim?: boolean;
}

export type Row = MetricRow | TextRow;

export interface PanelModel {
  id: string;
  title: string;
  rows: Row[];
  /** Every value in it is old: the title says so. */
  staleFor?: string;
}

const KIND_OF: Record<string, 'ratio' | 'seconds' | 'count' | 'currency' | 'number'> = {
  portfolio_value: 'currency',
  prediction_confidence: 'ratio',
  api_latency_p50: 'seconds',
  prediction_latency_p50: 'seconds',
};

function metricRow(snap: Snapshot, config: Config, name: string): MetricRow {
  const m = snap.metrics[name];
  const spec = config.metrics[name];
  const kind = spec?.kind ?? KIND_OF[name] ?? 'number';
  const row: MetricRow = {
    kind: 'metric',
    name,
    label: metricLabel(name),
    value: formatValue(m?.value, kind),
    level: m && !m.stale ? m.level : 'ok',
    missing: m?.value === undefined,
    history: m?.history ?? [],
    thresholds: spec ? formatThresholds(spec) : '',
  };
  if (m?.value !== undefined && m.stale && m.at !== undefined) row.staleFor = formatAge(snap.now - m.at);
  if (m?.value !== undefined && m.stale) row.level = m.level;
  return row;
}

function panelStale(rows: Row[]): string | undefined {
  const metrics = rows.filter((r): r is MetricRow => r.kind === 'metric' && !r.missing);
  if (!metrics.length || metrics.some((r) => !r.staleFor)) return undefined;
  return metrics[0]!.staleFor;
}

function panel(id: string, title: string, rows: Row[]): PanelModel {
  const staleFor = panelStale(rows);
  return staleFor ? { id, title, rows, staleFor } : { id, title, rows };
}

function riskRows(snap: Snapshot): Row[] {
  const v = (n: string) => snap.metrics[n]?.value;
  const money = (n: string) => (v(n) === undefined ? '—' : formatMoney(v(n)!));
  const conc = v('position_concentration');
  const rows: Row[] = [
    { kind: 'text', text: `Exposure  ${money('total_exposure').padEnd(8)} Largest ${money('largest_position')}${conc !== undefined ? ` (${formatPercent(conc)})` : ''}` },
    { kind: 'text', text: `VaR 95    ${money('var_95').padEnd(8)} CVaR 95 ${money('expected_shortfall')}` },
  ];
  const parts = snap.breakers.map((b) => {
    const pct = (x: number) => String(+(x * 100).toFixed(1));
    const shown = b.name === 'streak' ? `${b.value ?? '?'}/${b.limit}` : `${b.value === undefined ? '?' : pct(b.value)}/${pct(b.limit)}%`;
    const level: Level = b.used === undefined ? 'ok' : b.used >= 1 ? 'critical' : b.used >= 0.75 ? 'warning' : 'ok';
    const mark = level === 'critical' ? ' ✖ TRIPPED' : level === 'warning' ? ' ▲ near' : '';
    return { text: `${b.name} ${shown}${mark}`, level };
  });
  rows.push({ kind: 'text', text: `Breakers  ${parts.slice(0, 2).map((p) => p.text).join('   ')}`, level: worse(parts[0]!.level, parts[1]!.level) });
  rows.push({ kind: 'text', text: `          ${parts[2]!.text}`, level: parts[2]!.level });
  return rows;
}

function worse(a: Level, b: Level): Level {
  const rank = { ok: 0, warning: 1, critical: 2 };
  return rank[a] >= rank[b] ? a : b;
}

function healthRows(snap: Snapshot): Row[] {
  const t = snap.trader;
  const src = snap.sources.trader;
  if (!t.components.length) return [{ kind: 'text', text: src.state === 'ok' ? 'no components reported' : `health unavailable: ${sanitize(src.reason ?? 'not read yet')}`, level: src.state === 'ok' ? 'ok' : 'warning' }];
  // Names and messages are the trader's words: sanitised, so a message cannot retitle the terminal.
  const comps = t.components.map((c) => `${c.healthy ? '✓' : '✖'} ${sanitize(c.name)}${c.latencyMs !== undefined ? ` ${Math.round(c.latencyMs)}ms` : ''}${!c.healthy && c.message ? ` ${sanitize(c.message)}` : ''}`).join('  ');
  const facts: string[] = [];
  if (t.uptime !== undefined) facts.push(`up ${formatAge(t.uptime * 1000)}`);
  if (t.requestsPerSecond !== undefined) facts.push(`${t.requestsPerSecond.toFixed(1)} req/s`);
  if (t.errorRate !== undefined) facts.push(`errors ${formatPercent(t.errorRate)}`);
  const stale = src.state !== 'ok' && t.at !== undefined;
  return [
    { kind: 'text', text: comps, level: t.components.some((c) => !c.healthy) ? 'critical' : 'ok', dim: stale },
    { kind: 'text', text: stale ? `stale ${formatAge(snap.now - t.at!)} · ${facts.join(' · ')}` : facts.join(' · '), dim: true },
  ];
}

export function buildPanels(snap: Snapshot, config: Config): { left: PanelModel[]; right: PanelModel[] } {
  const rows = (...names: string[]) => names.map((n) => metricRow(snap, config, n));
  const risk = riskRows(snap);
  const stale = panelStale(rows('total_exposure'));
  return {
    left: [
      panel('trading', 'Trading', rows('portfolio_drawdown', 'daily_return', 'sharpe_ratio', 'win_rate', 'portfolio_value')),
      stale ? { id: 'risk', title: 'Risk', rows: risk, staleFor: stale } : { id: 'risk', title: 'Risk', rows: risk },
      { id: 'health', title: 'Health', rows: healthRows(snap) },
    ],
    right: [
      panel('model', 'Model', rows('model_accuracy', 'model_error_rate', 'prediction_confidence', 'prediction_latency')),
      panel('latency', 'Latency', rows('api_latency_p50', 'api_latency', 'api_error_rate')),
      panel('resources', 'Resources', rows('cpu_usage', 'memory_usage', 'disk_usage', 'database_connections')),
    ],
  };
}
