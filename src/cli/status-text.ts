// `gptmon status` as text: fits 80 columns, plain words for states so it reads
// the same piped into a log or a pager as on a terminal.

import type { Config } from '../config/types.js';
import type { Level } from '../engine/classify.js';
import type { Snapshot } from '../engine/types.js';
import { formatAge, formatMoneyShort, formatThresholds, formatValue, truncate } from '../text/format.js';
import { wrap } from '../text/wrap.js';
import { sanitize } from '../util/sanitize.js';
import { sourcesLines } from './source-text.js';
import { otherAlertsText } from '../text/prom-notes.js';

export const LEVEL_WORD: Record<Level, string> = { ok: 'OK', warning: 'WARN', critical: 'CRIT' };
export const STATUS_WORD = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

/** Nagios convention: 0 OK, 1 warning, 2 critical, 3 unknown; the engine's one verdict. */
export function statusCode(snap: Snapshot): 0 | 1 | 2 | 3 {
  return snap.verdict.code;
}

export function statusText(snap: Snapshot, config: Config, width = 80): string[] {
  const code = statusCode(snap);
  const t = snap.trader;
  const head = [`GPT-Trader ${STATUS_WORD[code]}`];
  if (t.trading) head.push(`trading ${t.trading === 'halted' ? 'HALTED' : 'active'}`);
  // Not seen now: what was last seen, and when; never "active" on old data.
  else if (t.lastTrading) head.push(`trading unknown (last ${t.lastTrading.state} ${formatAge(snap.now - t.lastTrading.at)} ago)`);
  // Site, model, components and alert names are the trader's and Prometheus's words: sanitised.
  if (t.site) head.push(`site ${sanitize(t.site)}`);
  if (t.model) head.push(`model ${sanitize(t.model)}`);
  const lines = [head.join('  ')];
  // Why, worst first: the headline is never without its reason.
  if (snap.verdict.reasons.length) lines.push(...wrap(`why: ${snap.verdict.reasons.map(sanitize).join('; ')}`, width));
  lines.push(...sourcesLines(snap, width), ...snap.problems.map((p) => truncate(`problem: ${sanitize(p)}`, width)), '');
  if (snap.unknown) {
    lines.push('Nothing could be read: check the URLs (gptmon config show) and that the trader is up.');
    return [...lines, '', alertsSummary(snap, width)];
  }
  lines.push(`${'METRIC'.padEnd(14)} ${'VALUE'.padStart(9)}  ${'STATE'.padEnd(5)}  THRESHOLDS`);
  // The metrics with lines to cross, built-in and the team's own, in the console's order.
  const judged = Object.values(config.metrics).filter((s) => s.warning !== undefined || s.critical !== undefined);
  for (const spec of judged) {
    const m = snap.metrics[spec.name];
    // The database's own count sits beside the trader's database_connections.
    if (spec.name === 'database_connections' && snap.database) lines.push(truncate(databaseLine(snap), width));
    if (!m) continue;
    // A stale value keeps its state (STALE beside it); which series, when there are several.
    const state = m.noData ? 'WARN' : m.value === undefined ? 'n/a' : LEVEL_WORD[m.level];
    const notes = [m.error ? `QUERY FAILED (${sanitize(m.error)})` : '', m.noData ? `no data (${m.noData})` : '', m.stale && !m.error && m.value !== undefined ? 'STALE' : '', m.labels ? Object.entries(m.labels).map(([k, v]) => `${sanitize(k)}=${sanitize(v)}`).join(' ') : ''].filter(Boolean).join(' ');
    lines.push(truncate(`${spec.label.padEnd(14)} ${formatValue(m.value, spec.kind).padStart(9)}  ${state.padEnd(5)}  ${formatThresholds(spec).padEnd(12)}${notes ? ` ${notes}` : ''}`.trimEnd(), width));
  }
  lines.push(truncate(`breakers: ${breakersText(snap)}`, width));
  if (snap.riskLimits?.length) lines.push(truncate(`limits: ${riskLimitsText(snap)}`, width));
  if (t.components.length) {
    lines.push('');
    lines.push(truncate(`health: ${t.components.map((c) => `${sanitize(c.name)} ${c.healthy ? 'ok' : `FAIL${c.message ? ` (${sanitize(c.message)})` : ''}`}`).join(', ')}`, width));
  }
  lines.push('', alertsSummary(snap, width));
  const others = otherAlertsText(snap, config.other_alerts === 'count');
  if (others) lines.push(truncate(`${others} — gptmon alerts`, width));
  return lines;
}

