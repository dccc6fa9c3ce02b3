// An incident as its timeline makes it: declared with a severity and title,
// the severity and commander as they changed, notes, ticks, resolved or not.
// A pure fold over the events; nothing here reads a file or a clock.

import type { Event, Sev } from './types.js';

export interface Incident {
  id: string;
  title: string;
  sev: Sev;
  commander?: string;
  declaredAt: number;
  declaredBy: string;
  resolvedAt?: number;
  resolvedBy?: string;
  summary?: string;
  /** Every change of severity, the declaration's first. */
  sevChanges: Array<{ sev: Sev; at: number; by: string }>;
  commanderChanges: Array<{ commander: string; at: number; by: string }>;
  /** Items ticked by hand (or unticked), the last word on each. */
  ticks: Map<string, { ticked: boolean; at: number; by: string }>;
  events: Event[];
}

export function foldIncident(id: string, events: Event[]): Incident | undefined {
  const declared = events.find((e) => e.kind === 'declared');
  if (!declared) return undefined;
  const inc: Incident = {
    id,
    title: declared.title ?? id,
    sev: declared.sev ?? 3,
    declaredAt: declared.time,
    declaredBy: declared.operator,
    sevChanges: [{ sev: declared.sev ?? 3, at: declared.time, by: declared.operator }],
    commanderChanges: declared.commander ? [{ commander: declared.commander, at: declared.time, by: declared.operator }] : [],
    ticks: new Map(),
    events,
  };
  if (declared.commander) inc.commander = declared.commander;
  for (const e of events) {
    if (e.kind === 'sev' && e.sev) {
      inc.sev = e.sev;
      inc.sevChanges.push({ sev: e.sev, at: e.time, by: e.operator });
    } else if (e.kind === 'commander' && e.commander) {
      inc.commander = e.commander;
      inc.commanderChanges.push({ commander: e.commander, at: e.time, by: e.operator });
    } else if (e.kind === 'check' && e.check) {
      inc.ticks.set(e.check.item, { ticked: !e.check.undo, at: e.time, by: e.operator });
    } else if (e.kind === 'resolved') {
      inc.resolvedAt = e.time;
      inc.resolvedBy = e.operator;
      if (e.summary) inc.summary = e.summary;
    }
  }
  return inc;
}

/** The incident's timeline without the periodic value samples: what happened. */
export const happenings = (inc: Incident): Event[] => inc.events.filter((e) => e.kind !== 'sample');
