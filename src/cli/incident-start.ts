// `gptmon incident start`: declares an incident, with the severity given, or
// the one suggested from what fires now and confirmed on a terminal (without
// one it refuses rather than guess). The values of the moment go with it, and
// the lead-up (from the first firing of what fires now) is copied in.

import type { Snapshot } from '../engine/types.js';
import { parseSev } from '../incidents/edits.js';
import { suggestSev, SEV_MEANING } from '../incidents/suggest.js';
import { valuesOf } from '../incidents/values.js';
import { sanitize } from '../util/sanitize.js';
import { ask } from './ask.js';
import { configOrExit } from './config-or-exit.js';
import { openMonitor, readOnce } from './context.js';
import { DONE, FAILED, recorderFor, REFUSED } from './incident-context.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';

export interface StartOptions {
  sev?: string;
  title?: string;
  commander?: string;
  json?: boolean;
}

async function snapshot(config: NonNullable<ReturnType<typeof configOrExit>>): Promise<Snapshot | undefined> {
  const monitor = openMonitor(config);
  try {
    return await readOnce(monitor, config);
  } catch {
    return undefined;
  } finally {
    await monitor.close();
  }
}

export async function runIncidentStart(opts: StartOptions, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return FAILED;
  if (!opts.title?.trim()) {
    writeErr('gptmon incident start: --title TEXT is needed (what is happening, in a few words)\n');
    return REFUSED;
  }
  let sev = parseSev(opts.sev);
  if (opts.sev !== undefined && sev === undefined) {
    writeErr(`gptmon incident start: --sev ${opts.sev}: a severity from 1 (complete failure) to 4 (no immediate impact)\n`);
    return REFUSED;
  }
  const snap = await snapshot(config);
  if (sev === undefined) {
    const suggested = suggestSev(snap?.alerts ?? []);
    const why = `SEV${suggested.sev}: ${sanitize(suggested.why)}`;
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      writeErr(`gptmon incident start: no --sev and no terminal to ask on; suggested ${why}. Nothing was declared.\n`);
      return REFUSED;
    }
    writeOut(`Suggested ${why}\n${([1, 2, 3, 4] as const).map((s) => `  SEV${s}  ${SEV_MEANING[s]}`).join('\n')}\n`);
    const answer = await ask(`Severity [${suggested.sev}]: `);
    if (!answer.ok) {
      writeErr(`gptmon incident start: ${answer.why}; nothing was declared\n`);
      return REFUSED;
    }
    sev = answer.text.trim() === '' ? suggested.sev : parseSev(answer.text.trim());
    if (sev === undefined) {
      writeErr(`gptmon incident start: "${sanitize(answer.text)}" is not a severity from 1 to 4; nothing was declared\n`);
      return REFUSED;
    }
  }
  const recorder = recorderFor(config);
  const res = recorder.declare({ sev, title: opts.title.trim(), ...(opts.commander ? { commander: opts.commander } : {}), ...(snap && valuesOf(snap) ? { values: valuesOf(snap)! } : {}) });
  if (!res.ok) {
    writeErr(`gptmon incident start: ${res.reason}\n`);
    return FAILED;
  }
  if (opts.json) writeOut(`${JSON.stringify({ id: res.id, sev, title: opts.title.trim(), commander: opts.commander ?? null, dir: recorder.dir }, null, 2)}\n`);
  else writeOut(`${res.id}\ndeclared SEV${sev} "${sanitize(opts.title.trim())}"${opts.commander ? `, commander ${sanitize(opts.commander)}` : ''}; timeline in ${recorder.fileOf(res.id)}\n`);
  return DONE;
}
