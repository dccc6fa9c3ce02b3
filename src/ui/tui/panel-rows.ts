// The rows of an overview panel, worked out from a snapshot: plain data, so
// the drawing components stay dumb and the choices here are testable.

import type { MetricSpec } from '../../config/types.js';
import type { Level } from '../../engine/classify.js';
import type { Snapshot } from '../../engine/types.js';
import { sanitize } from '../../util/sanitize.js';
import { formatAge, formatThresholds, formatThresholdsCompact, formatValue } from '../../text/format.js';
import type { SparkScale } from '../sparkline.js';

export interface MetricRow {
  kind: 'metric';
  name: string;
  label: string;
  value: string;
  /** The state it is in, or was in when last read (a stale row keeps it). */
  level: Level;
  /** It has lines: only then does it show a state at all (no ✓ for a value never judged). */
  judged: boolean;
  /** The value is old: `40s`, shown beside the state it kept. */
  staleFor?: string;
  /** The read worked but gave no number: `missing`, `NaN`, … */
  noData?: string;
  /** Not read yet. */
  missing: boolean;
  /** `desk=b`: which series the value is, when the metric comes as several. */
  series?: string;
  history: ArrayLike<number>;
  scale: SparkScale;
  thresholds: string;
  /** The same lines in fewer columns, for a narrow panel: `▲10 ✖15`. */
  thresholdsCompact: string;
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


/** What a row takes from its spec alone, worked out once per spec rather than every refresh. */
const fromSpec = new WeakMap<MetricSpec, Pick<MetricRow, 'scale' | 'thresholds' | 'thresholdsCompact'>>();
function specParts(spec: MetricSpec): Pick<MetricRow, 'scale' | 'thresholds' | 'thresholdsCompact'> {
  let parts = fromSpec.get(spec);
  if (parts) return parts;
  const lines = [spec.warning, spec.critical].filter((v): v is number => v !== undefined);
  parts = {
    // The lines are in the scale, so a value far inside them draws low and calm; a ratio spans 0-100%.
    scale: lines.length ? { lines } : spec.kind === 'ratio' ? { range: [0, 1] } : {},
    thresholds: formatThresholds(spec),
    thresholdsCompact: formatThresholdsCompact(spec),
  };
  fromSpec.set(spec, parts);
  return parts;
}

/** A metric's row: its label, value, state and lines, all from its spec. */
export function metricRow(snap: Snapshot, spec: MetricSpec): MetricRow {
  const m = snap.metrics[spec.name];
  const row: MetricRow = {
    kind: 'metric',
    name: spec.name,
    label: spec.label,
    value: formatValue(m?.value, spec.kind),
    level: m?.level ?? 'ok',
    judged: m?.judged ?? false,
    missing: m?.value === undefined && !m?.noData,
    history: m?.history ?? [],
    ...specParts(spec),
  };
  if (m?.noData) row.noData = m.noData;
  if (m?.labels && Object.keys(m.labels).length) row.series = Object.entries(m.labels).map(([k, v]) => `${sanitize(k)}=${sanitize(v)}`).join(' ');
  if ((m?.value !== undefined || m?.noData) && m.stale && m.at !== undefined) row.staleFor = formatAge(snap.now - m.at);
  return row;
}

/** The age every read metric's value has, when all are stale; a loop, as it runs every second (see evaluate.ts). */
export function panelStale(rows: Row[]): string | undefined {
  let first: string | undefined;
  for (const r of rows) {
    if (r.kind !== 'metric' || r.missing) continue;
    if (!r.staleFor) return undefined;
    first ??= r.staleFor;
  }
  return first;
}

export function panel(id: string, title: string, rows: Row[]): PanelModel {
  const staleFor = panelStale(rows);
  return staleFor ? { id, title, rows, staleFor } : { id, title, rows };
}

