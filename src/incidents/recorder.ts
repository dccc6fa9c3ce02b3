// The flight recorder. Every gptmon process that sees or does something
// (the console, `status` from cron, `ack`, `halt`) records it here: always in
// the rolling log of the last 24 hours, and while an incident is open in that
// incident's timeline too. A team that points `incidents_dir` at a shared
// directory gets one timeline from all its engineers' processes; the same
// alert seen firing by two consoles is one event (its key). Recording never
// stops what it records: a failure comes back as a reason to show.

import fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { appendHistory } from '../store/alert-history.js';
import { appendEvents, oldLogOf, readEventLog, rotateIfOld } from '../store/event-log.js';
import { readJsonFile, updateJsonFile } from '../store/json-file.js';
import { errorLine } from '../store/store-error.js';
import { compareIds, isIncidentId, nextId } from './ids.js';
import type { Event, Sev, Values } from './types.js';

/** The open-incidents index as read: a list of ids, whatever the file held. */
const openIndex = (raw: unknown): { open: string[] } => {
  const open = (raw as { open?: unknown } | undefined)?.open;
  return { open: Array.isArray(open) ? open.filter((x): x is string => typeof x === 'string') : [] };
};

/** The rolling log keeps at least this much. */
export const ROLLING_MS = 24 * 3_600_000;
/** What the month's alert history keeps (the alert-fatigue review): alerts, acks, and what was done about them. */
const HISTORY_KINDS = new Set<Event['kind']>(['alert-firing', 'alert-resolved', 'ack', 'unack', 'control', 'step']);

/** An event as the history keeps it: without the values and a step's output (a month of them is too much). */
const forHistory = ({ values: _v, ...e }: Event): Event => (e.step?.output !== undefined ? { ...e, step: { ...e.step, output: undefined } } : e) as Event;

/** How far back a declared incident looks for the first alert that led to it. */
const LEAD_UP_MS = 2 * 3_600_000;

export type Recorded = { ok: true } | { ok: false; reason: string };

/** An event as a caller gives it: who and where are the recorder's. */
export type NewEvent = Omit<Event, 'time' | 'operator' | 'host'> & { time?: number; operator?: string };

export class Recorder {
  readonly rolling: string;
  private readonly index: string;
  private rotatedAt = 0;
  private historyFullSaid = false;
  private openCache: { at: number; ids: string[] } | undefined;

  constructor(
    readonly dir: string,
    private readonly operator: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.rolling = join(dir, 'events.jsonl');
    this.index = join(dir, 'open-incidents.json');
  }

  fileOf(id: string): string {
    return join(this.dir, `${id}.jsonl`);
  }

  private complete(e: NewEvent, operator = this.operator): Event {
    return { ...e, time: e.time ?? this.clock(), operator: e.operator ?? operator, host: hostname() } as Event;
  }

  /** The incidents open now, as of a few seconds ago at most (the console asks every tick). */
  openNow(): string[] {
    const now = this.clock();
    if (!this.openCache || now - this.openCache.at > 5000) this.openCache = { at: now, ids: this.open() };
    return this.openCache.ids;
  }

  /** The newest values recorded, if not older than `maxAgeMs`: what a control from the command line was taken against. */
  latestValues(maxAgeMs: number): Values | undefined {
    const since = this.clock() - maxAgeMs;
    // An incident's declaration carries values the rolling log does not have.
    const declared = this.openNow().flatMap((id) => this.timeline(id).events.filter((e) => e.kind === 'declared'));
    let latest: Values | undefined;
    for (const e of [...this.recent(since), ...declared]) if (e.values && e.values.at >= since && (!latest || e.values.at > latest.at)) latest = e.values;
    return latest;
  }

  /** The incidents open now, oldest first. */
  open(): string[] {
    const read = this.openRead();
    return read.ok ? read.ids : [];
  }

