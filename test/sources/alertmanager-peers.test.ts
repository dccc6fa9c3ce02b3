import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AckService } from '../../src/monitor/ack-service.js';
import { AlertmanagerPeers } from '../../src/sources/alertmanager-peers.js';
import { createHttp } from '../../src/sources/http.js';
import { readAckFile } from '../../src/store/ack-file.js';
import { deadPort } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';

// Several Alertmanagers of one cluster, as scripted peers: which is asked,
// in what order, and what gptmon says when a silence cannot be read back.
// (test/integration/alertmanager.test.ts runs two real clustered peers.)

type Answer = { status: number; body?: unknown };
interface Peer {
  url: string;
  asked: string[];
  answer: (method: string, path: string) => Answer;
  close(): Promise<void>;
}

const tmp = useTempDir();
const http = createHttp({ timeoutMs: 1000 });
const open: Peer[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});
afterAll(() => http.close());

const NOW = Date.parse('2026-11-25T03:00:00Z');
const made = (id: string, createdBy = 'ana') => ({
  id,
  status: { state: 'active' },
  matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }],
  createdBy,
  comment: 'on it',
  startsAt: new Date(NOW).toISOString(),
  endsAt: new Date(NOW + 3_600_000).toISOString(),
});

/** A working Alertmanager unless `answer` says otherwise for a request. */
async function peer(answer: (method: string, path: string) => Answer | undefined = () => undefined): Promise<Peer> {
  const asked: string[] = [];
  const silences = new Map<string, unknown>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    asked.push(`${method} ${path}`);
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      let a = answer(method, path);
      if (!a) {
        if (method === 'GET' && path === '/api/v2/alerts') a = { status: 200, body: [] };
        else if (method === 'GET' && path === '/api/v2/silences') a = { status: 200, body: [...silences.values()] };
        else if (method === 'POST' && path === '/api/v2/silences') {
          const id = `00000000-0000-4000-8000-00000000000${silences.size}`;
          silences.set(id, { ...made(id, (JSON.parse(body) as { createdBy: string }).createdBy) });
          a = { status: 200, body: { silenceID: id } };
        } else if (method === 'GET' && path.startsWith('/api/v2/silence/')) {
          const s = silences.get(path.slice('/api/v2/silence/'.length));
          a = s ? { status: 200, body: s } : { status: 404, body: { message: 'silence not found' } };
        } else a = { status: 404 };
      }
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body === undefined ? '' : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const p: Peer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    answer: () => ({ status: 500 }),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
  open.push(p);
  return p;
}

const request = { matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }], startsAt: NOW, endsAt: NOW + 3_600_000, createdBy: 'ana', comment: 'on it' };

describe('reading a cluster', () => {
  it('reads from the first peer that answers, and asks it first from then on', async () => {
    let downOnce = true;
    const a = await peer((m, p) => (p === '/api/v2/alerts' && downOnce ? ((downOnce = false), { status: 503 }) : undefined));
    const b = await peer();
    const peers = new AlertmanagerPeers(http, [a.url, b.url]);
    expect(await peers.view()).toMatchObject({ ok: true, value: { peer: b.url } });
    a.asked.length = 0;
    expect(await peers.view()).toMatchObject({ ok: true, value: { peer: b.url } });
    expect(a.asked).toEqual([]);
  });

  it('reads alerts, then silences, from one peer', async () => {
    const a = await peer();
    await new AlertmanagerPeers(http, [a.url]).view();
    expect(a.asked).toEqual(['GET /api/v2/alerts', 'GET /api/v2/silences']);
  });

  it('none answering: each peer with its reason; one peer: the reason alone', async () => {
    const dead = await deadPort();
    const broken = await peer(() => ({ status: 500 }));
    expect(await new AlertmanagerPeers(http, [dead, broken.url]).view()).toMatchObject({ ok: false, reason: `${dead}: connection refused; ${broken.url}: empty body (HTTP 500)` });
    expect(await new AlertmanagerPeers(http, [dead]).view()).toMatchObject({ ok: false, reason: 'connection refused' });
  });
});

describe('a silence on a cluster', () => {
  it('is made on the first peer that takes it and read back before it is reported', async () => {
    const dead = await deadPort();
    const b = await peer();
    const res = await new AlertmanagerPeers(http, [dead, b.url]).createSilence(request);
    expect(res).toMatchObject({ ok: true, peer: b.url, confirmedBy: b.url });
    expect(b.asked).toEqual(['POST /api/v2/silences', `GET /api/v2/silence/${(res as { id: string }).id}`]);
  });

  it('is read back from another peer when the one that took it cannot show it', async () => {
    const a = await peer((m, p) => (m === 'GET' && p.startsWith('/api/v2/silence/') ? { status: 500 } : undefined));
    const b = await peer((m, p) => (m === 'GET' && p.startsWith('/api/v2/silence/') ? { status: 200, body: made(p.slice('/api/v2/silence/'.length)) } : undefined));
    const res = await new AlertmanagerPeers(http, [a.url, b.url]).createSilence(request);
    expect(res).toMatchObject({ ok: true, peer: a.url, confirmedBy: b.url });
    expect(b.asked.some((r) => r.startsWith('POST'))).toBe(false);
  });

  it('a refusal (4xx) is final: the next peer is not asked to make it', async () => {
    const a = await peer((m) => (m === 'POST' ? { status: 400, body: { message: 'bad matcher' } } : undefined));
    const b = await peer();
    const res = await new AlertmanagerPeers(http, [a.url, b.url]).createSilence(request);
    expect(res).toMatchObject({ ok: false });
    expect(b.asked).toEqual([]);
  });

  it('one that no peer can show is not reported made: the ack is kept here too, and the warning says so', async () => {
    const a = await peer((m, p) => (m === 'GET' && p.startsWith('/api/v2/silence/') ? { status: 404, body: { message: 'not found' } } : undefined));
    const file = join(tmp.dir(), 'acks.json');
    const service = new AckService(file, new AlertmanagerPeers(http, [a.url]), () => NOW);
    const res = await service.add({ alertname: 'ExcessiveDrawdown', operator: 'ana', comment: 'on it', forMs: 3_600_000 });
    expect(res).toMatchObject({ ok: true, ack: { where: 'local' } });
    expect((res as { warning: string }).warning).toBe(`Alertmanager at ${a.url} answered silence 00000000-0000-4000-8000-000000000000, but it could not be read back (no such silence): kept on this machine too`);
    const kept = readAckFile(file);
    expect(kept.ok && kept.value.map((k) => k.operator)).toEqual(['ana']);
  });

  it('an ack through the service says which peer took it', async () => {
    const dead = await deadPort();
    const b = await peer();
    const service = new AckService(join(tmp.dir(), 'acks.json'), new AlertmanagerPeers(http, [dead, b.url]), () => NOW);
    const res = await service.add({ alertname: 'ExcessiveDrawdown', operator: 'ana', comment: 'on it', forMs: 3_600_000 });
    expect(res).toMatchObject({ ok: true, peer: b.url, confirmedBy: b.url, ack: { where: 'alertmanager', operator: 'ana' } });
    expect(res).not.toHaveProperty('warning');
  });
});
