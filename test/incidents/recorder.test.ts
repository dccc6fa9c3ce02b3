// The flight recorder: every kind of entry lands with who, where, when and the
// values of the moment; the rolling log feeds a declared incident its
// lead-up; several processes writing at once keep every line whole.

import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldIncident } from '../../src/incidents/incident.js';
import { Recorder, ROLLING_MS, type NewEvent } from '../../src/incidents/recorder.js';
import type { EventKind, Values } from '../../src/incidents/types.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

function fakeClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const values = (at: number, over: Partial<Values> = {}): Values => ({ at, trading: 'active', drawdown: 0.12, dailyReturn: -0.01, firing: [], ...over });

/** One event of each kind gptmon sees by itself or is told, each with the values of its moment. */
function everyKind(at: number): NewEvent[] {
  const v = values(at, { drawdown: 0.168, firing: ['DrawdownCritical'] });
  const alert = { name: 'DrawdownCritical', key: 'k1', severity: 'critical' as const, value: '16.8% > 15%', at };
  return [
    { kind: 'alert-firing', key: `firing:k1:${at}`, alert, values: v },
    { kind: 'ack', key: 'ack:1', ack: { alert: 'DrawdownCritical', forMs: 3_600_000, comment: 'looking', where: 'local' }, values: v },
    { kind: 'unack', key: 'unack:1', ack: { alert: 'DrawdownCritical', forMs: 3_600_000, comment: 'looking', where: 'local' }, values: v },
    { kind: 'step', step: { runbook: 'drawdown', step: '2', text: 'check positions', status: 'ran', command: 'gptmon status', exit: 0, output: 'ok' }, values: v },
    { kind: 'control', control: { action: 'halt', result: 'verified', reason: 'drawdown', via: 'cli' }, values: v },
    { kind: 'alert-resolved', key: `resolved:k1:${at}`, alert, values: v },
    { kind: 'sample', key: `sample:15000:${at}`, values: v },
  ];
}

