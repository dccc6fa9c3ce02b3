import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/index.js';
import type { Expectation } from '../../src/sim/index.js';
import { closeAll, gauge, histogram, post, quantile, scrape, start, warnings, type Exposition } from './helpers.js';

afterEach(closeAll);

// The calm ranges the sim promises (its brief), tighter than any threshold.
const CALM_RANGES: Record<string, [number, number]> = {
  model_accuracy: [0.6, 0.64],
  sharpe_ratio: [1.2, 1.6],
  portfolio_drawdown: [0.02, 0.05],
  daily_return: [-0.01, 0.01],
  win_rate: [0.52, 0.56],
  cpu_usage: [0.3, 0.45],
  memory_usage: [0.45, 0.6],
  disk_usage: [0.39, 0.41],
  database_connections: [15, 35],
  api_error_rate: [0, 0.01],
  model_error_rate: [0, 0.01],
  consecutive_losses: [0, 2],
  open_positions: [4, 8],
  trading_enabled: [1, 1],
};

const STEP = 2; // seconds of sim time between scrapes
const WINDOW = 10; // seconds over which latency quantiles are taken, like rate(...[10s])

function holds(x: Expectation, now: Exposition, windowStart: Exposition): boolean {
  const v =
    x.quantile === undefined
      ? gauge(now, x.metric)
      : quantile(x.quantile, histogram(windowStart, x.metric), histogram(now, x.metric));
  return x.op === '>' ? v > x.value : x.op === '<' ? v < x.value : v >= x.value;
}

describe('sim scenarios', () => {
  it('has ten scenarios with one-line descriptions', () => {
    expect(SCENARIOS.map((s) => s.name)).toEqual([
      'calm',
      'drawdown',
      'flash-crash',
      'model-degradation',
      'model-failure',
      'memory-leak',
      'api-rate-limit',
      'system-down',
      'db-saturation',
      'risk-breach',
    ]);
    for (const s of SCENARIOS) expect(s.description).toMatch(/^[^\n]{10,120}$/);
  });

  it('calm stays inside every threshold for 10 minutes', async () => {
    const sim = await start({ seed: 4 });
    const history: Exposition[] = [await scrape(sim)];
    for (let t = 5; t <= 600; t += 5) {
      sim.advance(5);
      const now = await scrape(sim);
      history.push(now);
      const windowStart = history[Math.max(0, history.length - 1 - WINDOW / 5)]!;
      expect([...warnings(now, windowStart)], `at ${t} s`).toEqual([]);
      for (const [name, [lo, hi]] of Object.entries(CALM_RANGES)) {
        const v = gauge(now, name);
        expect(v >= lo && v <= hi, `${name} = ${v} at ${t} s`).toBe(true);
      }
    }
  });

  for (const scenario of SCENARIOS.filter((s) => s.expectations.length > 0)) {
    it(`${scenario.name} reaches its thresholds in time and trips nothing else`, async () => {
      const sim = await start({ scenario: scenario.name, seed: 21 });
      const own = new Set(scenario.expectations.map((x) => x.metric));
      const reachedAt = new Map<Expectation, number>();
      const history: Exposition[] = [await scrape(sim)];
      for (let t = STEP; t <= 60; t += STEP) {
        sim.advance(STEP);
        const now = await scrape(sim);
        history.push(now);
        const windowStart = history[Math.max(0, history.length - 1 - WINDOW / STEP)]!;
        for (const x of scenario.expectations) {
          if (!reachedAt.has(x) && holds(x, now, windowStart)) reachedAt.set(x, t);
        }
        const stray = [...warnings(now, windowStart)].filter((w) => !own.has(w));
        expect(stray, `at ${t} s`).toEqual([]);
      }
      for (const x of scenario.expectations) {
        const label = `${x.metric} ${x.op} ${x.value}`;
        expect(reachedAt.get(x), label).toBeDefined();
        expect(reachedAt.get(x)!, label).toBeLessThanOrEqual(x.withinSeconds);
      }
      // Still in trouble at the end: incidents hold until someone acts.
      expect([...warnings(history.at(-1)!, history.at(-6)!)].sort()).toEqual([...own].sort());

      // And back to calm once the scenario is switched back.
      await post(sim, '/sim/scenario', { name: 'calm' });
      sim.advance(30);
      const before = await scrape(sim);
      sim.advance(WINDOW);
      expect([...warnings(await scrape(sim), before)]).toEqual([]);
    });
  }

  it('a halt stops a drawdown getting worse; resuming lets it go on', async () => {
    const sim = await start({ scenario: 'drawdown' });
    sim.advance(12);
    await post(sim, '/admin/halt', { reason: 'test' });
    const at = gauge(await scrape(sim), 'portfolio_drawdown');
    const value = gauge(await scrape(sim), 'portfolio_value');
    sim.advance(60);
    const e = await scrape(sim);
    expect(gauge(e, 'portfolio_drawdown')).toBeLessThanOrEqual(at);
    expect(gauge(e, 'portfolio_value')).toBeGreaterThanOrEqual(value);
    expect(at).toBeLessThan(0.15);
    await post(sim, '/admin/resume', {});
    sim.advance(40);
    expect(gauge(await scrape(sim), 'portfolio_drawdown')).toBeGreaterThan(0.15);
  });

  it('the fallback model ends model degradation and model failure', async () => {
    for (const [name, metric, bad] of [
      ['model-degradation', 'model_accuracy', (v: number) => v < 0.55],
      ['model-failure', 'model_error_rate', (v: number) => v > 0.1],
    ] as const) {
      const sim = await start({ scenario: name });
      sim.advance(40);
      expect(bad(gauge(await scrape(sim), metric)), name).toBe(true);
      await post(sim, '/admin/model/fallback', {});
      sim.advance(20);
      expect(bad(gauge(await scrape(sim), metric)), name).toBe(false);
    }
  });

  it('failing over to the secondary site ends the broker rate limit', async () => {
    const sim = await start({ scenario: 'api-rate-limit' });
    sim.advance(30);
    expect(gauge(await scrape(sim), 'api_error_rate')).toBeGreaterThan(0.05);
    await post(sim, '/admin/failover', { target: 'secondary' });
    sim.advance(20);
    expect(gauge(await scrape(sim), 'api_error_rate')).toBeLessThan(0.01);
  });

  it('reducing position sizes ends the risk breach: every risk figure back under its warning line', async () => {
    const sim = await start({ scenario: 'risk-breach', seed: 5 });
    sim.advance(40);
    const limits = ['total_exposure', 'largest_position', 'var_95', 'position_concentration'];
    expect([...warnings(await scrape(sim), await scrape(sim))].sort()).toEqual([...limits].sort());
    await post(sim, '/admin/position-scale', { scale: 0.5 });
    sim.advance(30);
    const after = await scrape(sim);
    expect([...warnings(after, after)]).toEqual([]);
  });

  it('a smaller position scale slows the losses', async () => {
    const full = await start({ scenario: 'drawdown' });
    const half = await start({ scenario: 'drawdown' });
    await post(half, '/admin/position-scale', { scale: 0.5 });
    full.advance(30);
    half.advance(30);
    const ddFull = gauge(await scrape(full), 'portfolio_drawdown');
    const ddHalf = gauge(await scrape(half), 'portfolio_drawdown');
    expect(ddFull).toBeGreaterThan(0.15);
    expect(ddHalf).toBeLessThan(0.12);
  });
});