  /** The incidents open now, or why that cannot be known (an index that cannot be read is not "none open"). */
  openRead(): { ok: true; ids: string[] } | { ok: false; reason: string } {
    const read = readJsonFile(this.index);
    if (!read.ok) return { ok: false, reason: read.reason };
    const ids = (read.value as { open?: unknown } | undefined)?.open;
    return { ok: true, ids: Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string' && isIncidentId(x)).sort(compareIds) : [] };
  }

  /** Every incident there is a timeline of, oldest first. */
  all(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.map((n) => n.replace(/\.jsonl$/, '')).filter(isIncidentId).sort(compareIds);
  }

  /**
   * What everyone sees and does: into the rolling log, and into every open
   * incident's timeline. `operator` is `—` for what gptmon observed by itself.
   */
  record(events: NewEvent[], operator?: string): Recorded {
    if (!events.length) return { ok: true };
    const full = events.map((e) => this.complete(e, operator));
    try {
      const now = this.clock();
      if (now - this.rotatedAt > 60_000) {
        rotateIfOld(this.rolling, now, ROLLING_MS);
        this.rotatedAt = now;
      }
      appendEvents(this.rolling, full);
      const kept = appendHistory(this.dir, full.filter((e) => HISTORY_KINDS.has(e.kind)).map(forHistory), now);
      this.openCache = { at: now, ids: this.open() };
      for (const id of this.openCache.ids) appendEvents(this.fileOf(id), full.map((e) => ({ ...e, incident: id })));
      // A full month's history is said once, then monitoring goes on without it.
      if (kept.full && !this.historyFullSaid) {
        this.historyFullSaid = true;
        return { ok: false, reason: kept.full };
      }
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: errorLine(err) };
    }
  }

  /** An event of one incident (a note, a severity, a tick): into its timeline only. */
  recordFor(id: string, event: NewEvent): Recorded {
    try {
      appendEvents(this.fileOf(id), [this.complete({ ...event, incident: id })]);
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: errorLine(err) };
    }
  }

  /** The rolling log's events since `since` (both its parts), oldest first. */
  recent(since: number): Event[] {
    const parts = [oldLogOf(this.rolling), this.rolling].flatMap((f) => readEventLog<Event>(f).events);
    return parts.filter((e) => e.time >= since).sort((a, b) => a.time - b.time);
  }

  /**
   * Declares an incident: a new id, its `declared` event, and the lead-up
   * copied in from the rolling log (from the first firing of what fires now,
   * up to two hours back), marked as before the declaration.
   */
  declare(d: { sev: Sev; title: string; commander?: string; values?: Values }): { ok: true; id: string } | { ok: false; reason: string } {
    const now = this.clock();
    try {
      let id = '';
      updateJsonFile(
        this.index,
        openIndex,
        (index) => {
          id = nextId(now, [...this.all(), ...index.open]);
          const declared = this.complete({ kind: 'declared', time: now, sev: d.sev, title: d.title, ...(d.commander ? { commander: d.commander } : {}), ...(d.values ? { values: d.values } : {}), incident: id });
          appendEvents(this.fileOf(id), [...this.leadUp(now, d.values?.firing ?? []).map((e) => ({ ...e, lead: true, incident: id })), declared]);
          return { open: [...index.open, id] };
        },
      );
      this.openCache = undefined;
      return { ok: true, id };
    } catch (err) {
      return { ok: false, reason: errorLine(err) };
    }
  }

  private leadUp(now: number, firing: string[]): Event[] {
    const recent = this.recent(now - LEAD_UP_MS).filter((e) => e.time <= now);
    const first = recent.find((e) => e.kind === 'alert-firing' && e.alert && firing.includes(e.alert.name));
    return first ? recent.filter((e) => e.time >= first.time) : [];
  }

  resolve(id: string, summary?: string): Recorded {
    try {
      updateJsonFile(
        this.index,
        openIndex,
        (index) => {
          appendEvents(this.fileOf(id), [this.complete({ kind: 'resolved', ...(summary ? { summary } : {}), incident: id })]);
          return { open: index.open.filter((x) => x !== id) };
        },
      );
      this.openCache = undefined;
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: errorLine(err) };
    }
  }

  /** One incident's events, oldest first, and the lines that could not be read. */
  timeline(id: string): { events: Event[]; bad: number[] } {
    const read = readEventLog<Event>(this.fileOf(id));
    return { events: read.events.sort((a, b) => a.time - b.time), bad: read.bad };
  }
}
