// A Prometheus API that answers as the back ends other than Prometheus do
// (vmalert's `"alerts": null`, a Thanos `warnings` field, a query refused),
// behind a proxy that wants credentials: a local HTTP server, real requests.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { Monitor } from '../../src/monitor/monitor.js';
import { endpointFor, withEndpoints } from '../../src/sources/auth.js';
import { createHttp } from '../../src/sources/http.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let server: Server;
let base: string;
/** What each request carried, and how the server answers /api/v1/alerts and queries naming `bad_metric`. */
const seen: Array<{ url: string; authorization?: string; tenant?: string }> = [];
let alertsBody = '{"status":"success","data":{"alerts":null}}';
let warnings: string[] | undefined;
let wanted: string | undefined;

const vector = (result: unknown[]) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, ...(warnings ? { warnings } : {}) });

function answer(req: IncomingMessage): [number, string] {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/trader/health/detailed') return [200, '{"components":{"database":{"healthy":true}},"metrics":{}}'];
  if (url.pathname === '/am/api/v2/silences' || url.pathname === '/am/api/v2/alerts') return req.headers.authorization === 'Bearer am-tok' ? [200, '[]'] : [401, 'Unauthorized'];
  if (!url.pathname.startsWith('/prom/')) return [404, 'not here'];
  const path = url.pathname.slice('/prom'.length);
  if (wanted && req.headers.authorization !== wanted) return [401, 'Unauthorized'];
  if (path === '/api/v1/alerts') return [200, alertsBody];
  if (path === '/api/v1/rules') return [200, '{"status":"success","data":{"groups":[]}}'];
  const q = url.searchParams.get('query') ?? '';
  const now = Date.now() / 1000;
  if (q.includes('bad_metric')) return [400, '{"status":"error","errorType":"bad_data","error":"1:10: parse error: unexpected end of input"}'];
  if (q.startsWith('timestamp(')) return [200, vector([{ metric: { job: 'gpt-trader', instance: 't:1' }, value: [now, String(now - 30)] }])];
  if (q.startsWith('{__name__')) {
    return [200, vector([{ metric: { __name__: 'up', job: 'gpt-trader', instance: 't:1' }, value: [now, '1'] }, { metric: { __name__: 'portfolio_drawdown', job: 'gpt-trader', instance: 't:1' }, value: [now, '0.2'] }])];
  }
  return [200, vector([])];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const tenant = req.headers['x-scope-orgid'];
    seen.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), ...(typeof tenant === 'string' ? { tenant } : {}) });
    const [status, body] = answer(req);
    res.writeHead(status, { 'content-type': status === 401 ? 'text/plain' : 'application/json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  seen.length = 0;
  alertsBody = '{"status":"success","data":{"alerts":null}}';
  warnings = undefined;
  wanted = undefined;
});

function configFor(prometheus: string, over: Partial<Config> = {}): Config {
  const { config } = loadConfig({ trader: `${base}/trader`, prometheus }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  return { ...config, selector: { instance: 't:1' }, ...over };
}

async function once(config: Config) {
  const monitor = new Monitor({ config, ackFile: `${tmp.dir()}/acks.json` });
  try {
    return await monitor.tick();
  } finally {
    await monitor.close();
  }
}

describe('back ends that answer other than Prometheus does', () => {
  it('`"alerts": null` (vmalert, calm) is an empty list: Prometheus ok, values fresh, the alerts evaluated here', async () => {
    const snap = await once(configFor(`${base}/prom/`));
    expect(snap.sources.prometheus.state).toBe('ok');
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ value: 0.2, stale: false });
    expect(snap.alerts.find((a) => a.name === 'ExcessiveDrawdown')).toMatchObject({ state: 'firing', origin: 'embedded' });
    expect(snap.rules).toMatchObject({ inPrometheus: 0, total: 22 });
  });

  it('every query selects the trader, and its lag (30 s old samples) is on the source', async () => {
    const snap = await once(configFor(`${base}/prom`));
    const queries = seen.filter((s) => s.url.startsWith('/prom/')).map((s) => new URL(s.url, 'http://x').searchParams.get('query')).filter(Boolean);
    expect(queries).toContain('timestamp(up{instance="t:1"})');
    expect(queries.find((q) => q!.startsWith('{__name__'))).toMatch(/^\{__name__=~"[a-z0-9_|]+", instance="t:1"\}$/);
    expect(queries.filter((q) => q!.startsWith('histogram_quantile')).every((q) => q!.includes('_bucket{instance="t:1"}'))).toBe(true);
    expect(snap.sources.prometheus.lagMs).toBeGreaterThanOrEqual(29_000);
  });

  it('a `warnings` field is shown, and is not calm', async () => {
    warnings = ['partial response: store 10.0.0.7 unreachable'];
    const snap = await once(configFor(`${base}/prom`));
    expect(snap.sources.prometheus).toMatchObject({ state: 'ok', warnings: ['partial response: store 10.0.0.7 unreachable'] });
    expect(snap.verdict.reasons).toContain('prometheus warns: partial response: store 10.0.0.7 unreachable');
  });

  it('one bad custom query marks its own metric, not the source', async () => {
    const config = configFor(`${base}/prom`);
    config.metrics.queue_depth = { ...config.metrics.portfolio_drawdown!, name: 'queue_depth', label: 'Queue', read: { as: 'query', promql: 'sum(bad_metric' }, custom: true };
    const snap = await once(config);
    expect(snap.sources.prometheus.state).toBe('ok');
    expect(snap.metrics.queue_depth).toMatchObject({ error: 'prometheus: 1:10: parse error: unexpected end of input', stale: true });
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ value: 0.2, stale: false });
  });
});

