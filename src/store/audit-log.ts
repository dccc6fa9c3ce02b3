// The append-only record of every control attempt: the attempt itself before
// anything is sent, then its end (refused, dry-run, failed or verified). One
// JSON line each, written whole under the file's lock and flushed to disk
// before the command returns; a line that cannot be written is an error the
// caller must report, never a silent loss.

import fs from 'node:fs';
import { appendLineWhole } from './atomic-file.js';
import { withFileLock, type LockOptions } from './lock.js';
import { StoreError, describeFsError } from './store-error.js';

export interface AuditEntry {
  time: string;
  operator: string;
  host: string;
  action: string;
  reason: string;
  target: string;
  /** `attempt` is written before the request goes out; the others end it. */
  result: 'attempt' | 'refused' | 'dry-run' | 'failed' | 'verified';
  duration_ms: number;
  detail?: string;
  idempotency_key?: string;
  via: 'cli' | 'tui';
}

/** Throws a StoreError when the line could not be written whole (or the lock not had within `lock.timeoutMs`). */
export function appendAudit(file: string, entry: AuditEntry, lock?: LockOptions): void {
  withFileLock(file, () => appendLineWhole(file, JSON.stringify(entry)), lock);
}

export interface AuditRead {
  entries: AuditEntry[];
  /** Lines that are not an audit entry, by line number (1-based). */
  bad: number[];
}

export function readAudit(file: string, sinceMs?: number): AuditRead {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], bad: [] };
    throw new StoreError(`cannot read ${file}: ${describeFsError(err)}`, err);
  }
  const entries: AuditEntry[] = [];
  const bad: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as AuditEntry;
      if (!e || typeof e !== 'object' || typeof e.time !== 'string' || typeof e.action !== 'string') {
        bad.push(i + 1);
        continue;
      }
      if (sinceMs === undefined || Date.parse(e.time) >= sinceMs) entries.push(e);
    } catch {
      bad.push(i + 1);
    }
  }
  return { entries, bad };
}
