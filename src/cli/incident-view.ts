// `gptmon incident status`, `list` and `report`: an incident read back from
// its timeline (and, for status, what fires now).

import { writeFileSync } from 'node:fs';
import { parseDurationMs } from '../config/units.js';
import { checklistOf, checklistState } from '../incidents/checklist.js';
import { describeEvent } from '../incidents/describe.js';
import { foldIncident, happenings } from '../incidents/incident.js';
import { reportData } from '../incidents/report-data.js';
import { reportMarkdown } from '../incidents/report.js';
import { formatAge } from '../text/age.js';
import { sanitize } from '../util/sanitize.js';
import { configOrExit } from './config-or-exit.js';
import { openMonitor, readOnce } from './context.js';
import { DONE, FAILED, recorderFor, REFUSED, whichIncident } from './incident-context.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export async function runIncidentStatus(id: string | undefined, opts: { json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return FAILED;
  const recorder = recorderFor(config);
  const which = whichIncident(recorder, id, 'status', true);
  if (!which.ok) return which.code;
  const inc = which.incident;
  const monitor = openMonitor(config);
  // Null: nothing could be read, so what fires is not known (never "nothing").
  let firing: string[] | null = null;
  try {
    const snap = await readOnce(monitor, config);
    if (!snap.unknown) firing = snap.alerts.filter((a) => a.state === 'firing').map((a) => a.name);
  } finally {
    await monitor.close();
  }
  const items = checklistState(inc, checklistOf(config));
  const done = items.filter((i) => i.ticked).length;
  const last = happenings(inc).slice(-10);
  const now = Date.now();
  if (opts.json) {
    writeOut(`${JSON.stringify({ id: inc.id, title: inc.title, sev: inc.sev, commander: inc.commander ?? null, declaredAt: new Date(inc.declaredAt).toISOString(), resolvedAt: inc.resolvedAt ? new Date(inc.resolvedAt).toISOString() : null, checklist: { done, of: items.length, items }, firing, last }, null, 2)}\n`);
    return DONE;
  }
  const lines = [
    `${inc.id}  SEV${inc.sev}  "${sanitize(inc.title)}"  ${inc.resolvedAt ? `resolved ${formatAge(now - inc.resolvedAt)} ago` : `open ${formatAge(now - inc.declaredAt)}`}`,
    `commander ${inc.commander ? sanitize(inc.commander) : 'none yet (gptmon incident commander NAME)'} · checklist ${done}/${items.length} · firing now: ${firing === null ? 'unknown (the trader and its metrics could not be read)' : firing.length ? firing.map(sanitize).join(', ') : 'nothing'}`,
    '',
    ...last.map((e) => `${hhmmss(e.time)} ${sanitize(e.operator).padEnd(8)} ${describeEvent(e)}${e.lead ? '  (before it was declared)' : ''}`),
  ];
  const next = items.find((i) => !i.ticked);
  if (next) lines.push('', `next on the checklist: ${next.number}. ${next.text} (gptmon incident check ${next.number})`);
  writeOut(`${lines.join('\n')}\n`);
  return DONE;
}

export async function runIncidentList(opts: { since?: string; json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return FAILED;
  const since = parseDurationMs(opts.since ?? '30d');
  if (!since.ok) {
    writeErr(`gptmon incident list: --since ${opts.since}: ${since.error}\n`);
    return REFUSED;
  }
  const recorder = recorderFor(config);
  const from = Date.now() - since.value;
  const incidents = recorder
    .all()
    .map((id) => foldIncident(id, recorder.timeline(id).events))
    .filter((i): i is NonNullable<typeof i> => i !== undefined && (i.resolvedAt ?? Date.now()) >= from);
  if (opts.json) {
    writeOut(`${JSON.stringify(incidents.map((i) => ({ id: i.id, sev: i.sev, title: i.title, commander: i.commander ?? null, declaredAt: new Date(i.declaredAt).toISOString(), resolvedAt: i.resolvedAt ? new Date(i.resolvedAt).toISOString() : null })), null, 2)}\n`);
    return DONE;
  }
  if (!incidents.length) writeOut(`no incidents in the last ${opts.since ?? '30d'} (${recorder.dir})\n`);
  for (const i of incidents.reverse()) writeOut(`${i.id}  SEV${i.sev}  ${i.resolvedAt ? `resolved after ${formatAge(i.resolvedAt - i.declaredAt)}` : 'OPEN'}  ${sanitize(i.title)}${i.commander ? `  (ic ${sanitize(i.commander)})` : ''}\n`);
  return DONE;
}

export async function runIncidentReport(id: string | undefined, opts: { output?: string; json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return FAILED;
  const recorder = recorderFor(config);
  const which = whichIncident(recorder, id, 'report', true);
  if (!which.ok) return which.code;
  const data = reportData(which.incident, checklistOf(config));
  const text = opts.json ? `${JSON.stringify(data, null, 2)}\n` : reportMarkdown(data);
  if (!opts.output) {
    writeOut(text);
    return DONE;
  }
  try {
    writeFileSync(opts.output, text);
  } catch (err) {
    writeErr(`gptmon incident report: cannot write ${opts.output}: ${(err as Error).message}\n`);
    return FAILED;
  }
  writeErr(`wrote the post-mortem of ${data.id} to ${opts.output}\n`);
  return DONE;
}
