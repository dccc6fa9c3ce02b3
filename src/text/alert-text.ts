// How an alert's state, countdown and acknowledgement read, in the console and
// in `gptmon alerts` alike.

import type { AlertView } from '../engine/types.js';
import { sanitize } from '../util/sanitize.js';
import { formatAge, formatClock, formatLineValue, formatValue } from './format.js';

export const SEVERITY_WORD = { critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW' } as const;

export function stateText(a: AlertView, now: number): string {
  // Held on data that could not be read: it was firing; whether it still is, nobody can say.
  if (a.stale && a.state === 'firing') return `no data, held ${formatAge(now - (a.firingAt ?? a.activeAt))}`;
  if (a.state === 'firing') return `firing ${formatAge(now - (a.firingAt ?? a.activeAt))}`;
  if (a.state === 'pending') return `pending ${formatAge(now - a.activeAt)}/${formatAge(a.durationMs)}`;
  return `resolved${a.resolvedNoData ? ' (no data)' : ''} ${formatAge(now - (a.resolvedAt ?? now))} ago`;
}

export function respondText(a: AlertView, now: number): string {
  if (a.state === 'firing' && a.inhibitedBy?.length) return 'no page (inhibited)';
  if (a.state !== 'firing' || a.respondBy === undefined) return '-';
  if (a.ack) return 'acked';
  const left = a.respondBy - now;
  return left >= 0 ? `in ${formatAge(left)}` : `OVERDUE ${formatAge(-left)}`;
}

/** `inhibited by ExcessiveDrawdown`: Alertmanager pages nobody for it while that alert fires. */
export function inhibitedText(a: AlertView): string | undefined {
  return a.inhibitedBy?.length ? `inhibited by ${a.inhibitedBy.map(sanitize).join(', ')}` : undefined;
}

export function ackText(a: AlertView): string {
  return a.ack ? `${sanitize(a.ack.operator)} to ${formatClock(a.ack.expiresAt)}` : '-';
}

/** How far past its line: `16.5% > 15%`; the value alone when the line is not known. */
export function alertLineText(a: AlertView): string | undefined {
  const value = alertValueText(a);
  if (value === undefined || !a.line || a.availability) return value;
  return `${value} ${a.line.op} ${formatLineValue(a.line.value, a.valueKind)}`;
}

/** `ExcessiveDrawdown desk=b`: the name, and what sets this instance apart from the alert's others. */
export function alertNameText(a: AlertView): string {
  const labels = Object.entries(a.seriesLabels ?? {}).map(([k, v]) => `${sanitize(k)}=${sanitize(v)}`);
  return [sanitize(a.name), ...labels].join(' ');
}

/** The alert's value in its metric's unit, e.g. `16.2%` for a drawdown, `down` for SystemDown. */
export function alertValueText(a: AlertView): string | undefined {
  if (a.value === undefined) return undefined;
  if (a.availability) return a.value === 0 ? 'down' : 'up';
  return formatValue(a.value, a.valueKind);
}
