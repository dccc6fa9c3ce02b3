// The simulator's database: an embedded PostgreSQL (PGlite, WebAssembly)
// speaking the wire protocol (pglite-socket), holding performance.predictions
// with a week of history and the predictions made as the simulation runs.
// PGlite runs on a worker thread (pglite-worker.mjs): it blocks the thread it
// is on for seconds while it starts. Meanwhile a front door here listens at
// once: until the database is ready a client is told "the database system is
// starting up" (SQLSTATE 57P03), as PostgreSQL says it; then each connection
// is passed through to it.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
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

/** Beside this module in src/, beside the bundle's chunks in dist/bundle (build.mjs copies it). */
const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

type FromWorker = { ready: { port: number; rows: number } } | { failed: string } | { synced: number; ok: boolean };

export async function startSimDatabase(opts: SimDatabaseOptions): Promise<SimDatabase> {
  const now = opts.now ?? Date.now;
  let state: 'starting' | 'ready' | 'failed' = 'starting';
  let failure = '';
  let innerPort = 0;
  let closing = false;
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

  const started = performance.now();
  const history = historyRows(opts.seed, now());
  const worker = new Worker(WORKER_URL, { workerData: { schema: SCHEMA, insert: INSERT_UNNEST, history, maxConnections: 16 } });
  // The database is the simulator's extra: it never keeps the process alive by itself.
  worker.unref();
  const syncs = new Map<number, (ok: boolean) => void>();
  let nextSync = 0;

  const feed = createLiveFeed(opts.seed);
  /** The rows made since the last call, sent to the worker to write. */
  const collect = (): void => {
    const batch = feed(opts.model.snapshot(), now());
    if (batch.time.length) worker.postMessage({ write: simpleQuery(insertText(batch)) });
  };

  const ready = new Promise<{ rows: number; ms: number }>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if ('ready' in m) {
        innerPort = m.ready.port;
        feed(opts.model.snapshot(), now()); // the live feed starts counting from here
        state = 'ready';
        resolve({ rows: m.ready.rows, ms: Math.round(performance.now() - started) });
      } else if ('failed' in m) reject(new Error(m.failed));
      else syncs.get(m.synced)?.(m.ok);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the database thread stopped (exit code ${code})`)));
  });
  ready.catch((err: unknown) => {
    // Stopped while starting is not a failure to report.
    if (closing) return;
    state = 'failed';
    failure = err instanceof Error ? err.message : String(err);
  });

  const timer = setInterval(() => state === 'ready' && collect(), opts.feedEveryMs ?? 1000);
  timer.unref();

  return {
    url: `postgres://gptmon@${host}:${port}/trader`,
    port,
    state: () => state,
    ready,
    async sync() {
      await ready;
      collect();
      const id = nextSync++;
      const ok = await new Promise<boolean>((resolve) => {
        syncs.set(id, resolve);
        worker.postMessage({ sync: id });
      });
      syncs.delete(id);
      if (!ok) throw new Error('the database stayed in a transaction; predictions not written');
    },
    async close() {
      closing = true;
      clearInterval(timer);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => door.close(() => r()));
      // Stops PGlite and its socket server with the thread, whether started or not.
      await worker.terminate();
    },
  };
}
