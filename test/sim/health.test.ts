import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/index.js';
import { closeAll, get, post, start } from './helpers.js';

afterEach(closeAll);

interface Health {
  timestamp: string;
  site: string;
  trading: string;
  components: Record<string, { healthy: boolean; message?: string; latency_ms?: number; model_id?: string }>;
  metrics: Record<string, number>;
}

describe('sim /health/detailed', () => {
  it('answers 200 with the contract shape when calm', async () => {
    const sim = await start();
    sim.advance(600);
    const r = await get(sim, '/health/detailed', null);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const h = r.json as Health;
    expect(new Date(h.timestamp).toISOString()).toBe(h.timestamp);
    expect(Object.keys(h.components).sort()).toEqual(['api', 'database', 'model', 'redis']);
    expect(h.components.database).toEqual({ healthy: true, latency_ms: expect.any(Number) });
    expect(h.components.redis).toEqual({ healthy: true });
    expect(h.components.model).toEqual({ healthy: true, model_id: 'primary-v12' });
    expect(h.components.api).toEqual({ healthy: true });
    expect(Object.keys(h.metrics).sort()).toEqual(['active_connections', 'error_rate', 'requests_per_second', 'uptime']);
    expect(h.metrics.uptime).toBe(600);
    expect(h.metrics.requests_per_second).toBeGreaterThan(30);
    expect(h.metrics.error_rate).toBeLessThan(0.01);
    expect(Number.isInteger(h.metrics.active_connections)).toBe(true);
    expect(h).toMatchObject({ site: 'primary', trading: 'active' });
  });

  for (const scenario of SCENARIOS.filter((s) => s.unhealthy.length > 0)) {
    it(`answers 503 in ${scenario.name} with only the failing component unhealthy`, async () => {
      const sim = await start({ scenario: scenario.name });
      sim.advance(Math.max(...scenario.unhealthy.map((u) => u.withinSeconds)));
      const r = await get(sim, '/health/detailed');
      expect(r.status).toBe(503);
      const h = r.json as Health;
      const sick = Object.entries(h.components).filter(([, c]) => !c.healthy).map(([name]) => name);
      expect(sick.sort()).toEqual(scenario.unhealthy.map((u) => u.component).sort());
      for (const name of sick) expect(h.components[name]?.message, name).toEqual(expect.any(String));
    });
  }

  it('says "429 from broker" when rate limited', async () => {
    const sim = await start({ scenario: 'api-rate-limit' });
    sim.advance(20);
    const h = (await get(sim, '/health/detailed')).json as Health;
    expect(h.components.api).toEqual({ healthy: false, message: '429 from broker' });
    expect(h.metrics.error_rate).toBeGreaterThan(0.05);
  });

  it('shows the fallback model and the secondary site after those controls', async () => {
    const sim = await start();
    await post(sim, '/admin/model/fallback', { reason: 'test', operator: 'vitest' });
    await post(sim, '/admin/failover', { target: 'secondary' });
    await post(sim, '/admin/halt', {});
    const h = (await get(sim, '/health/detailed')).json as Health;
    expect(h.components.model?.model_id).toBe('fallback-v3');
    expect(h).toMatchObject({ site: 'secondary', trading: 'halted' });
  });
});
