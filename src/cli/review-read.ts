// What the daily review reads: the day's figures from Prometheus (one
// expression each, evaluated at the day's end over the day), or without one
// the values now, each with when it was read; and the day's alerts, acks and
// actions from the flight recorder (the rolling log and the month's alert
// history).

import type { Config } from '../config/types.js';
import type { Snapshot } from '../engine/types.js';
import type { Event } from '../incidents/types.js';
import { Recorder } from '../incidents/recorder.js';
import { matchers } from '../metrics/promql.js';
import type { Monitor } from '../monitor/monitor.js';
import type { Figure, FigureName } from '../reviews/daily-review.js';
import { readHistory } from '../store/alert-history.js';
import { incidentsDir } from '../store/state-paths.js';
import { errorLine } from '../store/store-error.js';
import { sanitize } from '../util/sanitize.js';

const DAY_MS = 86_400_000;

/** Each figure over the day as PromQL: the worst series, the aggregate each figure needs. */
const DAY_QUERY: Record<FigureName, (sel: string, range: string) => string> = {
  trades: (s, r) => `sum(increase(trades_total${s}[${r}]))`,
  win_rate: (s, r) => `min(last_over_time(win_rate${s}[${r}]))`,
  daily_return: (s, r) => `min(last_over_time(daily_return${s}[${r}]))`,
  portfolio_value: (s, r) => `sum(last_over_time(portfolio_value${s}[${r}]))`,
  sharpe_ratio: (s, r) => `min(last_over_time(sharpe_ratio${s}[${r}]))`,
  max_drawdown: (s, r) => `max(max_over_time(portfolio_drawdown${s}[${r}]))`,
  model_accuracy: (s, r) => `min(avg_over_time(model_accuracy${s}[${r}]))`,
  cpu_usage: (s, r) => `max(max_over_time(cpu_usage${s}[${r}]))`,
  memory_usage: (s, r) => `max(max_over_time(memory_usage${s}[${r}]))`,
  disk_usage: (s, r) => `max(max_over_time(disk_usage${s}[${r}]))`,
  database_connections: (s, r) => `max(max_over_time(database_connections${s}[${r}]))`,
  total_exposure: (s, r) => `max(max_over_time(total_exposure${s}[${r}]))`,
  largest_position: (s, r) => `max(max_over_time(largest_position${s}[${r}]))`,
  var_95: (s, r) => `max(max_over_time(var_95${s}[${r}]))`,
  position_concentration: (s, r) => `max(max_over_time(position_concentration${s}[${r}]))`,
};

/** The metric a figure is, read now (the trade count is the counter since the trader started). */
const NOW_METRIC: Record<FigureName, string> = {
  trades: 'trades_total',
  win_rate: 'win_rate',
  daily_return: 'daily_return',
  portfolio_value: 'portfolio_value',
  sharpe_ratio: 'sharpe_ratio',
  max_drawdown: 'portfolio_drawdown',
  model_accuracy: 'model_accuracy',
  cpu_usage: 'cpu_usage',
  memory_usage: 'memory_usage',
  disk_usage: 'disk_usage',
  database_connections: 'database_connections',
  total_exposure: 'total_exposure',
  largest_position: 'largest_position',
  var_95: 'var_95',
  position_concentration: 'position_concentration',
};

export const FIGURES = Object.keys(DAY_QUERY) as FigureName[];

/** `2026-11-25` as the UTC day it names, checked: a day that exists, not in the future. */
export function parseDay(raw: string | undefined, now: number): { start: number; date: string } | { error: string } {
  const today = new Date(now).toISOString().slice(0, 10);
  const date = raw ?? today;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const start = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(start) || new Date(start).toISOString().slice(0, 10) !== date) return { error: `--date: expected a day as YYYY-MM-DD, got ${JSON.stringify(sanitize(date))}` };
  if (start > now) return { error: `--date: ${date} is in the future (today is ${today} UTC)` };
  return { start, date };
}

export async function readDayFigures(monitor: Monitor, config: Config, start: number, end: number): Promise<Record<FigureName, Figure>> {
  const sel = matchers(config.selector);
  const range = `${Math.max(60, Math.round((end - start) / 1000))}s`;
  const entries = await Promise.all(
    FIGURES.map(async (name): Promise<[FigureName, Figure]> => {
      const res = await monitor.promAt(DAY_QUERY[name](sel, range), end);
      if (!res.ok) return [name, { basis: 'day', error: sanitize(res.reason) }];
      return [name, res.value === undefined ? { basis: 'day', error: 'no data for the day' } : { basis: 'day', value: res.value }];
    }),
  );
  return Object.fromEntries(entries) as Record<FigureName, Figure>;
}

/** The figures as they are now (no Prometheus): each with when it was read. */
export function nowFigures(snap: Snapshot): Record<FigureName, Figure> {
  return Object.fromEntries(
    FIGURES.map((name): [FigureName, Figure] => {
      const m = snap.metrics[NOW_METRIC[name]];
      if (m?.value === undefined) return [name, { basis: 'now', error: m?.error ? sanitize(m.error) : m?.noData ? `no data (${m.noData})` : snap.sources.metrics.state === 'ok' ? 'not exposed' : 'not read' }];
      return [name, { basis: 'now', value: m.value, ...(m.at !== undefined ? { at: m.at } : {}), ...(m.stale ? { stale: true } : {}) }];
    }),
  ) as Record<FigureName, Figure>;
}

/** No history and a past day: nothing of that day can be read. */
export function unreadFigures(why: string): Record<FigureName, Figure> {
  return Object.fromEntries(FIGURES.map((n) => [n, { basis: 'day', error: why }])) as Record<FigureName, Figure>;
}

/** The day's events from the rolling log and the alert history, each once; what could not be read, said. */
export function readDayEvents(config: Config, start: number, end: number): { events: Event[]; problems: string[] } {
  const dir = incidentsDir(config);
  const problems: string[] = [];
  const byId = new Map<string, Event>();
  const add = (e: Event) => byId.set(e.key ?? `${e.kind}:${e.time}:${JSON.stringify(e.alert ?? e.ack ?? e.control ?? '')}`, e);
  try {
    const h = readHistory<Event>(dir, start, end);
    h.events.forEach(add);
    if (h.bad.length) problems.push(`alert history: ${h.bad.length} unreadable line(s) skipped`);
  } catch (err) {
    problems.push(`alert history unreadable: ${errorLine(err)}`);
  }
  try {
    new Recorder(dir, '—').recent(start).filter((e) => e.time < end).forEach(add);
  } catch (err) {
    problems.push(`rolling log unreadable: ${errorLine(err)}`);
  }
  return { events: [...byId.values()].sort((a, b) => a.time - b.time), problems };
}

export const dayEnd = (start: number, now: number): { end: number; partial: boolean } => (start + DAY_MS > now ? { end: now, partial: true } : { end: start + DAY_MS, partial: false });
