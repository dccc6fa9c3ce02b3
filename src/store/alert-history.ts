// The alert history: every alert fired or resolved, every ack and its
// removal, and every control and runbook step, one JSON-lines file per month
// beside the rolling log (`alert-history-2026-11.jsonl`), so the monthly
// alert-fatigue review reads a month that the 24-hour log no longer holds.
// Appended under the file's lock like the other logs, an event seen by two
// processes once (its key). Bounded: a month's file stops growing at
// MAX_BYTES (said once, not hidden), and months older than KEEP_MONTHS go.

import fs from 'node:fs';
import { join } from 'node:path';
import { appendEvents, readEventLog, type ReadLog } from './event-log.js';
import { StoreError, describeFsError } from './store-error.js';

/** A month of a busy trader's alerts is a few MB; past this something is flapping without end. */
export const MAX_BYTES = 32 * 1024 * 1024;
export const KEEP_MONTHS = 13;

const NAME = /^alert-history-(\d{4})-(\d{2})\.jsonl$/;

/** `2026-11`: the UTC month of a time. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export const historyFile = (dir: string, month: string): string => join(dir, `alert-history-${month}.jsonl`);

/** The months from `startMs` to `endMs` (both included), oldest first. */
export function monthsBetween(startMs: number, endMs: number): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(new Date(startMs).getUTCFullYear(), new Date(startMs).getUTCMonth(), 1));
  while (d.getTime() <= endMs) {
    out.push(monthOf(d.getTime()));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/**
 * Appends events to the month of `now`. Answers what could not be kept (the
 * month's file full), or throws a StoreError when the file cannot be written.
 */
export function appendHistory(dir: string, events: Array<{ key?: string; time: number }>, now: number): { full?: string } {
  if (!events.length) return {};
  const file = historyFile(dir, monthOf(now));
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError(`cannot read ${file}: ${describeFsError(err)}`, err);
    // A new month: the oldest months go.
    pruneOld(dir, now);
  }
  if (size >= MAX_BYTES) return { full: `${file} has reached ${MAX_BYTES / 1024 / 1024} MB: this month's later alerts are not kept` };
  appendEvents(file, events);
  return {};
}

function pruneOld(dir: string, now: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const d = new Date(now);
  const oldest = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (KEEP_MONTHS - 1), 1);
  for (const n of names) {
    const m = NAME.exec(n);
    if (m && Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) < oldest) fs.rmSync(join(dir, n), { force: true });
  }
}

/** The history's events from `startMs` up to `endMs`, oldest first, with the lines that could not be read. */
export function readHistory<T extends { time: number }>(dir: string, startMs: number, endMs: number): ReadLog<T> & { files: string[] } {
  // An event is filed under the month it was recorded in, which may be just after the month it happened in.
  const files = monthsBetween(startMs, endMs + 24 * 3_600_000).map((m) => historyFile(dir, m));
  const events: T[] = [];
  const bad: number[] = [];
  for (const f of files) {
    const r = readEventLog<T>(f);
    events.push(...r.events.filter((e) => e.time >= startMs && e.time < endMs));
    bad.push(...r.bad);
  }
  return { events: events.sort((a, b) => a.time - b.time), bad, files };
}
