import { describe, expect, it } from 'vitest';
import { delta, quantile } from '../../src/engine/histogram.js';

const h = (pairs: Array<[number, number]>, sum = 0) => ({ buckets: pairs.map(([le, count]) => ({ le, count })), count: pairs.at(-1)![1], sum });

describe('histogram quantiles', () => {
  it('interpolates inside the bucket holding the rank, like histogram_quantile()', () => {
    const x = h([[0.1, 50], [0.5, 90], [1, 100], [Infinity, 100]]);
    expect(quantile(0.5, x)).toBeCloseTo(0.1, 10);
    expect(quantile(0.7, x)).toBeCloseTo(0.3, 10);
    expect(quantile(0.99, x)).toBeCloseTo(0.95, 10);
  });

  it('answers the last finite bound when the rank is in +Inf', () => {
    expect(quantile(0.99, h([[0.1, 10], [1, 10], [Infinity, 20]]))).toBe(1);
  });

  it('has no answer without observations or without +Inf', () => {
    expect(quantile(0.5, h([[0.1, 0], [Infinity, 0]]))).toBeUndefined();
    expect(quantile(0.5, h([[0.1, 5]]))).toBeUndefined();
  });

  it('takes the delta between scrapes, and the newer one after a restart', () => {
    const older = h([[0.1, 100], [1, 100], [Infinity, 100]], 5);
    const newer = h([[0.1, 100], [1, 150], [Infinity, 150]], 30);
    expect(delta(newer, older)).toEqual(h([[0.1, 0], [1, 50], [Infinity, 50]], 25));
    expect(quantile(0.5, delta(newer, older))).toBeGreaterThan(0.1);
    const restarted = h([[0.1, 3], [1, 3], [Infinity, 3]]);
    expect(delta(restarted, older)).toBe(restarted);
  });

  it('takes the newer scrape when a bucket went down though the count went up (not one series between them)', () => {
    const older = h([[0.1, 80], [1, 100], [Infinity, 100]], 5);
    const newer = h([[0.1, 60], [1, 120], [Infinity, 120]], 9);
    expect(delta(newer, older)).toBe(newer);
  });
});
