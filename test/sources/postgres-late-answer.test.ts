// A database that sends an answer when no query is waiting for one (the
// demo's database, starved of CPU, did: a console died of "Received
// unexpected commandComplete message from backend") must not take the
// process down. pg reports it as an 'error' event on the client, and the pool
// does not listen for them while a read has the client out: an 'error' event
// nobody listens to is an uncaught exception. A stand-in speaking just enough
// of PostgreSQL's protocol sends one such stray answer in the middle of a read.

import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sources/postgres/database.js';

/** One protocol message: its type byte, its length, its body. */
function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const authOk = () => message('R', Buffer.from([0, 0, 0, 0]));
const ready = (status: 'I' | 'T') => message('Z', Buffer.from(status, 'latin1'));
const complete = (tag: string) => message('C', Buffer.from(`${tag}\0`, 'latin1'));

interface StrayServer {
  port: number;
  /** How many stray answers it has sent. */
  strays: number;
  close(): void;
}

/** Accepts any login, answers `BEGIN`, then answers the next query twice: the second answer is stray. */
async function strayServer(): Promise<StrayServer> {
  const sockets: Socket[] = [];
  const state = { strays: 0 };
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    let started = false;
    let queries = 0;
    socket.on('data', (data) => {
      if (!started) {
        // The startup message has no type byte: answer it with a login that needs no password.
        started = true;
        socket.write(Buffer.concat([authOk(), ready('I')]));
        return;
      }
      if (String.fromCharCode(data[0]!) === 'X') return;
      queries++;
      if (queries === 1) socket.write(Buffer.concat([complete('BEGIN'), ready('T')]));
      else if (queries === 2) {
        socket.write(Buffer.concat([complete('SELECT 1'), ready('T'), complete('SELECT 1')]));
        state.strays++;
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    get strays() {
      return state.strays;
    },
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

let server: StrayServer | undefined;
afterEach(() => server?.close());

describe('a database that sends an answer no query waits for', () => {
  it('is a failed read in one line naming the database, and the process goes on', async () => {
    server = await strayServer();
    const db = openDatabase({ url: `postgres://gptmon@127.0.0.1:${server.port}/trader`, statementTimeoutMs: 500, connectTimeoutMs: 2_000 });
    // Without a listener on the client, the stray answer throws out of the socket's handler and vitest reports it.
    const r = await db.read((q) => q('SELECT 1'));
    expect(server.strays).toBe(1);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(/^database postgres:\/\/gptmon@127\.0\.0\.1:\d+\/trader: \S/);
    expect(r.ok ? '' : r.reason).not.toContain('\n');
    await db.close();
  }, 20_000);
});
