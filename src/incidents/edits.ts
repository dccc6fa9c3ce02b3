// What an engineer can add to an open incident (a note, a severity, a
// commander, a tick), decided the same way wherever it is typed: the
// `gptmon incident` commands and the console write the same events and
// refuse the same mistakes, in the same words.

import { sanitize } from '../util/sanitize.js';
import { checklistState, findItem, type ChecklistSection } from './checklist.js';
import type { Incident } from './incident.js';
import type { Event, Sev } from './types.js';

/** An event to record for the incident, and what to say once it is; or why not. */
export type Edit = { event: Omit<Event, 'time' | 'operator' | 'host'>; said: string } | { refused: string };

/** `2`, `sev2`, `SEV2`: a severity from 1 to 4, or undefined. */
export function parseSev(text: string | undefined): Sev | undefined {
  const n = Number(String(text ?? '').trim().replace(/^sev/i, ''));
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : undefined;
}

export function noteEdit(text: string): Edit {
  const t = text.trim();
  return t ? { event: { kind: 'note', text: t }, said: `note added: ${sanitize(t)}` } : { refused: 'the note is empty' };
}

export function sevEdit(inc: Incident, sevText: string): Edit {
  const sev = parseSev(sevText);
  if (sev === undefined) return { refused: `"${sanitize(sevText)}" is not a severity from 1 to 4` };
  if (sev === inc.sev) return { refused: `${inc.id} is already SEV${sev}` };
  return { event: { kind: 'sev', sev }, said: `severity SEV${inc.sev} → SEV${sev}` };
}

export function commanderEdit(name: string): Edit {
  const n = name.trim();
  return n ? { event: { kind: 'commander', commander: n }, said: `commander now ${sanitize(n)}` } : { refused: "give the commander's name" };
}

/** An item by number or words ticked, or (undo) its tick taken back; no match names the closest items and ticks nothing. */
export function checkEdit(inc: Incident, sections: ChecklistSection[] | undefined, spec: string, undo = false): Edit {
  const found = findItem(checklistState(inc, sections), spec);
  if (!found.ok) return { refused: found.reason };
  const item = found.item;
  if (!undo && item.ticked && item.by) return { refused: `"${item.text}" is already ticked (by ${sanitize(item.by.who)})` };
  if (undo && !item.ticked) return { refused: `"${item.text}" is not ticked` };
  return { event: { kind: 'check', check: { item: item.text, ...(undo ? { undo: true } : {}) } }, said: `${undo ? 'unticked' : 'ticked'} ${item.number}. ${item.text}` };
}

/** The resolution, with what the engineer says ended it; written with the incident's removal from the open ones. */
export function resolveEdit(summary?: string): Edit {
  const s = summary?.trim();
  return { event: { kind: 'resolved', ...(s ? { summary: s } : {}) }, said: `resolved${s ? `: ${sanitize(s)}` : ''} (gptmon incident report writes the post-mortem)` };
}
