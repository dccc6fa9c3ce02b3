// The rows of an overview panel, worked out from a snapshot: plain data, so
// the drawing components stay dumb and the choices here are testable.

import type { MetricSpec } from '../../config/types.js';
import type { Level } from '../../engine/classify.js';
import type { Snapshot } from '../../engine/types.js';
import { formatAge, formatThresholds, formatValue } from '../format.js';
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


/** A metric's row: its label, value, state and lines, all from its spec. */
export function metricRow(snap: Snapshot, spec: MetricSpec): MetricRow {
  const m = snap.metrics[spec.name];
  const row: MetricRow = {
    kind: 'metric',
    name: spec.name,
    label: spec.label,
    value: formatValue(m?.value, spec.kind),
    level: m && !m.stale ? m.level : 'ok',
    missing: m?.value === undefined,
    history: m?.history ?? [],
    thresholds: formatThresholds(spec),
  };
  if (m?.value !== undefined && m.stale && m.at !== undefined) row.staleFor = formatAge(snap.now - m.at);
  if (m?.value !== undefined && m.stale) row.level = m.level;
  return row;
}

export function panelStale(rows: Row[]): string | undefined {
  const metrics = rows.filter((r): r is MetricRow => r.kind === 'metric' && !r.missing);
  if (!metrics.length || metrics.some((r) => !r.staleFor)) return undefined;
  return metrics[0]!.staleFor;
}

export function panel(id: string, title: string, rows: Row[]): PanelModel {
  const staleFor = panelStale(rows);
  return staleFor ? { id, title, rows, staleFor } : { id, title, rows };
}

