// A control's lines in the audit log: who, what, why, to what, and how it
// ended. Writing one never throws: a line that could not be written comes
// back as the reason, which the command must report as AUDIT FAILED. The
// action itself is not held back by a broken log: a halt must not wait on a disk.

import { hostname } from 'node:os';
import { appendAudit, type AuditEntry } from '../store/audit-log.js';
import { errorLine } from '../store/store-error.js';
import { maskUrl, maskUrlsIn } from '../util/mask-url.js';
import type { ActionName } from './actions.js';
import { Recorder } from '../incidents/recorder.js';

/** The longest a control waits for the audit log's lock before saying AUDIT FAILED. */
const LOCK_WAIT_MS = 500;

export interface AuditContext {
  file: string;
  operator: string;
  reason: string;
  trader: string;
  via: AuditEntry['via'];
  /** Where the incidents' timelines are: each line is also an event on them. */
  incidentsDir?: string;
}

export interface AuditLine {
  result: AuditEntry['result'];
  ms: number;
  detail?: string;
  key?: string;
}

/** Undefined when written whole, else why not (one line, naming the file). */
export function writeAuditLine(ctx: AuditContext, action: ActionName, line: AuditLine): string | undefined {
  const entry: AuditEntry = {
    time: new Date().toISOString(),
    operator: ctx.operator,
    host: hostname(),
    action,
    reason: maskUrlsIn(ctx.reason),
    // Credentials in the trader URL are a secret like the token: never written down.
    target: maskUrl(ctx.trader),
    result: line.result,
    duration_ms: line.ms,
    via: ctx.via,
  };
  if (line.detail) entry.detail = maskUrlsIn(line.detail);
  if (line.key) entry.idempotency_key = line.key;
  // On the incidents' timelines too (best effort: the audit log is the record that must not fail).
  if (ctx.incidentsDir) {
    const recorder = new Recorder(ctx.incidentsDir, ctx.operator);
    const values = recorder.latestValues(60_000);
    recorder.record([{ kind: 'control', ...(line.key ? { key: `control:${line.key}:${line.result}` } : {}), control: { action, result: line.result, reason: entry.reason, ...(entry.detail ? { detail: entry.detail } : {}), ms: line.ms, via: ctx.via }, ...(values ? { values } : {}) }]);
  }
  try {
    // Another writer holds the lock for milliseconds; waiting longer would hold up the control itself.
    appendAudit(ctx.file, entry, { timeoutMs: LOCK_WAIT_MS });
    return undefined;
  } catch (err) {
    return errorLine(err);
  }
}
