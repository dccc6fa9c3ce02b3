// How numbers read on screen, shared by the console and the one-shot commands:
// ratios as percentages (as the playbook's own review prints them), times in
// ms or s, money compact, ages short.

import type { MetricSpec } from '../config/types.js';
import type { ValueKind } from '../config/units.js';

export function formatPercent(ratio: number): string {
  const p = ratio * 100;
  const abs = Math.abs(p);
  return `${abs >= 100 ? p.toFixed(0) : p.toFixed(1)}%`;
}

export function formatSeconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)}s`;
}

export function formatMoney(v: number): string {
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(1)}K`;
  return `${sign}$${abs.toFixed(0)}`;
}

/** Money in the fewest columns, for limits side by side: `420K`, `1.05M`, `8.3K` (no currency sign). */
export function formatMoneyShort(v: number): string {
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  const trim = (x: string) => String(+x);
  if (abs >= 1e9) return `${sign}${trim((abs / 1e9).toFixed(2))}B`;
  if (abs >= 1e6) return `${sign}${trim((abs / 1e6).toFixed(2))}M`;
  if (abs >= 1e4) return `${sign}${Math.round(abs / 1e3)}K`;
  if (abs >= 1e3) return `${sign}${trim((abs / 1e3).toFixed(1))}K`;
  return `${sign}${Math.round(abs)}`;
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
}

export function formatValue(value: number | undefined, kind: ValueKind): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  switch (kind) {
    case 'ratio':
      return formatPercent(value);
    case 'seconds':
      return formatSeconds(value);
    case 'currency':
      return formatMoney(value);
    case 'count':
      return String(Math.round(value));
    default:
      return formatNumber(value);
  }
}

export { formatAge } from './age.js';

export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Fits `text` into `width` columns, marking the cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A number without trailing zeros: 55, 0.8, 1.5. */
const bare = (n: number) => String(+n.toFixed(4));

/**
 * The lines a metric must not cross, compactly, as the console sketch writes
 * them: `>10│15%`, `<55│52%`, `>500│1000ms`, `<0.8│0.5`, `>5%`.
 */
export function formatThresholds(spec: Pick<MetricSpec, 'warning' | 'critical' | 'direction' | 'kind'>): string {
  const sign = spec.direction === 'above' ? '>' : '<';
  const values = [spec.warning, spec.critical].filter((v): v is number => v !== undefined);
  if (!values.length) return '';
  if (spec.kind === 'currency') return `${sign}${values.map((v) => `$${formatMoneyShort(v)}`).join('│')}`;
  let scale = 1;
  let unit = '';
  if (spec.kind === 'ratio') [scale, unit] = [100, '%'];
  else if (spec.kind === 'seconds') [scale, unit] = values.every((v) => v < 10) ? [1000, 'ms'] : [1, 's'];
  return `${sign}${values.map((v) => bare(v * scale)).join('│')}${unit}`;
}

/**
 * The lines in a few columns, for a narrow panel: `▲10 ✖15` (warning, then
 * critical, in the value's unit without the unit), `✖10` for a critical line alone.
 */
export function formatThresholdsCompact(spec: Pick<MetricSpec, 'warning' | 'critical' | 'kind'>): string {
  const scale = spec.kind === 'ratio' ? 100 : spec.kind === 'seconds' ? ([spec.warning, spec.critical].every((v) => v === undefined || v < 10) ? 1000 : 1) : 1;
  const parts: string[] = [];
  const shown = (v: number) => (spec.kind === 'currency' ? formatMoneyShort(v) : bare(v * scale));
  if (spec.warning !== undefined) parts.push(`▲${shown(spec.warning)}`);
  if (spec.critical !== undefined) parts.push(`✖${shown(spec.critical)}`);
  return parts.join(' ');
}

/** A line's value in the metric's unit, as the thresholds write it: `15%`, `500ms`, `0.8`. */
export function formatLineValue(value: number, kind: ValueKind): string {
  if (kind === 'ratio') return `${bare(value * 100)}%`;
  if (kind === 'seconds') return value < 10 ? `${bare(value * 1000)}ms` : `${bare(value)}s`;
  if (kind === 'currency') return formatMoney(value);
  return bare(value);
}
