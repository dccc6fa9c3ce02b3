// Today's daily checklist for the console, handed to it like the incident
// service (the console itself does no I/O): the items, who ticked each and
// when, from the shared ticks file (another engineer's tick shows within a
// few seconds), each with gptmon's evidence and suggested tick; and a tick
// or its taking back from the console, written as `gptmon checklist daily
// tick N` writes it. A file that cannot be read or written comes back as a
// reason to show; the console keeps running.

import { readTicks, setTick, type PeriodTicks, type Tick } from '../store/checklist-file.js';
import { errorLine } from '../store/store-error.js';
import { sanitize } from '../util/sanitize.js';
import { evidenceFor, type Evidence, type EvidenceInput } from './checklist-evidence.js';
import { periodOf } from './periods.js';

export interface ChecklistRow {
  n: number;
  text: string;
  tick?: Tick;
  evidence?: Evidence;
}

export interface ChecklistNow {
  /** `daily 2026-11-25`: the period the ticks are kept under. */
  key: string;
  rows: ChecklistRow[];
  /** What could not be read (the ticks file, the alert history). */
  problems: string[];
  at: number;
}

export interface ChecklistServiceOptions {
  file: string;
  items: readonly string[];
  operator: string;
  /** What the evidence is made from, read now (the console's snapshot, the day's alerts). */
  gather: (now: number) => { input: EvidenceInput; problems: string[] };
  clock?: () => number;
  /** How old what is shown may get before it is read again. */
  maxAgeMs?: number;
}

export type TickChange = { ok: true; said: string } | { ok: false; reason: string };

export class ChecklistService {
  private held: ChecklistNow | undefined;

  constructor(private readonly opts: ChecklistServiceOptions) {}

  private clock(): number {
    return (this.opts.clock ?? Date.now)();
  }

  now(): ChecklistNow {
    const t = this.clock();
    if (!this.held || t - this.held.at >= (this.opts.maxAgeMs ?? 5000)) this.held = this.read(t);
    return this.held;
  }

  private read(at: number): ChecklistNow {
    const { key } = periodOf('daily', at);
    const problems: string[] = [];
    let ticks: PeriodTicks = {};
    try {
      ticks = readTicks(this.opts.file, key);
    } catch (err) {
      // Unknown is never "not ticked": what was last read stays, with the reason.
      problems.push(`the ticks cannot be read: ${errorLine(err)}`);
      ticks = Object.fromEntries((this.held?.rows ?? []).flatMap((r) => (r.tick ? [[r.text, r.tick]] : [])));
    }
    const { input, problems: gathered } = this.opts.gather(at);
    problems.push(...gathered);
    const rows = this.opts.items.map((text, i): ChecklistRow => {
      const evidence = evidenceFor(text, input);
      const tick = ticks[text];
      return { n: i + 1, text, ...(tick ? { tick } : {}), ...(evidence ? { evidence } : {}) };
    });
    return { key, rows, problems, at };
  }

  /** `3` ticks item 3; `-3` takes its tick back. */
  tick(spec: string): TickChange {
    const s = spec.trim();
    const undo = s.startsWith('-');
    const num = undo ? s.slice(1).trim() : s;
    const n = Number(num);
    const count = this.opts.items.length;
    if (!/^\d+$/.test(num) || n < 1 || n > count) return { ok: false, reason: `"${sanitize(s)}" is not an item: give 1-${count} (-N takes a tick back)` };
    const text = this.opts.items[n - 1]!;
    const at = this.clock();
    try {
      setTick(this.opts.file, periodOf('daily', at).key, text, undo ? undefined : { by: this.opts.operator, at });
    } catch (err) {
      return { ok: false, reason: `not ticked: ${errorLine(err)}` };
    } finally {
      this.held = undefined;
    }
    return { ok: true, said: `${undo ? 'took back the tick of' : 'ticked'} ${n}. ${sanitize(text)}` };
  }
}
