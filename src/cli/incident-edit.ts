// The commands that add to an incident's timeline: a note, a new severity, a
// new commander, a checklist item ticked (or taken back), the resolution.
// Each acts on the one open incident unless --id names another.

import { checklistOf, type ChecklistSection } from '../incidents/checklist.js';
import { checkEdit, commanderEdit, noteEdit, resolveEdit, sevEdit, type Edit as EventEdit } from '../incidents/edits.js';
import type { Incident } from '../incidents/incident.js';
import { configOrExit } from './config-or-exit.js';
import { DONE, FAILED, recorderFor, REFUSED, whichIncident } from './incident-context.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';

export interface EditOptions {
  id?: string;
  json?: boolean;
  undo?: boolean;
  summary?: string;
}

/** What a command adds, decided from the incident and the team's checklist (src/incidents/edits.ts). */
type Edit = (inc: Incident, sections: ChecklistSection[]) => EventEdit;

async function edit(command: string, opts: EditOptions, globals: GlobalOptions, make: Edit): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return FAILED;
  const recorder = recorderFor(config);
  const which = whichIncident(recorder, opts.id, command);
  if (!which.ok) return which.code;
  const inc = which.incident;
  if (inc.resolvedAt !== undefined && command !== 'note') {
    writeErr(`gptmon incident ${command}: ${inc.id} was resolved at ${new Date(inc.resolvedAt).toISOString()}; only notes can be added now\n`);
    return REFUSED;
  }
  const made = make(inc, checklistOf(config));
  if ('refused' in made) {
    writeErr(`gptmon incident ${command}: ${made.refused}\n`);
    return REFUSED;
  }
  const res = made.event.kind === 'resolved' ? recorder.resolve(inc.id, made.event.summary) : recorder.recordFor(inc.id, made.event);
  if (!res.ok) {
    writeErr(`gptmon incident ${command}: ${res.reason}\n`);
    return FAILED;
  }
  if (opts.json) writeOut(`${JSON.stringify({ id: inc.id, ...made.event }, null, 2)}\n`);
  else writeOut(`${inc.id}: ${made.said}\n`);
  return DONE;
}

export const runIncidentNote = (text: string, opts: EditOptions, globals: GlobalOptions) => edit('note', opts, globals, () => noteEdit(text));

export const runIncidentSev = (sevText: string, opts: EditOptions, globals: GlobalOptions) => edit('sev', opts, globals, (inc) => sevEdit(inc, sevText));

export const runIncidentCommander = (name: string, opts: EditOptions, globals: GlobalOptions) => edit('commander', opts, globals, () => commanderEdit(name));

export const runIncidentCheck = (spec: string, opts: EditOptions, globals: GlobalOptions) => edit('check', opts, globals, (inc, sections) => checkEdit(inc, sections, spec, opts.undo));

export const runIncidentResolve = (opts: EditOptions, globals: GlobalOptions) => edit('resolve', opts, globals, () => resolveEdit(opts.summary));
