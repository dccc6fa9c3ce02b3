// The append-only record of every control attempt: refused, dry-run, failed
// or verified. One JSON line each, flushed to disk before the command returns.

import fs from 'node:fs';
import { dirname } from 'node:path';

export interface AuditEntry {
  time: string;
  operator: string;
  host: string;
  action: string;
  reason: string;
  target: string;
  result: 'refused' | 'dry-run' | 'failed' | 'verified';
  duration_ms: number;
  detail?: string;
  idempotency_key?: string;
  via: 'cli' | 'tui';
}

export function appendAudit(file: string, entry: AuditEntry): void {
  fs.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readAudit(file: string, sinceMs?: number): { entries: AuditEntry[]; bad: number } {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], bad: 0 };
    throw err;
  }
  const entries: AuditEntry[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as AuditEntry;
      if (sinceMs === undefined || Date.parse(e.time) >= sinceMs) entries.push(e);
    } catch {
      bad++;
    }
  }
  return { entries, bad };
}
