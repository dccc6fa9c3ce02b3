// What the `gptmon incident` commands share: the recorder over the configured
// incidents directory, who is acting, and which incident a command means (the
// one given, else the one open; with several open, it asks for one).

import { operatorName, readPrefs } from '../config/prefs.js';
import type { Config } from '../config/types.js';
import { foldIncident, type Incident } from '../incidents/incident.js';
import { isIncidentId } from '../incidents/ids.js';
import { Recorder } from '../incidents/recorder.js';
import { incidentsDir } from '../store/state-paths.js';
import { errorLine } from '../store/store-error.js';
import { writeErr } from './output.js';

export function recorderFor(config: Config): Recorder {
  return new Recorder(incidentsDir(config), operatorName(readPrefs().prefs));
}

/** Exit codes of the incident commands: done, failed, refused. */
export const DONE = 0;
export const FAILED = 1;
export const REFUSED = 2;

export type Which = { ok: true; incident: Incident } | { ok: false; code: number };

/**
 * The incident a command acts on, or the reason (said on stderr) and the exit
 * code. `latest`: with none open, the newest one (a post-mortem is written
 * after the resolution).
 */
export function whichIncident(recorder: Recorder, id: string | undefined, command: string, latest = false): Which {
  let target = id;
  if (target !== undefined && !isIncidentId(target)) {
    writeErr(`gptmon incident ${command}: "${target}" is not an incident id (they look like INC-20261125-1)\n`);
    return { ok: false, code: REFUSED };
  }
  if (target === undefined) {
    const open = recorder.open();
    const newest = latest && open.length === 0 ? recorder.all().at(-1) : undefined;
    if (newest) open.push(newest);
    if (open.length === 0) {
      writeErr(`gptmon incident ${command}: no incident is open (gptmon incident start declares one; gptmon incident list shows the others)\n`);
      return { ok: false, code: REFUSED };
    }
    if (open.length > 1) {
      writeErr(`gptmon incident ${command}: ${open.length} incidents are open (${open.join(', ')}): name one with --id\n`);
      return { ok: false, code: REFUSED };
    }
    target = open[0]!;
  }
  let read;
  try {
    read = recorder.timeline(target);
  } catch (err) {
    writeErr(`gptmon incident ${command}: ${errorLine(err)}\n`);
    return { ok: false, code: FAILED };
  }
  for (const n of read.bad) writeErr(`${recorder.fileOf(target)}:${n}: not an event (skipped; the rest is read)\n`);
  const incident = foldIncident(target, read.events);
  if (!incident) {
    const known = recorder.all();
    writeErr(`gptmon incident ${command}: no incident ${target}${known.length ? ` (known: ${known.slice(-5).join(', ')})` : ''}\n`);
    return { ok: false, code: REFUSED };
  }
  return { ok: true, incident };
}
