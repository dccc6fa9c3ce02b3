import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttp } from '../../src/sources/http.js';

// The request layer reads answers straight from undici's dispatcher callbacks
// (src/sources/http.ts): whatever happens, each request settles once, with
// the answer or one reason, and the pool keeps serving.

let server: Server;
let url = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url === '/hints') {
      // An informational answer first: the real one follows.
      // Its headers are not the answer's: a length that big, taken as the answer's, would refuse it as too large.
      res.writeEarlyHints({ link: '</x.css>; rel=preload', 'content-length': '999999999' });
      res.end('after the hints');
    } else if (req.url === '/chunks') {
      res.write('one\n');
      setTimeout(() => res.end('two\n'), 20);
    } else res.end('plain');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('one request, one settlement', () => {
  it('a caller that has already cancelled sends nothing', async () => {
    const http = createHttp({ timeoutMs: 1000 });
    const before = seen.length;
    const stop = new AbortController();
    stop.abort();
    expect(await http.request(`${url}/plain`, { signal: stop.signal })).toMatchObject({ ok: false, reason: 'cancelled', retryable: false });
    expect(seen.length).toBe(before);
    await http.close();
  });

  it('an informational answer is passed over for the answer that follows it', async () => {
    const http = createHttp({ timeoutMs: 1000 });
    expect(await http.request(`${url}/hints`)).toMatchObject({ ok: true, status: 200, text: 'after the hints' });
    await http.close();
  });

  it('a body read as it arrives comes whole, in order; a reader that throws is a failure with its reason, and the pool goes on', async () => {
    const http = createHttp({ timeoutMs: 1000 });
    const got: string[] = [];
    expect(await http.request(`${url}/chunks`, { onChunk: (t) => got.push(t) })).toMatchObject({ ok: true, text: '' });
    expect(got.join('')).toBe('one\ntwo\n');
    const broken = await http.request(`${url}/chunks`, {
      onChunk: () => {
        throw new Error('the parser gave up');
      },
    });
    expect(broken).toMatchObject({ ok: false, reason: 'the parser gave up' });
    expect(await http.request(`${url}/plain`)).toMatchObject({ ok: true, text: 'plain' });
    await http.close();
  });

  it('closing the pool settles what is in flight', async () => {
    const http = createHttp({ timeoutMs: 5000 });
    const pending = http.request(`${url}/chunks`, { onChunk: () => {} });
    await http.close();
    expect(await pending).toMatchObject({ ok: false });
  });
});
