import { describe, expect, it } from 'vitest';
import { History } from '../../src/engine/history.js';

describe('history', () => {
  it('keeps the newest `capacity` readings in order, one a step, across the ring wrapping many times', () => {
    const h = new History(5, 1000);
    for (let s = 0; s < 23; s++) h.push(s, s * 1000);
    expect([...h.since(-Infinity)]).toEqual([18, 19, 20, 21, 22]);
    // Within one step the newer reading replaces the last.
    h.push(99, 22_500);
    expect([...h.since(-Infinity)]).toEqual([18, 19, 20, 21, 99]);
    expect(h.latest()).toEqual({ value: 99, at: 22_500 });
    // Only readings newer than `since`.
    expect([...h.since(20_000)]).toEqual([21, 99]);
    expect([...h.since(30_000)]).toEqual([]);
  });

  it('gives a copy: what a snapshot saw does not change with later readings', () => {
    const h = new History(3, 1000);
    h.push(1, 0);
    h.push(2, 1000);
    const seen = h.since(-Infinity);
    for (let s = 2; s < 9; s++) h.push(s * 10, s * 1000);
    expect([...seen]).toEqual([1, 2]);
    expect(new History().latest()).toBeUndefined();
  });
});
