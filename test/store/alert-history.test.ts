// The month's alert history the fatigue review reads: appended by the flight
// recorder with every alert fired or resolved, every ack, every control and
// step (without their bulky parts), one file per month, each event once
// however many processes see it, bounded in size and in months.

import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/incidents/recorder.js';
import type { Event } from '../../src/incidents/types.js';
import { historyFile, MAX_BYTES, readHistory } from '../../src/store/alert-history.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const NOV = Date.parse('2026-11-25T03:00:00Z');

function recorderAt(t: { now: number }, dir = tmp.dir()) {
  return new Recorder(dir, 'ana', () => t.now);
}

const firing = (at: number, name = 'ExcessiveDrawdown') => ({ kind: 'alert-firing' as const, time: at, operator: '—', key: `firing:${name}:${at}`, alert: { name, key: name, severity: 'critical' as const, at }, values: { at, firing: [name], drawdown: 0.16 } });

describe('the alert history', () => {
  it('keeps alerts, acks, controls and steps of the month, not samples; values and step output left out', () => {
    const t = { now: NOV };
    const rec = recorderAt(t);
    expect(rec.record([
      firing(NOV - 1000),
      { kind: 'sample', time: NOV, operator: '—', key: 'sample:1', values: { at: NOV, firing: [] } },
      { kind: 'ack', time: NOV, operator: 'ana', key: 'ack:1', ack: { alert: 'ExcessiveDrawdown', forMs: 3_600_000, comment: 'on it', where: 'local' } },
      { kind: 'step', time: NOV, operator: 'ana', step: { runbook: 'drawdown', step: 'd1', text: 'look', status: 'ran', command: 'echo', exit: 0, output: 'x'.repeat(5000) } },
      { kind: 'control', time: NOV, operator: 'ana', control: { action: 'halt', result: 'verified', reason: 'dd', via: 'cli' } },
    ])).toEqual({ ok: true });
    const file = historyFile(tmp.dir(), '2026-11');
    const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Event);
    expect(events.map((e) => e.kind)).toEqual(['alert-firing', 'ack', 'step', 'control']);
    expect(events.every((e) => e.values === undefined)).toBe(true);
    expect(events[2]!.step?.output).toBeUndefined();
    expect(events[1]!.operator).toBe('ana');
  });

  it('an alert seen by two processes is one line; a new month is a new file, read across the turn', () => {
    const t = { now: NOV };
    const dir = tmp.dir();
    recorderAt(t, dir).record([firing(NOV)]);
    recorderAt(t, dir).record([firing(NOV)]);
    expect(readFileSync(historyFile(dir, '2026-11'), 'utf8').trim().split('\n')).toHaveLength(1);
    // Fired on 30 November just before midnight, seen first on 1 December: filed in December, read for November.
    const late = Date.parse('2026-11-30T23:59:50Z');
    t.now = Date.parse('2026-12-01T00:00:05Z');
    recorderAt(t, dir).record([firing(late, 'HighCPU')]);
    expect(existsSync(historyFile(dir, '2026-12'))).toBe(true);
    const nov = readHistory<Event>(dir, Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-12-01T00:00:00Z'));
    expect(nov.events.map((e) => e.alert?.name)).toEqual(['ExcessiveDrawdown', 'HighCPU']);
  });

  it('months older than a year go when a new month starts; a full month says so once and recording goes on', () => {
    const dir = tmp.dir();
    writeFileSync(historyFile(dir, '2025-10'), '');
    writeFileSync(historyFile(dir, '2025-11'), '');
    const t = { now: Date.parse('2026-10-15T00:00:00Z') };
    recorderAt(t, dir).record([firing(t.now)]);
    const names = readdirSync(dir).filter((n) => n.startsWith('alert-history-')).sort();
    // Thirteen months back from October 2026 is October 2025: kept; the one before would go.
    expect(names).toEqual(['alert-history-2025-10.jsonl', 'alert-history-2025-11.jsonl', 'alert-history-2026-10.jsonl']);
    t.now = Date.parse('2026-11-02T00:00:00Z');
    recorderAt(t, dir).record([firing(t.now)]);
    expect(readdirSync(dir).filter((n) => n.startsWith('alert-history-')).sort()).toEqual(['alert-history-2025-11.jsonl', 'alert-history-2026-10.jsonl', 'alert-history-2026-11.jsonl']);

    const file = historyFile(dir, '2026-11');
    truncateSync(file, MAX_BYTES);
    const rec = recorderAt(t, dir);
    const first = rec.record([firing(t.now + 1, 'HighCPU')]);
    expect(first).toEqual({ ok: false, reason: expect.stringContaining('this month\'s later alerts are not kept') });
    expect(rec.record([firing(t.now + 2, 'HighMemory')])).toEqual({ ok: true });
    // The rolling log still has both.
    expect(rec.recent(t.now).map((e) => e.alert?.name)).toEqual(['ExcessiveDrawdown', 'HighCPU', 'HighMemory']);
  });

  it('a line that is not an event is counted and skipped; the rest is read', () => {
    const dir = tmp.dir();
    const good = JSON.stringify({ ...firing(NOV), operator: '—', host: 'h' });
    writeFileSync(join(dir, 'alert-history-2026-11.jsonl'), `${good}\n{"cut\n`);
    const r = readHistory<Event>(dir, NOV - 1000, NOV + 1000);
    expect(r.events).toHaveLength(1);
    expect(r.bad).toEqual([2]);
  });
});
