import { readAudit } from '../store/audit-log.js';
import { parseDurationMs } from '../config/units.js';
import { controlTarget } from '../actions/target.js';
import type { GlobalOptions } from './main.js';
import { configOrExit } from './config-or-exit.js';

export async function runAudit(opts: { since?: string; json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 1;
  let since: number | undefined;
  if (opts.since) {
    const d = parseDurationMs(opts.since);
    if (!d.ok) {
      process.stderr.write(`gptmon audit: --since ${opts.since}: ${d.error}\n`);
      return 2;
    }
    since = Date.now() - d.value;
  }
  const file = controlTarget(config).auditLog;
  let read;
  try {
    read = readAudit(file, since);
  } catch (err) {
    process.stderr.write(`gptmon audit: cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  if (read.bad.length) process.stderr.write(`gptmon audit: ${read.bad.length} unreadable line(s) in ${file} skipped\n`);
  if (opts.json) {
    for (const e of read.entries) process.stdout.write(`${JSON.stringify(e)}\n`);
    return 0;
  }
  if (!read.entries.length) {
    process.stdout.write(`no control actions${opts.since ? ` in the last ${opts.since}` : ''} (${file})\n`);
    return 0;
  }
  const width = process.stdout.columns || 80;
  for (const e of read.entries) {
    const when = e.time.replace('T', ' ').slice(0, 19);
    process.stdout.write(`${`${when} ${e.operator.padEnd(8)} ${e.action.padEnd(14)} ${e.result.padEnd(8)} ${e.reason}${e.detail ? ` · ${e.detail}` : ''}`.slice(0, width)}\n`);
  }
  return 0;
}
