import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/execute.js';
import { ControlService } from '../../src/actions/service.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { createHttp, type Http } from '../../src/sources/http.js';
import { useTempDir } from '../helpers/temp.js';

// Whatever the request layer does (throws, never answers, stops answering
// for good), a control ends by its deadline plus a second, audited, and says why.

const TOKEN = 'bounded-token';
const tmp = useTempDir();
let sim: RunningSim;
const real = createHttp({ timeoutMs: 2000 });

beforeAll(async () => {
  sim = await startSim({ port: 0, token: TOKEN, seed: 3 });
});
afterAll(async () => {
  await real.close();
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/admin/resume`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
});

/** The real client, except that a POST's promise never settles: a request library that lost it. */
const postNeverSettles: Http = { request: (url, req) => (req?.method === 'POST' ? new Promise(() => {}) : real.request(url, req)), close: () => real.close() };
const throwsAtOnce: Http = {
  request: () => {
    throw new TypeError('invalid authorization header');
  },
  close: async () => {},
};

const auditOf = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { result: string; detail?: string });

function opts(http: Http, deadlineMs: number) {
  const auditLog = join(tmp.dir(), 'audit.log');
  return { auditLog, run: { target: { trader: sim.url, allowInsecure: false, auditLog }, params: { reason: 'test', operator: 'ana' }, deadlineMs, http, via: 'cli' as const, env: { GPTMON_TOKEN: TOKEN } } };
}

describe('a control always ends', () => {
  it('a POST whose promise never settles: failed by the deadline plus a second, with the state read back, audited', async () => {
    const { auditLog, run } = opts(postNeverSettles, 2000);
    const started = Date.now();
    const o = await execute('halt', run);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(o).toMatchObject({ result: 'failed' });
    expect(o.reason).toMatch(/^no answer within \d+ms, and the request library did not end the request \(1 attempt\); the state shows trading active/);
    expect(auditOf(auditLog).map((e) => e.result)).toEqual(['attempt', 'failed']);
  });

  it('a request layer that throws at once: a reason, not an exception', async () => {
    const { auditLog, run } = opts(throwsAtOnce, 1000);
    const o = await execute('halt', run);
    expect(o.result).toBe('failed');
    expect(o.reason).toMatch(/^the request could not be made: invalid authorization header \(\d+ attempts?\); the state could not be read \(the request could not be made: invalid authorization header\)$/);
    expect(auditOf(auditLog).at(-1)).toMatchObject({ result: 'failed' });
  });

  it('the console: a control whose POST never settles still ends, and says so', async () => {
    const auditLog = join(tmp.dir(), 'audit.log');
    const service = new ControlService({ trader: sim.url, allowInsecure: false, auditLog }, postNeverSettles, 'ana', 1500, { GPTMON_TOKEN: TOKEN });
    const started = Date.now();
    const [o] = await service.run('halt', 'halt', 'test');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(o).toMatchObject({ action: 'halt', result: 'failed' });
  });
});

describe('the request layer never hands the pool a header it cannot send', () => {
  it('a header with a control character is refused before sending, and the pool keeps answering', async () => {
    const http = createHttp({ timeoutMs: 2000 });
    try {
      // Handed to the pool, each of these poisoned a connection; the fifth request then never settled.
      for (let i = 0; i < 6; i++) {
        const res = await http.request(`${sim.url}/admin/state`, { headers: { authorization: `Bearer ${TOKEN}\n# rotated` } });
        expect(res).toMatchObject({ ok: false, reason: 'the authorization header has a character HTTP does not allow; nothing was sent' });
      }
      const ok = await http.request(`${sim.url}/admin/state`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok).toMatchObject({ ok: true, status: 200 });
    } finally {
      await http.close();
    }
  });
});