describe('Recorder', () => {
  it('records every kind of entry with the operator, the host, the time and the values of that moment', () => {
    const clock = fakeClock();
    const rec = new Recorder(tmp.dir(), 'ana', clock.now);
    const declared = rec.declare({ sev: 2, title: 'drawdown', commander: 'ana', values: values(T0) });
    expect(declared.ok).toBe(true);
    const id = (declared as { id: string }).id;
    expect(id).toBe('INC-20261125-1');
    clock.advance(1000);
    expect(rec.record(everyKind(clock.now()))).toEqual({ ok: true });
    for (const [kind, extra] of [['note', { text: 'positions checked' }], ['sev', { sev: 1 }], ['commander', { commander: 'ben' }], ['check', { check: { item: 'Gather logs' } }]] as const) {
      clock.advance(1000);
      expect(rec.recordFor(id, { kind, ...extra, values: values(clock.now()) })).toEqual({ ok: true });
    }
    clock.advance(1000);
    expect(rec.resolve(id, 'back to normal')).toEqual({ ok: true });

    const { events, bad } = rec.timeline(id);
    expect(bad).toEqual([]);
    const kinds: EventKind[] = ['declared', 'alert-firing', 'ack', 'unack', 'step', 'control', 'alert-resolved', 'sample', 'note', 'sev', 'commander', 'check', 'resolved'];
    expect(events.map((e) => e.kind)).toEqual(kinds);
    for (const e of events) {
      expect(e.host).toBe(hostname());
      expect(e.operator).toBe('ana');
      expect(e.incident).toBe(id);
      expect(typeof e.time).toBe('number');
      if (e.kind !== 'resolved') expect(e.values?.at, e.kind).toBeTypeOf('number');
    }
    expect(events.find((e) => e.kind === 'control')!.values!.drawdown).toBe(0.168);
    // Everything seen is also in the rolling log; what belongs to one incident is not.
    const rolling = readFileSync(rec.rolling, 'utf8').trim().split('\n').map((l) => JSON.parse(l).kind);
    expect(rolling).toEqual(['alert-firing', 'ack', 'unack', 'step', 'control', 'alert-resolved', 'sample']);
    expect(rec.open()).toEqual([]);
    const inc = foldIncident(id, events)!;
    expect(inc).toMatchObject({ sev: 1, commander: 'ben', resolvedAt: T0 + 6000, summary: 'back to normal' });
  });

  it('records an event with a key once, however many processes saw it', () => {
    const rec = new Recorder(tmp.dir(), 'ana', fakeClock().now);
    const other = new Recorder(tmp.dir(), 'ben', fakeClock().now);
    const firing = everyKind(T0)[0]!;
    rec.record([firing]);
    other.record([firing]);
    expect(readFileSync(rec.rolling, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('starts a declared incident at the first firing of what fires now, marked as before the declaration', () => {
    const clock = fakeClock();
    const rec = new Recorder(tmp.dir(), 'ana', clock.now);
    const other = { name: 'HighMemoryUsage', key: 'k0', severity: 'medium' as const, at: T0 };
    rec.record([{ kind: 'alert-firing', key: 'firing:k0', alert: other, values: values(T0) }]);
    clock.advance(60_000);
    const first = { name: 'DrawdownCritical', key: 'k1', severity: 'critical' as const, at: clock.now() };
    rec.record([{ kind: 'alert-firing', key: 'firing:k1', alert: first, values: values(clock.now(), { drawdown: 0.16 }) }]);
    clock.advance(7 * 60_000);
    rec.record([{ kind: 'sample', key: 's1', values: values(clock.now(), { drawdown: 0.17 }) }]);
    clock.advance(60_000);
    const res = rec.declare({ sev: 2, title: 'drawdown', values: values(clock.now(), { firing: ['DrawdownCritical'] }) });
    const { events } = rec.timeline((res as { id: string }).id);
    expect(events.map((e) => [e.kind, e.lead ?? false])).toEqual([
      ['alert-firing', true],
      ['sample', true],
      ['declared', false],
    ]);
    expect(events[0]!.alert!.name).toBe('DrawdownCritical');
  });

  it('keeps the rolling log to about a day: older events move to events.old.jsonl, the one before is dropped', () => {
    const clock = fakeClock();
    const rec = new Recorder(tmp.dir(), 'ana', clock.now);
    rec.record([{ kind: 'sample', values: values(clock.now()) }]);
    clock.advance(ROLLING_MS + 60_001);
    rec.record([{ kind: 'sample', values: values(clock.now()) }]);
    expect(readFileSync(join(tmp.dir(), "events.old.jsonl"), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(rec.rolling, 'utf8').trim().split('\n')).toHaveLength(1);
    clock.advance(ROLLING_MS + 60_001);
    rec.record([{ kind: 'sample', values: values(clock.now()) }]);
    expect(rec.recent(0).map((e) => e.time)).toEqual([T0 + ROLLING_MS + 60_001, T0 + 2 * (ROLLING_MS + 60_001)]);
  });

  it('reads past a corrupt line and says which it was', () => {
    const rec = new Recorder(tmp.dir(), 'ana', fakeClock().now);
    const id = (rec.declare({ sev: 3, title: 't' }) as { id: string }).id;
    appendFileSync(rec.fileOf(id), '{"kind": "note", "ti\nnot json at all\n');
    rec.recordFor(id, { kind: 'note', text: 'still here' });
    const { events, bad } = rec.timeline(id);
    expect(bad).toEqual([2, 3]);
    expect(events.map((e) => e.kind)).toEqual(['declared', 'note']);
  });

  it('answers a reason, never throws, when the directory cannot be written', () => {
    const dir = tmp.dir();
    writeFileSync(join(dir, 'events.jsonl'), '');
    chmodSync(dir, 0o500);
    chmodSync(join(dir, 'events.jsonl'), 0o400);
    try {
      const rec = new Recorder(dir, 'ana', fakeClock().now);
      // Root can write anywhere: then the test shows only that recording succeeds.
      const res = rec.record([{ kind: 'sample', values: values(T0) }]);
      if (process.getuid?.() === 0) expect(res.ok).toBe(true);
      else expect(res).toMatchObject({ ok: false, reason: expect.stringContaining('events.jsonl') });
      const declared = rec.declare({ sev: 2, title: 't' });
      if (process.getuid?.() !== 0) expect(declared.ok).toBe(false);
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('keeps every line whole when several processes write the same timeline at once', async () => {
    const dir = tmp.dir();
    const rec = new Recorder(dir, 'ana');
    const id = (rec.declare({ sev: 2, title: 'load' }) as { id: string }).id;
    const module = fileURLToPath(new URL('../../dist/incidents/recorder.js', import.meta.url));
    const writers = 4;
    const each = 150;
    const script = (n: number) =>
      `const { Recorder } = await import(${JSON.stringify(module)});
       const rec = new Recorder(${JSON.stringify(dir)}, 'w${n}');
       const pad = 'x'.repeat(2000);
       for (let i = 0; i < ${each}; i++) {
         const r = rec.record([{ kind: 'sample', values: { at: Date.now(), firing: [], pad: pad + i } }]);
         if (!r.ok) { console.error(r.reason); process.exit(1); }
       }`;
    const codes = await Promise.all(
      Array.from({ length: writers }, (_, n) => new Promise<number | null>((resolve) => spawn(process.execPath, ['--input-type=module', '-e', script(n)], { stdio: 'inherit' }).on('exit', resolve))),
    );
    expect(codes).toEqual(Array(writers).fill(0));
    const { events, bad } = rec.timeline(id);
    expect(bad).toEqual([]);
    expect(events.filter((e) => e.kind === 'sample')).toHaveLength(writers * each);
    for (let n = 0; n < writers; n++) expect(events.filter((e) => e.operator === `w${n}`)).toHaveLength(each);
    expect(rec.recent(0)).toHaveLength(writers * each);
  });
});
