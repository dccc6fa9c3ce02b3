import { afterEach, describe, expect, it } from 'vitest';
import { call, closeAll, gauge, get, post, scrape, start, TOKEN } from './helpers.js';

afterEach(closeAll);

const INITIAL = { trading: 'active', open_positions: 6, site: 'primary', model: 'primary', position_scale: 1 };
const AUDIT = { reason: 'test', operator: 'vitest' };

describe('sim control API', () => {
  it('answers the state', async () => {
    const sim = await start();
    const r = await get(sim, '/admin/state');
    expect(r.status).toBe(200);
    expect(r.json).toEqual(INITIAL);
  });

  for (const [label, token] of [
    ['no token', null],
    ['a wrong token', 'nope'],
    ['a token that only starts right', `${TOKEN}x`],
  ] as const) {
    it(`refuses ${label} with 401 and changes nothing`, async () => {
      const sim = await start();
      const before = (await get(sim, '/metrics')).text;
      for (const path of ['/admin/halt', '/admin/close-positions', '/admin/failover', '/admin/model/fallback']) {
        const r = await post(sim, path, AUDIT, token);
        expect(r.status, path).toBe(401);
        expect(r.json).toEqual({ error: 'unauthorized' });
        expect(r.headers.get('www-authenticate')).toBe('Bearer');
      }
      expect((await post(sim, '/admin/position-scale', { scale: 0.5 }, token)).status).toBe(401);
      expect((await get(sim, '/admin/state', token)).status).toBe(401);
      expect((await get(sim, '/admin/unknown', token)).status).toBe(401);
      expect(sim.model.state()).toEqual(INITIAL);
      expect((await get(sim, '/metrics')).text).toBe(before);
    });
  }

  it('refuses a non-Bearer scheme', async () => {
    const sim = await start();
    const r = await call(sim, 'POST', '/admin/halt', { token: null, headers: { authorization: `Basic ${TOKEN}` } });
    expect(r.status).toBe(401);
    expect(sim.model.state().trading).toBe('active');
  });

  it('halts and resumes, in state and metrics, idempotently', async () => {
    const sim = await start();
    for (let i = 0; i < 2; i++) {
      const r = await post(sim, '/admin/halt', AUDIT);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ ...INITIAL, trading: 'halted' });
      expect(gauge(await scrape(sim), 'trading_enabled')).toBe(0);
    }
    for (let i = 0; i < 2; i++) {
      expect((await post(sim, '/admin/resume', AUDIT)).json).toEqual(INITIAL);
      expect(gauge(await scrape(sim), 'trading_enabled')).toBe(1);
    }
  });

  it('closes positions and zeroes the risk figures, idempotently', async () => {
    const sim = await start();
    sim.advance(5);
    expect(gauge(await scrape(sim), 'total_exposure')).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      const r = await post(sim, '/admin/close-positions', AUDIT);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ open_positions: 0, trading: 'active' });
      const e = await scrape(sim);
      for (const name of ['open_positions', 'total_exposure', 'largest_position', 'var_95', 'expected_shortfall', 'position_concentration']) {
        expect(gauge(e, name), name).toBe(0);
      }
    }
  });

  it('fails over and back; trader_info follows', async () => {
    const sim = await start();
    const site = async (): Promise<string | undefined> =>
      (await scrape(sim)).samples.find((s) => s.name === 'trader_info')?.labels.site;
    for (let i = 0; i < 2; i++) {
      expect((await post(sim, '/admin/failover', { ...AUDIT, target: 'secondary' })).json).toMatchObject({ site: 'secondary' });
      expect(await site()).toBe('secondary');
    }
    expect((await post(sim, '/admin/failover', { ...AUDIT, target: 'primary' })).json).toMatchObject({ site: 'primary' });
    expect((await post(sim, '/admin/failover', AUDIT)).json).toMatchObject({ site: 'secondary' }); // default target
    const bad = await post(sim, '/admin/failover', { target: 'tertiary' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: expect.any(String) });
    expect(sim.model.state().site).toBe('secondary');
  });

  it('switches to the fallback model, idempotently', async () => {
    const sim = await start();
    for (let i = 0; i < 2; i++) {
      expect((await post(sim, '/admin/model/fallback', AUDIT)).json).toEqual({ ...INITIAL, model: 'fallback' });
      const info = (await scrape(sim)).samples.find((s) => s.name === 'trader_info');
      expect(info?.labels.model).toBe('fallback-v3');
    }
  });

  it('scales positions, and rejects scales outside (0, 1]', async () => {
    const sim = await start();
    sim.advance(5);
    const full = gauge(await scrape(sim), 'total_exposure');
    for (let i = 0; i < 2; i++) {
      expect((await post(sim, '/admin/position-scale', { ...AUDIT, scale: 0.5 })).json).toEqual({ ...INITIAL, position_scale: 0.5 });
      expect(gauge(await scrape(sim), 'total_exposure')).toBeCloseTo(full / 2, 3);
    }
    for (const scale of [0, -1, 1.5, '0.5', null, undefined]) {
      const r = await post(sim, '/admin/position-scale', { scale });
      expect(r.status, String(scale)).toBe(400);
      expect(r.json).toEqual({ error: expect.any(String) });
    }
    expect(sim.model.state().position_scale).toBe(0.5);
  });

  it('rejects malformed and oversized bodies with no effect', async () => {
    const sim = await start();
    const malformed = await call(sim, 'POST', '/admin/halt', { raw: '{"reason": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({ error: expect.any(String) });
    expect((await call(sim, 'POST', '/admin/halt', { raw: '[1,2]' })).status).toBe(400);
    expect((await post(sim, '/admin/halt', { reason: 42 })).status).toBe(400);
    const huge = await post(sim, '/admin/halt', { reason: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.json).toEqual({ error: expect.any(String) });
    expect(sim.model.state()).toEqual(INITIAL);
    // An empty body is fine: curl -X POST without -d.
    expect((await call(sim, 'POST', '/admin/halt')).status).toBe(200);
  });

  it('answers 404 for unknown paths and 405 for wrong methods, in JSON', async () => {
    const sim = await start();
    for (const path of ['/nope', '/admin/nope', '/sim/nope']) {
      const r = await get(sim, path);
      expect(r.status, path).toBe(404);
      expect(r.json).toEqual({ error: expect.any(String) });
    }
    const cases: [string, string][] = [
      ['GET', '/admin/halt'],
      ['POST', '/metrics'],
      ['DELETE', '/admin/state'],
      ['PUT', '/health/detailed'],
      ['GET', '/sim/advance'],
    ];
    for (const [method, path] of cases) {
      const r = await call(sim, method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.json).toEqual({ error: expect.any(String) });
    }
    expect(sim.model.state()).toEqual(INITIAL);
  });
});
