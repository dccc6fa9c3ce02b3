import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlClient } from '../../src/actions/client.js';
import { execute } from '../../src/actions/execute.js';
import { asJson, createHttp, type Http, type HttpRequest, type HttpResult } from '../../src/sources/http.js';
import { deadPort, startFaultServer } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';

// The control path decides on what a result says in its types (status,
// retryable), never on the words of its reason: a reason is for people, and
// may quote anything a proxy or the trader wrote.

const tmp = useTempDir();
const TRADER = 'http://127.0.0.1:1';
const HALTED = { ok: true as const, status: 200, contentType: 'application/json', text: '{"trading":"halted","open_positions":0}', ms: 1 };
const ACTIVE = { ...HALTED, text: '{"trading":"active","open_positions":0}' };

/** A request layer that answers from a script, and notes what was asked. */
function scripted(answer: (path: string, req: HttpRequest) => HttpResult): Http & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    request: async (url, req = {}) => {
      const path = new URL(url).pathname;
      asked.push(`${req.method ?? 'GET'} ${path}`);
      return answer(path, req);
    },
    close: async () => {},
  };
}

const run = (http: Http, deadlineMs = 1500) => {
  const auditLog = join(tmp.dir(), 'audit.log');
  return execute('halt', { target: { trader: TRADER, allowInsecure: false, auditLog }, params: { reason: 'test', operator: 'ana' }, deadlineMs, http, via: 'cli', env: { GPTMON_TOKEN: 't' }, verifyEveryMs: 20 });
};

describe('the control client decides on types, not on words', () => {
  it('a failure marked retryable is retried and the state read back, whatever its reason says', async () => {
    // Worded like a refusal (the pattern the control path once matched), typed as a glitch.
    const http = scripted((path) => (path === '/admin/halt' ? { ok: false, reason: 'proxy: refused (HTTP 400 upstream)', retryable: true, ms: 1 } : HALTED));
    const o = await run(http);
    expect(http.asked.filter((a) => a === 'POST /admin/halt').length).toBeGreaterThan(1);
    expect(http.asked).toContain('GET /admin/state');
    expect(o).toMatchObject({ result: 'verified' });
  });

  it('a failure marked not retryable is tried once and not read back, whatever its reason says', async () => {
    const http = scripted((path) => (path === '/admin/halt' ? { ok: false, reason: 'connection reset (try again)', retryable: false, ms: 1 } : HALTED));
    const o = await run(http);
    expect(http.asked).toEqual(['POST /admin/halt']);
    expect(o).toMatchObject({ result: 'failed', reason: 'connection reset (try again)' });
  });

  it('a 4xx carries its status and is not retryable; a 5xx is retried', async () => {
    let posts = 0;
    const http = scripted(() => (++posts === 1 ? { ...HALTED, status: 503, text: '' } : { ...HALTED, status: 409, text: '{"error":"busy"}' }));
    const client = new ControlClient(http, TRADER, 't');
    const res = await client.post('/admin/halt', {}, 'key', Date.now() + 2000);
    expect(res).toEqual({ ok: false, reason: 'refused (HTTP 409: busy)', status: 409, retryable: false, attempts: 2 });
  });

  it('a refused token: named as such, with its status, and the read-back stops at once', async () => {
    const http = scripted((path) => (path === '/admin/halt' ? { ...ACTIVE, status: 202, text: '{}' } : { ...ACTIVE, status: 401, text: '{"error":"no"}' }));
    const o = await run(http, 3000);
    // One read: polling a 401 until the deadline would get the same answer.
    expect(http.asked).toEqual(['POST /admin/halt', 'GET /admin/state']);
    expect(o.reason).toMatch(/authentication refused \(HTTP 401\)/);
    const client = new ControlClient(http, TRADER, 't');
    expect(await client.state(Date.now() + 1000)).toMatchObject({ ok: false, status: 401, retryable: false });
  });
});

describe('the request layer types its failures', () => {
  let server: Awaited<ReturnType<typeof startFaultServer>>;
  const http = createHttp({ timeoutMs: 300 });
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(async () => {
    await http.close();
    await server.close();
  });

  it('nothing sent (a bad URL, a bad header) is not retryable', async () => {
    expect(await http.request('not a url')).toMatchObject({ ok: false, retryable: false });
    expect(await http.request(`${server.url}/x`, { headers: { authorization: 'Bearer a\nb' } })).toMatchObject({ ok: false, retryable: false });
  });

  it('a refused connection and a timeout are retryable, without a status', async () => {
    const refused = await http.request(`${await deadPort()}/x`);
    expect(refused).toMatchObject({ ok: false, reason: 'connection refused', retryable: true });
    expect(refused).not.toHaveProperty('status');
    server.set('/hang', 'hang');
    expect(await http.request(`${server.url}/hang`)).toMatchObject({ ok: false, reason: 'timed out after 300ms', retryable: true });
  });

  it('cancelled by the caller is not retryable', async () => {
    server.set('/hang', 'hang');
    const stop = new AbortController();
    const pending = http.request(`${server.url}/hang`, { signal: stop.signal, timeoutMs: 5000 });
    setTimeout(() => stop.abort(), 20);
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled', retryable: false });
  });

  it('an answer that is not JSON carries its status; retryable unless a 3xx or 4xx', async () => {
    server.set('/err', 'error-500');
    expect(asJson(await http.request(`${server.url}/err`))).toMatchObject({ ok: false, status: 500, retryable: true });
    expect(asJson(await http.request(`${server.url}/nowhere`))).toMatchObject({ ok: false, status: 404, retryable: false });
    server.set('/html', 'html');
    expect(asJson(await http.request(`${server.url}/html`))).toMatchObject({ ok: false, status: 200, reason: 'answered HTML, not JSON (HTTP 200)', retryable: true });
  });
});
