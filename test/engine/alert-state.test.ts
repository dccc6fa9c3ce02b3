import { describe, expect, it } from 'vitest';
import { INACTIVE, KEEP_RESOLVED_MS, stepAlert, type AlertTrack } from '../../src/engine/alert-state.js';

/** Runs a condition timeline (one reading a second) through the state machine. */
function run(durationMs: number, timeline: Array<boolean | undefined>, start = 1_000_000): AlertTrack[] {
  let t: AlertTrack = INACTIVE;
  return timeline.map((holds, i) => (t = stepAlert(t, { holds, now: start + i * 1000, durationMs, keepResolvedMs: KEEP_RESOLVED_MS })));
}

describe('alert states with durations, under a fake clock', () => {
  it('an instant alert fires on the first reading that holds', () => {
    const [a] = run(0, [true]);
    expect(a).toMatchObject({ state: 'firing', activeAt: 1_000_000, firingAt: 1_000_000 });
  });

  it('waits out its duration pending, then fires', () => {
    const states = run(3000, [true, true, true, true, true]).map((t) => t.state);
    expect(states).toEqual(['pending', 'pending', 'pending', 'firing', 'firing']);
  });

  it('a pending alert that stops holding goes back to inactive, and starts over', () => {
    const ts = run(3000, [true, true, false, true, true, true, true]);
    expect(ts.map((t) => t.state)).toEqual(['pending', 'pending', 'inactive', 'pending', 'pending', 'pending', 'firing']);
    expect(ts[6]!.activeAt).toBe(1_003_000);
  });

  it('a firing alert that stops holding is resolved, then forgotten after a while', () => {
    const ts = run(0, [true, false]);
    expect(ts[1]).toMatchObject({ state: 'resolved', resolvedAt: 1_001_000, firingAt: 1_000_000 });
    const later = (ms: number) => stepAlert(ts[1]!, { holds: false, now: 1_001_000 + ms, durationMs: 0, keepResolvedMs: KEEP_RESOLVED_MS }).state;
    expect(later(KEEP_RESOLVED_MS - 1)).toBe('resolved');
    expect(later(KEEP_RESOLVED_MS)).toBe('inactive');
  });

  it('a resolved alert that holds again fires again from scratch', () => {
    const ts = run(0, [true, false, true]);
    expect(ts[2]).toMatchObject({ state: 'firing', firingAt: 1_002_000 });
  });

  it('missing data holds a firing alert instead of resolving it, and restarts a pending one', () => {
    const ts = run(2000, [true, undefined, undefined, true]);
    expect(ts.map((t) => t.state)).toEqual(['pending', 'inactive', 'inactive', 'pending']);
    const firing = run(0, [true, undefined]);
    expect(firing[1]!.state).toBe('firing');
  });
});
