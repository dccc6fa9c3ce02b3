import { readAudit, type AuditEntry } from '../store/audit-log.js';
import { errorLine } from '../store/store-error.js';
import { sanitize } from '../util/sanitize.js';
import { parseDurationMs } from '../config/units.js';
import { controlTarget } from '../actions/target.js';
import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { writeErr, writeOut } from './output.js';

/**
 * One entry as a line. Every field is sanitised: reasons were typed by people,
 * details quote what the trader answered, and the file is shared.
 */
export function auditLine(e: AuditEntry): string {
  const when = sanitize(e.time).replace('T', ' ').slice(0, 19);
  // An attempt with no end line: the command was killed, or its end could not be written.
  const detail = e.result === 'attempt' ? 'no end recorded: whether it took effect is unknown' : e.detail;
  return `${when} ${sanitize(e.operator).padEnd(8)} ${sanitize(e.action).padEnd(14)} ${sanitize(e.result).padEnd(8)} ${sanitize(e.reason)}${detail ? ` · ${sanitize(detail)}` : ''}`;
}

export async function runAudit(opts: { since?: string; json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 1;
  let since: number | undefined;
  if (opts.since) {
    const d = parseDurationMs(opts.since);
    if (!d.ok) {
      writeErr(`gptmon audit: --since ${opts.since}: ${d.error}\n`);
      return 2;
    }
    since = Date.now() - d.value;
  }
  const file = controlTarget(config).auditLog;
  let read;
  try {
    read = readAudit(file, since);
  } catch (err) {
    writeErr(`gptmon audit: ${errorLine(err)}\n`);
    return 1;
  }
  // Every line that is not an entry is named: an audit trail with a hole must say so.
  for (const n of read.bad) writeErr(`${file}:${n}: not an audit entry\n`);
  const status = read.bad.length ? 1 : 0;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(read.entries, null, 2)}\n`);
    return status;
  }
  const shown = withoutEndedAttempts(read.entries);
  if (!shown.length) {
    writeOut(`no control actions${opts.since ? ` in the last ${opts.since}` : ''} (${file})\n`);
    return status;
  }
  // Cut to the terminal's width; on a pipe the whole line (a script wants all of it).
  const width = process.stdout.isTTY ? process.stdout.columns || 80 : Infinity;
  for (const e of shown) writeOut(`${auditLine(e).slice(0, width)}\n`);
  return status;
}

/** The attempt lines whose action has an end line (same idempotency key) are left out of the human view. */
function withoutEndedAttempts(entries: AuditEntry[]): AuditEntry[] {
  const ended = new Set(entries.filter((e) => e.result !== 'attempt' && e.idempotency_key).map((e) => e.idempotency_key));
  return entries.filter((e) => e.result !== 'attempt' || !ended.has(e.idempotency_key));
}