describe('when the rules are read', () => {
  it('at the start, every 5 minutes, and on the first answer after Prometheus could not be reached', async () => {
    let now = Date.parse('2026-11-25T03:00:00Z');
    const monitor = new Monitor({ config: configFor(`${base}/prom`), ackFile: `${tmp.dir()}/acks.json`, clock: () => now });
    const reads = () => seen.filter((x) => x.url.startsWith('/prom/api/v1/rules')).length;
    try {
      await monitor.tick();
      expect(reads()).toBe(1);
      now += 60_000;
      await monitor.tick();
      expect(reads()).toBe(1);
      now += 4 * 60_000;
      await monitor.tick();
      expect(reads()).toBe(2);
      // Refused for a tick (as a restarting Prometheus is): read again once it answers.
      wanted = 'Bearer nobody-has-this';
      now += 1000;
      await monitor.tick();
      wanted = undefined;
      const before = reads();
      now += 1000;
      const snap = await monitor.tick();
      expect(snap.sources.prometheus.state).toBe('ok');
      expect(reads()).toBe(before + 1);
    } finally {
      await monitor.close();
    }
  });
});

describe('a proxy that wants credentials', () => {
  it('credentials in the URL go as a Basic header, never in the request line or a reason', async () => {
    wanted = `Basic ${Buffer.from('ops:s3cret').toString('base64')}`;
    const url = base.replace('http://', 'http://ops:s3cret@');
    const snap = await once(configFor(`${url}/prom/`));
    expect(snap.sources.prometheus.state).toBe('ok');
    expect(seen.length).toBeGreaterThan(0);
    const toProm = seen.filter((s) => s.url.startsWith('/prom/'));
    expect(toProm.every((s) => s.authorization === wanted)).toBe(true);
    expect(seen.every((s) => !s.url.includes('s3cret'))).toBe(true);
    // The trader is not behind that proxy: its requests carry no credentials.
    expect(seen.filter((s) => s.url.startsWith('/trader/')).map((s) => s.authorization)).toEqual([undefined]);
  });

  it('prometheus_auth with a password file, or a bearer token file', async () => {
    const password = tmp.file('pass', 'pa ss\n');
    chmodSync(password, 0o600);
    wanted = `Basic ${Buffer.from('ops:pa ss').toString('base64')}`;
    expect((await once(configFor(`${base}/prom`, { prometheus_auth: { username: 'ops', password_file: password } }))).sources.prometheus.state).toBe('ok');
    wanted = 'Bearer tok-123';
    const token = tmp.file('token', 'tok-123\n');
    seen.length = 0;
    expect((await once(configFor(`${base}/prom`, { prometheus_auth: { bearer_token_file: token, tenant: 'desk-fx' } }))).sources.prometheus.state).toBe('ok');
    // Mimir's tenant, beside the token.
    expect(seen.filter((x) => x.url.startsWith('/prom/')).every((x) => x.tenant === 'desk-fx')).toBe(true);
  });

  it('without them: a clear reason; a secret file that cannot be read: named, nothing sent', async () => {
    wanted = 'Bearer tok-123';
    const refused = await once(configFor(`${base}/prom`));
    expect(refused.sources.prometheus).toMatchObject({ state: 'down', reason: "authentication required (HTTP 401): check prometheus_auth or the URL's user" });
    seen.length = 0;
    const missing = await once(configFor(`${base}/prom`, { prometheus_auth: { bearer_token_file: `${tmp.dir()}/nope` } }));
    expect(missing.sources.prometheus.reason).toBe(`cannot read prometheus_auth.bearer_token_file ${tmp.dir()}/nope: no such file`);
    expect(seen.filter((s) => s.url.startsWith('/prom/'))).toEqual([]);
  });

  it('alertmanager_auth goes to Alertmanager, prometheus_auth to Prometheus, each its own', async () => {
    wanted = 'Bearer prom-tok';
    const config = configFor(`${base}/prom`, { alertmanager: [`${base}/am`], prometheus_auth: { bearer_token_file: tmp.file('p', 'prom-tok') }, alertmanager_auth: { bearer_token_file: tmp.file('a', 'am-tok') } });
    const snap = await once(config);
    expect(snap.sources.prometheus.state).toBe('ok');
    expect(snap.sources.alertmanager.state).toBe('ok');
    const toAm = seen.filter((x) => x.url.startsWith('/am/'));
    expect(toAm.length).toBeGreaterThan(0);
    expect(toAm.every((x) => x.authorization === 'Bearer am-tok')).toBe(true);
  });

  it('a header goes only under its back end\'s path, not to a sibling path or another host', async () => {
    const http = withEndpoints(createHttp({ timeoutMs: 2000 }), [endpointFor(`${base}/prom`, { bearer_token_file: tmp.file('t', 'abc') }, 'prometheus_auth')]);
    try {
      await http.request(`${base}/prom/api/v1/alerts`);
      await http.request(`${base}/prometheus2/api/v1/alerts`);
      await http.request(`${base}/other`);
    } finally {
      await http.close();
    }
    expect(seen.map((s) => [s.url, s.authorization])).toEqual([
      ['/prom/api/v1/alerts', 'Bearer abc'],
      ['/prometheus2/api/v1/alerts', undefined],
      ['/other', undefined],
    ]);
  });
});