/** `DB in use   12/100  OK  of max_connections (pg_stat_activity)`, or unknown and why. */
function databaseLine(snap: Snapshot): string {
  const db = snap.database!;
  const figures = db.inUse !== undefined ? `${db.inUse}/${db.max}` : '?';
  if (db.state === 'ok') return `${'DB in use'.padEnd(14)} ${figures.padStart(9)}  ${LEVEL_WORD[db.level].padEnd(5)}  of max_connections (pg_stat_activity)`;
  const seen = db.at !== undefined ? `read ${formatAge(snap.now - db.at)} ago; ` : '';
  // The problem line above names the database; here only what went wrong fits.
  const what = (db.reason ?? 'not read yet').replace(`database ${db.name}: `, '');
  return `${'DB in use'.padEnd(14)} ${figures.padStart(9)}  ${'UNKN'.padEnd(5)}  ${seen}${sanitize(what)}`;
}

/** `alerts: 2 firing (ExcessiveDrawdown acked, DrawdownWarning), 1 pending — gptmon alerts`. */
function alertsSummary(snap: Snapshot, width: number): string {
  const firing = snap.alerts.filter((a) => a.state === 'firing');
  const pending = snap.alerts.filter((a) => a.state === 'pending');
  if (!firing.length && !pending.length) return 'alerts: none firing';
  return truncate(`alerts: ${firing.length} firing${firing.length ? ` (${firing.map((a) => `${sanitize(a.name)}${a.ack ? ' acked' : ''}${a.inhibitedBy ? ' inhibited' : ''}`).join(', ')})` : ''}, ${pending.length} pending — gptmon alerts`, width);
}

/** `daily loss 1.8/5% · streak 1/5 · drawdown 16.2/20% NEAR`: the distance to tripping. */
export function breakersText(snap: Snapshot): string {
  return snap.breakers
    .map((b) => {
      const pct = (v: number) => String(+(v * 100).toFixed(1));
      const shown = b.name === 'streak' ? `${b.value ?? '?'}/${b.limit}` : `${b.value === undefined ? '?' : pct(b.value)}/${pct(b.limit)}%`;
      const mark = b.used === undefined ? '' : b.used >= 1 ? ' TRIPPED' : b.used >= 0.75 ? ' NEAR' : '';
      return `${b.name} ${shown}${mark}`;
    })
    .join(' · ');
}

const LIMIT_WORD = { max_exposure: 'exposure', max_position_size: 'position', max_var: 'VaR', max_concentration: 'conc' } as const;
const RANK = { critical: 2, warning: 1, ok: 0 } as const;

/** `conc 56/50% OVER · exposure 420K/1M · …`: each risk limit and how close, the worst first. */
export function riskLimitsText(snap: Snapshot): string {
  return [...(snap.riskLimits ?? [])]
    .sort((a, b) => RANK[b.level ?? 'ok'] - RANK[a.level ?? 'ok'])
    .map((l) => {
      const v = (x: number) => (l.kind === 'ratio' ? String(+(x * 100).toFixed(1)) : formatMoneyShort(x));
      const mark = l.level === 'critical' ? ' OVER' : l.level === 'warning' ? ' NEAR' : '';
      return `${LIMIT_WORD[l.key]} ${l.value === undefined ? '?' : v(l.value)}/${v(l.limit)}${l.kind === 'ratio' ? '%' : ''}${mark}`;
    })
    .join(' · ');
}
