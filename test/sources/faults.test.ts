import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asJson, createHttp } from '../../src/sources/http.js';
import { fetchHealth, scrapeMetrics } from '../../src/sources/trader.js';
import { PrometheusClient } from '../../src/sources/prometheus.js';
import { AlertmanagerClient } from '../../src/sources/alertmanager.js';
import { deadPort, startFaultServer } from '../helpers/fault-server.js';

let server: Awaited<ReturnType<typeof startFaultServer>>;
const http = createHttp({ timeoutMs: 500 });

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await http.close();
  await server.close();
});

describe('a broken source becomes a reason, never a throw', () => {
  // Each fault with the exact reason it gives, and the status when the server answered.
  it.each([
    ['hang', { reason: 'timed out after 500ms' }],
    ['garbage', { status: 200, reason: 'not JSON (HTTP 200, starts "}{ not json at all")' }],
    ['html', { status: 200, reason: 'answered HTML, not JSON (HTTP 200)' }],
    ['huge', { status: 200, reason: 'response too large (over 1.0 MB)' }],
    // Headers promised 5000 bytes; the server hung up after 16.
    ['truncated', { reason: 'connection reset' }],
    ['empty', { status: 200, reason: 'empty body (HTTP 200)' }],
  ] as const)('%s', async (fault, expected) => {
    server.set('/x', fault);
    const res = asJson(await http.request(`${server.url}/x`));
    expect(res).toMatchObject({ ok: false, ...expected });
    if ('status' in expected) expect(res).toHaveProperty('status', expected.status);
    else expect(res).not.toHaveProperty('status');
  });

  it('refused', async () => {
    const res = await http.request(`${await deadPort()}/x`);
    expect(res).toMatchObject({ ok: false, reason: 'connection refused' });
  });

  it('each source reader names the problem', async () => {
    server.set('/health/detailed', 'error-500');
    server.set('/metrics', 'html');
    expect(await fetchHealth(http, server.url)).toMatchObject({ ok: false, reason: 'not JSON (HTTP 500, starts "internal error")' });
    expect(await scrapeMetrics(http, server.url)).toMatchObject({ ok: false, reason: 'answered HTML, not metrics' });
    server.set('/health/detailed', 'ok-json', '{"components": "nope"}');
    expect(await fetchHealth(http, server.url)).toMatchObject({ ok: false, reason: 'health has no "components" object' });
    server.set('/api/v1/query', 'ok-json', '{"status":"error","error":"parse error at char 3"}');
    expect(await new PrometheusClient(http, server.url).query('x(')).toMatchObject({ ok: false, reason: 'prometheus: parse error at char 3' });
    server.set('/api/v2/silences', 'garbage');
    expect(await new AlertmanagerClient(http, server.url).silences()).toMatchObject({ ok: false, reason: 'not JSON (HTTP 200, starts "}{ not json at all")' });
    server.set('/api/v2/alerts', 'ok-json', '{"not": "a list"}');
    expect(await new AlertmanagerClient(http, server.url).alerts()).toMatchObject({ ok: false, reason: 'unexpected answer (HTTP 200)' });
  });

  it('tolerates extra fields and unknown components in health', async () => {
    server.set('/health/detailed', 'ok-json', JSON.stringify({ extra: 1, components: { database: { healthy: true, latency_ms: 2.1, shard: 'a' }, quantum: { healthy: false } }, metrics: { uptime: 5, new_thing: 1 } }));
    const res = await fetchHealth(http, server.url);
    expect(res).toMatchObject({ ok: true, value: { components: [{ name: 'database', healthy: true, latencyMs: 2.1 }, { name: 'quantum', healthy: false }], metrics: { uptime: 5 } } });
  });

  it('keeps its connections alive: after the first tick, polling opens none', async () => {
    const origins: string[] = [];
    const counting = createHttp({ timeoutMs: 500, onConnect: (o) => origins.push(o) });
    server.set('/ok', 'ok-json');
    const tick = () => Promise.all([1, 2, 3, 4].map(() => counting.request(`${server.url}/ok`)));
    await tick();
    const afterFirst = origins.length;
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThanOrEqual(4);
    for (let i = 0; i < 10; i++) await tick();
    await counting.close();
    expect(origins.length).toBe(afterFirst);
  });

  it('a hanging request does not hold up the others to the same origin', async () => {
    server.set('/slow', 'hang');
    server.set('/ok', 'ok-json');
    const [slow, fast] = await Promise.all([http.request(`${server.url}/slow`), http.request(`${server.url}/ok`)]);
    expect(slow).toMatchObject({ ok: false, reason: 'timed out after 500ms' });
    expect(fast).toMatchObject({ ok: true, status: 200, text: '{}' });
  });
});
