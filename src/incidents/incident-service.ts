// The console's incidents, handed to it like the ack and runbook services
// (the console itself does no I/O): the open incidents as their timelines
// make them, read again every few seconds (another engineer's note shows
// within one refresh) and at once after this console wrote; and what the
// engineer adds from the console, the same events `gptmon incident` writes
// (src/incidents/edits.ts). None of it touches the trader, so it all works in
// a read-only console. A directory that cannot be read or written comes back
// as a reason to show; the console keeps running.

import type { Snapshot } from '../engine/types.js';
import { errorLine } from '../store/store-error.js';
import { sanitize } from '../util/sanitize.js';
import { checklistState, type ChecklistSection, type ItemState } from './checklist.js';
import { checkEdit, commanderEdit, noteEdit, resolveEdit, sevEdit, type Edit } from './edits.js';
import { foldIncident, type Incident } from './incident.js';
import type { Recorder } from './recorder.js';
import type { Sev } from './types.js';
import { valuesOf } from './values.js';

export interface OpenIncident {
  incident: Incident;
  /** Its checklist as it stands: the response flow for its severity first, then the team's sections. */
  items: ItemState[];
  /** Lines of its timeline that are not events (skipped; the rest is read). */
  bad: number[];
}

export interface IncidentsNow {
  /** The incidents open now, the most severe first (the newest first among equals). */
  open: OpenIncident[];
  /** Why they could not be read, or why this console's last change was not written. */
  problem?: string;
  /** When they were read. */
  at: number;
}

/** A change made, and what to say; or why not (`refused`: a mistake in what was asked, nothing tried). */
export type Change = { ok: true; id: string; said: string } | { ok: false; reason: string; refused?: boolean };

export interface IncidentServiceOptions {
  /** The team's checklist (config `incident_checklist`), else the playbook's. */
  checklist?: ChecklistSection[];
  /** The console's snapshot now: its values go with a declaration. */
  snapshot?: () => Snapshot | undefined;
  clock?: () => number;
  /** How old what is shown may get before it is read again. */
  maxAgeMs?: number;
}

export class IncidentService {
  private held: IncidentsNow | undefined;
  private writeProblem: string | undefined;

  constructor(
    readonly recorder: Recorder,
    private readonly opts: IncidentServiceOptions = {},
  ) {}

  private clock(): number {
    return (this.opts.clock ?? Date.now)();
  }

  /** The open incidents as last read: read again when a few seconds old, or when this console wrote since. */
  now(): IncidentsNow {
    const t = this.clock();
    if (!this.held || t - this.held.at >= (this.opts.maxAgeMs ?? 3000)) this.held = this.read(t);
    return this.held;
  }

  private read(at: number): IncidentsNow {
    const problem = this.writeProblem ? { problem: this.writeProblem } : {};
    try {
      const index = this.recorder.openRead();
      // Unknown is never "none open": what was last read stays, with the reason.
      if (!index.ok) return { open: this.held?.open ?? [], at, problem: `the open incidents cannot be read: ${index.reason}` };
      const open = index.ids.flatMap((id): OpenIncident[] => {
        const { events, bad } = this.recorder.timeline(id);
        const incident = foldIncident(id, events);
        return incident && incident.resolvedAt === undefined ? [{ incident, items: checklistState(incident, this.opts.checklist), bad }] : [];
      });
      open.sort((a, b) => a.incident.sev - b.incident.sev || b.incident.declaredAt - a.incident.declaredAt);
      return { open, at, ...problem };
    } catch (err) {
      return { open: this.held?.open ?? [], at, problem: `incidents cannot be read: ${errorLine(err)}` };
    }
  }

  /** A write's outcome: a failure stays shown until a later write goes through. */
  private after(change: Change): Change {
    if (change.ok) this.writeProblem = undefined;
    else if (!change.refused) this.writeProblem = `not written to the incidents: ${change.reason}`;
    this.held = undefined;
    return change;
  }

  /** Declares an incident, with the values of the console's snapshot and the lead-up from the rolling log. */
  declare(d: { sev: Sev; title: string; commander?: string }): Change {
    const title = d.title.trim();
    if (!title) return { ok: false, refused: true, reason: 'an incident needs a title: what is happening, in a few words' };
    const commander = d.commander?.trim();
    const snap = this.opts.snapshot?.();
    const values = snap ? valuesOf(snap) : undefined;
    const res = this.recorder.declare({ sev: d.sev, title, ...(commander ? { commander } : {}), ...(values ? { values } : {}) });
    if (!res.ok) return this.after(res);
    return this.after({ ok: true, id: res.id, said: `declared ${res.id}: SEV${d.sev} "${sanitize(title)}"${commander ? `, commander ${sanitize(commander)}` : ''}` });
  }

  note(id: string, text: string): Change {
    return this.edit(id, () => noteEdit(text));
  }

  /** Ticks an item by number or words; `-4` or `-stop trading` takes a tick back. */
  check(id: string, spec: string): Change {
    const undo = spec.trim().startsWith('-');
    return this.edit(id, (inc) => checkEdit(inc, this.opts.checklist, undo ? spec.trim().slice(1).trim() : spec.trim(), undo));
  }

  sev(id: string, sevText: string): Change {
    return this.edit(id, (inc) => sevEdit(inc, sevText));
  }

  commander(id: string, name: string): Change {
    return this.edit(id, () => commanderEdit(name));
  }

  /** Resolves it: the last event of its timeline, and no longer open (for every console sharing the directory). */
  resolve(id: string, summary?: string): Change {
    return this.edit(id, () => resolveEdit(summary));
  }

  /** Decided on the incident as it is now (read afresh: another engineer may have ticked it a second ago). */
  private edit(id: string, make: (inc: Incident) => Edit): Change {
    this.held = this.read(this.clock());
    const found = this.held.open.find((o) => o.incident.id === id);
    if (!found) return { ok: false, refused: true, reason: `${id} is no longer open${this.held.problem ? ` (${this.held.problem})` : ''}` };
    const made = make(found.incident);
    if ('refused' in made) return { ok: false, refused: true, reason: made.refused };
    const res = made.event.kind === 'resolved' ? this.recorder.resolve(id, made.event.summary) : this.recorder.recordFor(id, made.event);
    return this.after(res.ok ? { ok: true, id, said: `${id}: ${made.said}` } : res);
  }
}
