// The commands that add to an incident's timeline: a note, a new severity, a
// new commander, a checklist item ticked (or taken back), the resolution.
// Each acts on the one open incident unless --id names another.

import { checklistState, findItem } from '../incidents/checklist.js';
import type { Incident } from '../incidents/incident.js';
import type { Recorder } from '../incidents/recorder.js';
import type { Event } from '../incidents/types.js';
import { sanitize } from '../util/sanitize.js';
import { configOrExit } from './config-or-exit.js';
import { DONE, FAILED, recorderFor, REFUSED, whichIncident } from './incident-context.js';
import { parseSev } from './incident-start.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';

export interface EditOptions {
  id?: string;
  json?: boolean;
  undo?: boolean;
  summary?: string;
}

type Edit = (inc: Incident, recorder: Recorder) => { event: Omit<Event, 'time' | 'operator' | 'host'>; said: string; resolve?: boolean } | { refused: string };

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
  const made = make(inc, recorder);
  if ('refused' in made) {
    writeErr(`gptmon incident ${command}: ${made.refused}\n`);
    return REFUSED;
  }
  const res = made.resolve ? recorder.resolve(inc.id, made.event.summary) : recorder.recordFor(inc.id, made.event);
  if (!res.ok) {
    writeErr(`gptmon incident ${command}: ${res.reason}\n`);
    return FAILED;
  }
  if (opts.json) writeOut(`${JSON.stringify({ id: inc.id, ...made.event }, null, 2)}\n`);
  else writeOut(`${inc.id}: ${made.said}\n`);
  return DONE;
}

export const runIncidentNote = (text: string, opts: EditOptions, globals: GlobalOptions) =>
  edit('note', opts, globals, () => (text.trim() ? { event: { kind: 'note', text: text.trim() }, said: `note added: ${sanitize(text.trim())}` } : { refused: 'the note is empty' }));

export const runIncidentSev = (sevText: string, opts: EditOptions, globals: GlobalOptions) =>
  edit('sev', opts, globals, (inc) => {
    const sev = parseSev(sevText);
    if (sev === undefined) return { refused: `"${sanitize(sevText)}" is not a severity from 1 to 4` };
    if (sev === inc.sev) return { refused: `${inc.id} is already SEV${sev}` };
    return { event: { kind: 'sev', sev }, said: `severity SEV${inc.sev} → SEV${sev}` };
  });

export const runIncidentCommander = (name: string, opts: EditOptions, globals: GlobalOptions) =>
  edit('commander', opts, globals, () => (name.trim() ? { event: { kind: 'commander', commander: name.trim() }, said: `commander now ${sanitize(name.trim())}` } : { refused: 'give the commander\'s name' }));

export const runIncidentCheck = (spec: string, opts: EditOptions, globals: GlobalOptions) =>
  edit('check', opts, globals, (inc) => {
    const found = findItem(checklistState(inc), spec);
    if (!found.ok) return { refused: found.reason };
    const item = found.item;
    if (!opts.undo && item.ticked && item.by) return { refused: `"${item.text}" is already ticked (by ${sanitize(item.by.who)})` };
    return { event: { kind: 'check', check: { item: item.text, ...(opts.undo ? { undo: true } : {}) } }, said: `${opts.undo ? 'unticked' : 'ticked'} ${item.number}. ${item.text}` };
  });

export const runIncidentResolve = (opts: EditOptions, globals: GlobalOptions) =>
  edit('resolve', opts, globals, () => ({ event: { kind: 'resolved', ...(opts.summary ? { summary: opts.summary } : {}) }, said: `resolved${opts.summary ? `: ${sanitize(opts.summary)}` : ''} (gptmon incident report writes the post-mortem)`, resolve: true }));
