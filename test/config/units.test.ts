import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationMs, parseThreshold } from '../../src/config/units.js';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['instant', 0],
    [30, 30_000],
  ])('%s is %d ms', (input, ms) => {
    expect(parseDurationMs(input)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ['5x', 'unknown unit "x"'],
    ['500xs', 'unknown unit "xs"'],
    ['30', 'has no unit'],
    ['soon', 'expected a duration'],
    [true, 'expected a duration'],
    [-5, 'expected a duration'],
  ])('%s is refused with a reason', (input, reason) => {
    const r = parseDurationMs(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it('formats the way the playbook writes them', () => {
    expect([0, 500, 30_000, 300_000, 7_200_000, 1500].map(formatDuration)).toEqual(['instant', '500ms', '30s', '5m', '2h', '1500ms']);
  });
});

describe('thresholds', () => {
  it.each([
    [0.55, 'ratio', 0.55],
    ['80%', 'ratio', 0.8],
    ['-3%', 'ratio', -0.03],
    ['500ms', 'seconds', 0.5],
    ['1000ms', 'seconds', 1],
    ['1.5s', 'seconds', 1.5],
    [80, 'count', 80],
    ['95', 'count', 95],
  ] as const)('%s as %s is %d', (input, kind, value) => {
    const r = parseThreshold(input, kind);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(value, 10);
  });

  it.each([
    ['80%', 'seconds', 'is a percentage, but this metric is a time'],
    ['500ms', 'ratio', 'is a time, but this metric is a ratio'],
    ['500ms', 'count', 'is a time'],
    ['12 parsecs', 'number', 'unknown unit "parsecs"'],
    ['twelve', 'number', 'expected a number'],
    ['5xs', 'number', 'unknown unit "xs"'],
    [[1, 2], 'ratio', 'got a list'],
    [{ a: 1 }, 'ratio', 'got a map'],
  ] as const)('%j as %s is refused', (input, kind, reason) => {
    const r = parseThreshold(input, kind);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });
});
