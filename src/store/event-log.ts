// JSON-lines logs of events (the incidents' timelines, the rolling 24-hour
// log of everything seen): appended whole under the file's lock, so two
// engineers' consoles writing at once keep every line; an event with a key
// already in the log's recent tail is not written twice (two consoles seeing
// the same alert fire). A line that cannot be read is reported by its number,
// and the rest is still read.

import fs from 'node:fs';
import { appendLineWhole } from './atomic-file.js';
import { withFileLock } from './lock.js';
import { StoreError, describeFsError } from './store-error.js';

/** How far back a key is looked for: the events of the last minutes, not the whole day. */
const TAIL_BYTES = 256 * 1024;

export interface ReadLog<T> {
  events: T[];
  /** Lines that are not an event, by number (1-based). */
  bad: number[];
}

export function readEventLog<T>(file: string): ReadLog<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], bad: [] };
    throw new StoreError(`cannot read ${file}: ${describeFsError(err)}`, err);
  }
  const events: T[] = [];
  const bad: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as T & { kind?: unknown; time?: unknown };
      if (e && typeof e === 'object' && typeof e.kind === 'string' && typeof e.time === 'number') events.push(e);
      else bad.push(i + 1);
    } catch {
      bad.push(i + 1);
    }
  }
  return { events, bad };
}

/** The keys of the events in the file's last few hundred kilobytes. */
function recentKeys(file: string): Set<string> {
  const keys = new Set<string>();
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return keys;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    for (const m of buf.toString('utf8').matchAll(/"key":"((?:[^"\\]|\\.)*)"/g)) keys.add(JSON.parse(`"${m[1]}"`) as string);
  } finally {
    fs.closeSync(fd);
  }
  return keys;
}

/**
 * Appends events to a log under its lock; those whose key is already there
 * are skipped. Answers how many were written. Throws a StoreError when the
 * log cannot be written.
 */
export function appendEvents(file: string, events: Array<{ key?: string }>): number {
  if (!events.length) return 0;
  return withFileLock(file, () => {
    const seen = events.some((e) => e.key) ? recentKeys(file) : new Set<string>();
    let written = 0;
    for (const e of events) {
      if (e.key && seen.has(e.key)) continue;
      if (e.key) seen.add(e.key);
      appendLineWhole(file, JSON.stringify(e));
      written++;
    }
    return written;
  });
}

/**
 * Keeps a rolling log bounded: once its first event is older than `spanMs`,
 * it becomes the `.old` log (replacing the one before), and a new one starts.
 * Reading both gives at least the last `spanMs`, at most twice that.
 */
export function rotateIfOld(file: string, now: number, spanMs: number): void {
  // Checked again under the lock: another process may have rotated it meanwhile.
  const firstTime = (): number | undefined => {
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const buf = Buffer.alloc(4096);
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        const line = buf.subarray(0, n).toString('utf8').split('\n')[0];
        const t = line ? (JSON.parse(line) as { time?: unknown }).time : undefined;
        return typeof t === 'number' ? t : undefined;
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return undefined;
    }
  };
  const t = firstTime();
  if (t === undefined || now - t < spanMs) return;
  withFileLock(file, () => {
    const again = firstTime();
    if (again === undefined || now - again < spanMs) return;
    try {
      fs.renameSync(file, oldLogOf(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError(`cannot rotate ${file}: ${describeFsError(err)}`, err);
    }
  });
}

/** The rolling log's previous part. */
export const oldLogOf = (file: string): string => `${file.replace(/\.jsonl$/, '')}.old.jsonl`;
