// The monthly alert-fatigue figures from a recorded history, under a fake
// clock: every event's time is chosen here, and each figure is counted by
// hand from the events below.

import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/incidents/types.js';
import { alertFatigue } from '../../src/reviews/alert-fatigue.js';

const T0 = Date.parse('2026-11-02T00:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => T0 + minutes * MIN;

let n = 0;
const fired = (name: string, m: number, key = `${name}{}`): Event => ({ kind: 'alert-firing', time: at(m), operator: '—', host: 'h', key: `firing:${key}:${n++}`, alert: { name, key, severity: 'high', at: at(m) } });
const resolved = (name: string, m: number, key = `${name}{}`): Event => ({ kind: 'alert-resolved', time: at(m), operator: '—', host: 'h', key: `resolved:${key}:${n++}`, alert: { name, key, severity: 'high', at: at(m) } });
const ack = (name: string, m: number, who = 'ana'): Event => ({ kind: 'ack', time: at(m), operator: who, host: 'h', key: `ack:${n++}`, ack: { alert: name, forMs: 3_600_000, comment: 'on it', where: 'local' } });
const control = (m: number): Event => ({ kind: 'control', time: at(m), operator: 'ana', host: 'h', control: { action: 'reduce', result: 'verified', reason: 'exposure', via: 'cli' } });

describe('alert fatigue', () => {
  it('counts firings, acks, the median time to ack, and what was acted on', () => {
    const events = [
      // Drawdown: acked after 2 min and acted on (a control while it fired); acked after 10 min, nothing done; never acked.
      fired('ExcessiveDrawdown', 0), ack('ExcessiveDrawdown', 2), control(5), resolved('ExcessiveDrawdown', 20),
      fired('ExcessiveDrawdown', 100), ack('ExcessiveDrawdown', 110), resolved('ExcessiveDrawdown', 130),
      fired('ExcessiveDrawdown', 200), resolved('ExcessiveDrawdown', 210),
      // An ack of another alert does not count for this one.
      fired('HighCPU', 300), ack('DiskSpaceLow', 301), resolved('HighCPU', 305),
    ];
    const r = alertFatigue(events, at(0), at(60 * 24 * 28));
    expect(r.alerts.map((a) => a.name)).toEqual(['ExcessiveDrawdown', 'HighCPU']);
    expect(r.alerts[0]).toMatchObject({ fired: 3, resolved: 3, acked: 2, medianAckMs: 6 * MIN, ackedNoAction: 1, neverActed: 1, flapping: false });
    expect(r.alerts[1]).toMatchObject({ fired: 1, acked: 0, neverActed: 1 });
    expect(r.alerts[1]!.medianAckMs).toBeUndefined();
    expect(r.totals).toEqual({ fired: 4, acked: 2, flapping: 0, neverActed: 2 });
  });

  it('flapping is more than 3 fire-and-resolve cycles within an hour; 3 is not', () => {
    const cycles = (name: string, starts: number[]) => starts.flatMap((m) => [fired(name, m), resolved(name, m + 2)]);
    const events = [...cycles('Flappy', [0, 10, 20, 30]), ...cycles('Thrice', [0, 10, 20]), ...cycles('Spread', [0, 50, 100, 150, 200])];
    const r = alertFatigue(events, at(0), at(1000));
    const by = Object.fromEntries(r.alerts.map((a) => [a.name, a]));
    expect(by.Flappy).toMatchObject({ maxCyclesPerHour: 4, flapping: true });
    expect(by.Thrice).toMatchObject({ maxCyclesPerHour: 3, flapping: false });
    // Five cycles, but never more than two in one hour.
    expect(by.Spread).toMatchObject({ fired: 5, maxCyclesPerHour: 2, flapping: false });
    expect(r.totals.flapping).toBe(1);
  });

  it('keeps to the period, and tells instances of one name apart when resolving', () => {
    const events = [
      fired('RiskLimitExceeded', -10, 'RiskLimitExceeded{limit="max_var"}'),
      fired('RiskLimitExceeded', 5, 'RiskLimitExceeded{limit="max_exposure"}'),
      fired('RiskLimitExceeded', 6, 'RiskLimitExceeded{limit="max_var"}'),
      // The exposure one resolves; the VaR one still fires at the end.
      resolved('RiskLimitExceeded', 8, 'RiskLimitExceeded{limit="max_exposure"}'),
    ];
    const r = alertFatigue(events, at(0), at(100));
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatchObject({ fired: 2, resolved: 1 });
  });
});
