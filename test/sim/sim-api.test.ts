import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/index.js';
import { call, closeAll, get, post, start } from './helpers.js';

afterEach(closeAll);

describe('sim /sim/* hooks', () => {
  it('shows and switches the scenario, refusing unknown names with the list', async () => {
    const sim = await start();
    expect((await get(sim, '/sim/scenario', null)).json).toMatchObject({ name: 'calm', scenario_seconds: 0 });
    sim.advance(10);
    const r = await post(sim, '/sim/scenario', { name: 'memory-leak' }, null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ name: 'memory-leak', scenario_seconds: 0, sim_seconds: 10 });
    expect(sim.model.scenario).toBe('memory-leak');
    const bad = await post(sim, '/sim/scenario', { name: 'meteor' }, null);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: expect.stringContaining('meteor'), scenarios: SCENARIOS.map((s) => s.name) });
    expect((await post(sim, '/sim/scenario', {}, null)).status).toBe(400);
    expect(sim.model.scenario).toBe('memory-leak');
  });

  it('advances sim time on request, and refuses nonsense', async () => {
    const sim = await start();
    const r = await post(sim, '/sim/advance', { seconds: 42 }, null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ sim_seconds: 42, scenario_seconds: 42 });
    for (const seconds of [-1, 'ten', null, 1e9]) {
      expect((await post(sim, '/sim/advance', { seconds }, null)).status, String(seconds)).toBe(400);
    }
    expect(sim.model.snapshot().simSeconds).toBe(42);
  });

  it('logs trader requests with auth and idempotency key, and clears the log', async () => {
    const sim = await start();
    await get(sim, '/metrics', null);
    await call(sim, 'POST', '/admin/halt', { body: { reason: 'x' }, headers: { 'idempotency-key': 'k-1' } });
    await post(sim, '/admin/resume', {}, 'wrong');
    await get(sim, '/sim/scenario'); // not a trader endpoint
    const log = (await get(sim, '/sim/requests')).json as Record<string, unknown>[];
    expect(log).toEqual([
      { time: expect.any(String), method: 'GET', path: '/metrics', authorized: false, idempotency_key: null },
      { time: expect.any(String), method: 'POST', path: '/admin/halt', authorized: true, idempotency_key: 'k-1' },
      { time: expect.any(String), method: 'POST', path: '/admin/resume', authorized: false, idempotency_key: null },
    ]);
    expect(Number.isNaN(Date.parse(String(log[0]?.time)))).toBe(false);
    expect((await call(sim, 'DELETE', '/sim/requests')).json).toEqual({ cleared: 3 });
    expect((await get(sim, '/sim/requests')).json).toEqual([]);
  });

  it('keeps only the last 1000 requests', async () => {
    const sim = await start();
    for (let i = 0; i < 1005; i++) await get(sim, `/metrics?i=${i}`, null);
    await get(sim, '/nope', null);
    const log = (await get(sim, '/sim/requests')).json as { path: string }[];
    expect(log).toHaveLength(1000);
    expect(log.at(-1)?.path).toBe('/nope');
  });

  it('injects faults: 503 twice, then the real answer', async () => {
    const sim = await start();
    const armed = await post(sim, '/sim/faults', { path: '/admin/halt', status: 503, times: 2 }, null);
    expect(armed.status).toBe(200);
    expect((await get(sim, '/sim/faults')).json).toEqual([{ path: '/admin/halt', status: 503, remaining: 2 }]);
    expect((await get(sim, '/admin/state')).status).toBe(200); // other paths untouched
    for (let i = 0; i < 2; i++) {
      const r = await post(sim, '/admin/halt', { reason: 'try' });
      expect(r.status).toBe(503);
      expect(r.json).toEqual({ error: 'injected' });
      expect(sim.model.state().trading).toBe('active');
    }
    expect((await post(sim, '/admin/halt', { reason: 'try' })).status).toBe(200);
    expect(sim.model.state().trading).toBe('halted');
    const log = (await get(sim, '/sim/requests')).json as { path: string }[];
    expect(log.filter((r) => r.path === '/admin/halt')).toHaveLength(3);
  });

  it('clears faults, and refuses bad fault specs', async () => {
    const sim = await start();
    await post(sim, '/sim/faults', { path: '/metrics', status: 500, times: 5 });
    expect((await get(sim, '/metrics')).status).toBe(500);
    expect((await call(sim, 'DELETE', '/sim/faults')).json).toEqual({ cleared: 1 });
    expect((await get(sim, '/metrics')).status).toBe(200);
    for (const spec of [{ path: 'metrics', status: 500 }, { path: '/metrics', status: 42 }, { path: '/metrics', status: 500, times: 0 }]) {
      expect((await post(sim, '/sim/faults', spec)).status, JSON.stringify(spec)).toBe(400);
    }
    expect((await get(sim, '/sim/faults')).json).toEqual([]);
  });

  it('serves a component message a test sets, any JSON value, until cleared', async () => {
    const sim = await start();
    const hostile = '\x1b]2;PWNED\x07 broker down';
    expect((await post(sim, '/sim/health-message', { component: 'api', message: hostile, healthy: false }, null)).status).toBe(200);
    expect((await post(sim, '/sim/health-message', { component: 'redis', message: { a: 1 } }, null)).status).toBe(200);
    const health = await get(sim, '/health/detailed');
    expect(health.status).toBe(503);
    // Sent as JSON: the escape travels as \u001b, and arrives as the ESC it stands for.
    expect(health.text).toContain('\\u001b]2;PWNED\\u0007');
    const body = health.json as { components: Record<string, { healthy: boolean; message?: unknown }> };
    expect(body.components.api).toMatchObject({ healthy: false, message: hostile });
    expect(body.components.redis).toEqual({ healthy: true, message: { a: 1 } });
    expect((await call(sim, 'DELETE', '/sim/health-message')).json).toEqual({ cleared: 2 });
    const after = await get(sim, '/health/detailed');
    expect(after.status).toBe(200);
    expect((after.json as { components: Record<string, unknown> }).components.redis).toEqual({ healthy: true });
  });

  it('refuses a bad health message', async () => {
    const sim = await start();
    for (const spec of [{ component: 'nope', message: 'x' }, { component: 'api' }, { component: 'api', message: 'x', healthy: 'no' }]) {
      expect((await post(sim, '/sim/health-message', spec)).status, JSON.stringify(spec)).toBe(400);
    }
    expect((await get(sim, '/sim/health-message')).json).toEqual({});
  });
});
