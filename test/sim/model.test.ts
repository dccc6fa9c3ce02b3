import { describe, expect, it } from 'vitest';
import { createSimModel } from '../../src/sim/model.js';
import { renderExposition } from '../../src/sim/exposition.js';
import { createRng } from '../../src/sim/random.js';

const body = (m: ReturnType<typeof createSimModel>): string => renderExposition(m.snapshot());

describe('sim model', () => {
  it('gives the same output for the same total time however it is chunked', () => {
    const whole = createSimModel({ seed: 7, scenario: 'drawdown' });
    whole.advance(60);
    const halves = createSimModel({ seed: 7, scenario: 'drawdown' });
    for (let i = 0; i < 120; i++) halves.advance(0.5);
    const tenths = createSimModel({ seed: 7, scenario: 'drawdown' });
    for (let i = 0; i < 600; i++) tenths.advance(0.1); // 0.1 is not exact in binary
    const ragged = createSimModel({ seed: 7, scenario: 'drawdown' });
    for (const s of [0.3, 17.2, 0.05, 0.45, 42]) ragged.advance(s);
    expect(whole.snapshot().simSeconds).toBe(60);
    expect(body(halves)).toBe(body(whole));
    expect(body(tenths)).toBe(body(whole));
    expect(body(ragged)).toBe(body(whole));
  });

  it('differs between seeds', () => {
    const a = createSimModel({ seed: 1 });
    const b = createSimModel({ seed: 2 });
    a.advance(30);
    b.advance(30);
    expect(body(a)).not.toBe(body(b));
  });

  it('moves nothing until advanced, and only in whole steps', () => {
    const m = createSimModel({ seed: 3 });
    const before = body(m);
    m.advance(0.4);
    expect(body(m)).toBe(before);
    m.advance(0.1);
    expect(body(m)).not.toBe(before);
  });

  it('restarts scenario time on a switch and rejects unknown scenarios', () => {
    const m = createSimModel({ seed: 1, scenario: 'memory-leak' });
    m.advance(20);
    expect(m.snapshot().scenarioSeconds).toBe(20);
    m.setScenario('calm');
    expect(m.snapshot()).toMatchObject({ scenario: 'calm', scenarioSeconds: 0, simSeconds: 20 });
    expect(() => m.setScenario('nope')).toThrow(/unknown scenario/);
    expect(() => createSimModel({ seed: 1, scenario: 'nope' })).toThrow(/unknown scenario/);
    expect(m.scenario).toBe('calm');
  });

  it('rejects a position scale outside (0, 1] and negative time', () => {
    const m = createSimModel({ seed: 1 });
    for (const bad of [0, -0.5, 1.01, NaN, Infinity]) expect(() => m.positionScale(bad)).toThrow(RangeError);
    expect(m.state().position_scale).toBe(1);
    expect(() => m.advance(-1)).toThrow(RangeError);
  });

  it('reopens positions after a flatten only while trading is active', () => {
    const m = createSimModel({ seed: 5 });
    m.halt();
    m.closePositions();
    m.advance(120);
    expect(m.state().open_positions).toBe(0);
    m.resume();
    m.advance(120);
    expect(m.state().open_positions).toBeGreaterThanOrEqual(4);
  });

  it('stops losses getting worse while halted and resumes them after', () => {
    const m = createSimModel({ seed: 9, scenario: 'flash-crash' });
    m.advance(8);
    m.halt();
    const frozen = m.snapshot().gauges;
    m.advance(60);
    const later = m.snapshot().gauges;
    expect(later.portfolio_drawdown).toBeLessThanOrEqual(frozen.portfolio_drawdown);
    expect(later.daily_return).toBeGreaterThanOrEqual(frozen.daily_return);
    expect(later.daily_return).toBeGreaterThan(-0.05); // the crash did not finish
    m.resume();
    m.advance(30);
    expect(m.snapshot().gauges.daily_return).toBeLessThan(-0.05);
  });

  it('uses a seeded generator with a sane normal distribution', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 20000 }, () => a.gaussian());
    expect(Array.from({ length: 5 }, () => b.gaussian())).toEqual(xs.slice(0, 5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
