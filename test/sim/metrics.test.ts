import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeAll, get, gauge, histogram, parseExposition, post, scrape, start } from './helpers.js';

// The contract's table (shared/contract.md section 1), copied, not imported.
const GAUGES = [
  'portfolio_value',
  'portfolio_drawdown',
  'daily_return',
  'sharpe_ratio',
  'win_rate',
  'model_accuracy',
  'model_error_rate',
  'prediction_confidence',
  'api_error_rate',
  'database_connections',
  'cpu_usage',
  'memory_usage',
  'disk_usage',
  'trading_enabled',
  'open_positions',
  'total_exposure',
  'largest_position',
  'var_95',
  'expected_shortfall',
  'position_concentration',
  'consecutive_losses',
];
const RATIOS = [
  'portfolio_drawdown',
  'win_rate',
  'model_accuracy',
  'model_error_rate',
  'prediction_confidence',
  'api_error_rate',
  'cpu_usage',
  'memory_usage',
  'disk_usage',
  'position_concentration',
];
const HISTOGRAMS = ['api_latency_seconds', 'prediction_latency_seconds'];

afterEach(closeAll);

describe('sim /metrics', () => {
  it('serves every contract metric in format 0.0.4', async () => {
    const sim = await start();
    sim.advance(30);
    const r = await get(sim, '/metrics', null);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.text.endsWith('\n')).toBe(true);
    const e = parseExposition(r.text);
    for (const name of GAUGES) {
      expect(e.types.get(name), name).toBe('gauge');
      expect(Number.isFinite(gauge(e, name)), name).toBe(true);
      expect(r.text, name).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
    for (const name of RATIOS) {
      expect(gauge(e, name), name).toBeGreaterThanOrEqual(0);
      expect(gauge(e, name), name).toBeLessThanOrEqual(1);
    }
    for (const name of HISTOGRAMS) expect(e.types.get(name), name).toBe('histogram');
    expect(gauge(e, 'trading_enabled')).toBe(1);
    expect(Number.isInteger(gauge(e, 'open_positions'))).toBe(true);
    expect(Number.isInteger(gauge(e, 'database_connections'))).toBe(true);
    const info = e.samples.find((s) => s.name === 'trader_info');
    expect(info).toEqual({ name: 'trader_info', labels: { site: 'primary', model: 'primary-v12' }, value: 1 });
  });

  it('counts trades in trades_total, a counter that grows while trading and stands still when halted', async () => {
    const sim = await start();
    sim.advance(60);
    const first = await scrape(sim);
    expect(first.types.get('trades_total')).toBe('counter');
    const a = gauge(first, 'trades_total');
    expect(Number.isInteger(a)).toBe(true);
    sim.advance(60);
    const b = gauge(await scrape(sim), 'trades_total');
    // About one trade every 4 s of trading.
    expect(b - a).toBe(15);
    await post(sim, '/admin/halt', { reason: 'test' });
    sim.advance(60);
    expect(gauge(await scrape(sim), 'trades_total')).toBe(b);
  });

  it('keeps histograms well formed and growing, with 0.1/0.5/1 s edges', async () => {
    const sim = await start();
    sim.advance(10);
    const first = await scrape(sim);
    sim.advance(10);
    const second = await scrape(sim);
    for (const name of HISTOGRAMS) {
      const a = histogram(first, name);
      const b = histogram(second, name);
      const les = b.buckets.map((x) => x.le);
      expect(les).toEqual([...les].sort((x, y) => x - y));
      expect(les).toEqual(expect.arrayContaining([0.1, 0.5, 1, Infinity]));
      expect(les[les.length - 1]).toBe(Infinity);
      for (let i = 1; i < b.buckets.length; i++) {
        expect(b.buckets[i]!.count).toBeGreaterThanOrEqual(b.buckets[i - 1]!.count);
      }
      expect(b.buckets[b.buckets.length - 1]!.count).toBe(b.count);
      expect(b.count).toBeGreaterThan(a.count);
      expect(b.sum).toBeGreaterThan(a.sum);
      b.buckets.forEach((x, i) => expect(x.count).toBeGreaterThanOrEqual(a.buckets[i]!.count));
    }
    // ~40 API calls and ~10 predictions per simulated second
    expect(histogram(second, 'api_latency_seconds').count - histogram(first, 'api_latency_seconds').count).toBe(400);
    expect(histogram(second, 'prediction_latency_seconds').count).toBe(200);
  });

  it('is deterministic: same seed and time give the same body, another seed does not', async () => {
    const bodies: string[] = [];
    for (const seed of [11, 11, 12]) {
      const sim = await start({ seed, scenario: 'api-rate-limit' });
      sim.advance(25);
      await post(sim, '/sim/advance', { seconds: 12.5 });
      bodies.push((await get(sim, '/metrics')).text);
    }
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[2]).not.toBe(bodies[0]);
  });

  it('moves with a real clock when not manual', async () => {
    const sim = await start({ manualClock: false, speed: 100, tickMs: 10 });
    expect(sim.model.snapshot().simSeconds).toBe(0);
    // Waits for movement rather than asserting on timing, so a slow machine cannot fail it.
    await vi.waitFor(() => expect(sim.model.snapshot().simSeconds).toBeGreaterThan(1), { timeout: 5000, interval: 20 });
  });
});
