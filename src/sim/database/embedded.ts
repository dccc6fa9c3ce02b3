// The simulator's database: an embedded PostgreSQL (PGlite, WebAssembly)
// speaking the wire protocol (pglite-socket), holding performance.predictions
// with a week of history and the predictions made as the simulation runs.
// Starting it takes seconds, so it starts in the background behind a front
// door that listens at once: until it is ready a client is told "the
// database system is starting up" (SQLSTATE 57P03), as PostgreSQL says it;
// then each connection is passed through to it.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { SimModel } from '../model.js';
import { createLiveFeed, historyRows, type PredictionBatch } from './predictions.js';
import { errorResponse, simpleQuery } from './wire.js';

export interface SimDatabase {
  /** postgres://gptmon@host:port/trader (no password: the stand-in asks for none). */
  url: string;
  port: number;
  state(): 'starting' | 'ready' | 'failed';
  /** Resolves when the database answers queries; rejects with why it could not start. */
  ready: Promise<{ rows: number; ms: number }>;
  /** Writes the predictions made so far; for tests after advance(). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface SimDatabaseOptions {
  host: string;
  port: number;
  seed: number;
  model: SimModel;
  /** How often new predictions are written, in real time. */
  feedEveryMs?: number;
  /** Wall-clock now (the history ends here, new rows are stamped with it). */
  now?: () => number;
}

// The subset of PGlite used here, so its types need not be loaded up front.
interface Pglite {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
  execProtocol(message: Uint8Array): Promise<unknown>;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  isInTransaction(): boolean;
  close(): Promise<void>;
}

const SCHEMA = `
CREATE SCHEMA performance;
CREATE TABLE performance.predictions (
  id bigserial PRIMARY KEY,
  prediction_time timestamptz NOT NULL,
  model_id text NOT NULL,
  predicted integer NOT NULL,
  actual integer,
  confidence double precision NOT NULL
);
CREATE INDEX predictions_time ON performance.predictions (prediction_time);`;

const INSERT_UNNEST = 'INSERT INTO performance.predictions (prediction_time, model_id, predicted, actual, confidence) SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::int[], $5::float8[])';

/** The batch as SQL text: every value is the simulator's own number, time or model name. */
function insertText(b: PredictionBatch): string {
  const values = b.time.map((t, i) => `('${t}','${b.model[i]}',${b.predicted[i]},${b.actual[i] ?? 'NULL'},${b.confidence[i]})`);
  return `INSERT INTO performance.predictions (prediction_time, model_id, predicted, actual, confidence) VALUES ${values.join(',')}`;
}

export async function startSimDatabase(opts: SimDatabaseOptions): Promise<SimDatabase> {
  const now = opts.now ?? Date.now;
  let state: 'starting' | 'ready' | 'failed' = 'starting';
  let failure = '';
  let innerPort = 0;
  let db: Pglite | undefined;
  let inner: { stop(): Promise<void> } | undefined;
  const sockets = new Set<Socket>();

  const door: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (state !== 'ready') {
      client.end(state === 'starting' ? errorResponse('57P03', 'the database system is starting up') : errorResponse('XX000', `the simulator's database could not start: ${failure}`));
      return;
    }
    const upstream = connect(innerPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => (sockets.delete(upstream), client.destroy()));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    door.once('error', reject);
    door.listen(opts.port, opts.host, () => {
      door.off('error', reject);
      resolve();
    });
  });
  const port = (door.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  const feed = createLiveFeed(opts.seed);
  let pending: PredictionBatch[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  let closed = false;

  /** Writes what is pending, unless a client's transaction is open (then next time). */
  const write = (): Promise<boolean> =>
    db!.runExclusive(async () => {
      if (db!.isInTransaction()) return false;
      const batches = pending;
      pending = [];
      for (const b of batches) if (b.time.length) await db!.execProtocol(simpleQuery(insertText(b)));
      return true;
    });

  const collect = (): void => {
    pending.push(feed(opts.model.snapshot(), now()));
  };

  const started = performance.now();
  const ready = (async () => {
    const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
    const pglite = await PGlite.create();
    db = pglite as unknown as Pglite;
    await db.exec(SCHEMA);
    const history = historyRows(opts.seed, now());
    await db.query(INSERT_UNNEST, [history.time, history.model, history.predicted, history.actual, history.confidence]);
    // Closed while it was starting: it stops itself now that it can.
    if (closed) {
      await db.close();
      throw new Error('closed while starting');
    }
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 16 });
    await server.start();
    inner = server;
    innerPort = Number(server.getServerConn().split(':').pop());
    collect(); // the live feed starts counting from here
    pending = [];
    state = 'ready';
    return { rows: history.time.length, ms: Math.round(performance.now() - started) };
  })();
  ready.catch((err: unknown) => {
    state = 'failed';
    failure = err instanceof Error ? err.message : String(err);
  });

  const timer = setInterval(() => {
    if (state !== 'ready') return;
    collect();
    writing = writing.then(write).then(
      () => undefined,
      () => undefined,
    );
  }, opts.feedEveryMs ?? 1000);
  timer.unref();

  return {
    url: `postgres://gptmon@${host}:${port}/trader`,
    port,
    state: () => state,
    ready,
    async sync() {
      await ready;
      collect();
      // A client's open transaction holds the write back a moment; it ends within its statement timeout.
      for (let i = 0; i < 100; i++) {
        const next = writing.then(write);
        writing = next.catch(() => undefined);
        if (await next) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the database stayed in a transaction; predictions not written');
    },
    async close() {
      closed = true;
      clearInterval(timer);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => door.close(() => r()));
      // Still starting: PGlite cannot be interrupted; it closes itself once started.
      if (state === 'starting') return;
      await inner?.stop();
      await writing;
      if (state === 'ready') await db?.close();
    },
  };
}
