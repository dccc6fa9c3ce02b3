// The Health panel: the trader's components as it reports them (its words,
// sanitised), and its own figures.

import type { Snapshot } from '../../engine/types.js';
import { sanitize } from '../../util/sanitize.js';
import { formatAge, formatPercent } from '../../text/format.js';
import type { Row } from './panel-rows.js';

export function healthRows(snap: Snapshot): Row[] {
  const rows = traderRows(snap);
  return snap.database ? [...rows, databaseRow(snap)] : rows;
}

/** The trader's database, read by gptmon itself: connections in use against max_connections, or `?` and why not. */
function databaseRow(snap: Snapshot): Row {
  const db = snap.database!;
  const figures = db.inUse !== undefined ? `${db.inUse}/${db.max} conns` : '';
  if (db.state === 'ok') return { kind: 'text', text: `${db.level === 'ok' ? '✓' : '✖'} db ${figures} (pg_stat_activity)`, level: db.level };
  // The reason names the database; the panel has room only for what went wrong.
  const what = sanitize((db.reason ?? 'not read yet').replace(`database ${db.name}: `, ''));
  const seen = db.at !== undefined ? ` ${figures} ${formatAge(snap.now - db.at)} ago,` : '';
  return { kind: 'text', text: `? db${seen} unknown: ${what}`, level: 'warning' };
}

function traderRows(snap: Snapshot): Row[] {
  const t = snap.trader;
  const src = snap.sources.trader;
  if (!t.components.length) return [{ kind: 'text', text: src.state === 'ok' ? 'no components reported' : `health unavailable: ${sanitize(src.reason ?? 'not read yet')}`, level: src.state === 'ok' ? 'ok' : 'warning' }];
  // Names and messages are the trader's words: sanitised, so a message cannot retitle the terminal.
  // Not read on the last poll: `?`, whatever they were; the old word stays after it.
  const mark = (healthy: boolean) => (!t.componentsFresh ? '?' : healthy ? '✓' : '✖');
  const comps = t.components.map((c) => `${mark(c.healthy)} ${sanitize(c.name)}${c.latencyMs !== undefined ? ` ${Math.round(c.latencyMs)}ms` : ''}${!c.healthy && c.message ? ` ${sanitize(c.message)}` : ''}`).join('  ');
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

