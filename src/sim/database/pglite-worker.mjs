// The simulator's embedded PostgreSQL, on a thread of its own. PGlite runs
// inside WebAssembly and blocks its thread while it works: its start-up
// (seconds of CPU) on the simulator's thread would stall the stand-in's HTTP
// answers, and the console's too under `npm start`. Plain JavaScript, so it
// runs as it is from src/ under the tests and beside the bundle (build.mjs
// copies it there).
//
// In: workerData {schema, insert, history, maxConnections}; messages
// {write: Uint8Array} (a simple Query message of rows to add) and {sync: id}.
// Out: {ready: {port, rows}}, {failed: message}, {synced: id, ok}.

import { parentPort, workerData } from 'node:worker_threads';

const RETRY_MS = 50;
/** How long a sync waits for a client's open transaction to end (it ends within its statement timeout). */
const SYNC_PATIENCE_MS = 10_000;

try {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  const { schema, insert, history, maxConnections } = workerData;
  const db = await PGlite.create();
  await db.exec(schema);
  await db.query(insert, [history.time, history.model, history.predicted, history.actual, history.confidence]);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());

  /** Query messages not yet run: held while a client's transaction is open, so rows never land inside it. */
  let pending = [];
  let retry;
  const write = () =>
    db.runExclusive(async () => {
      if (db.isInTransaction()) return false;
      const messages = pending;
      pending = [];
      // A batch that fails is dropped: the simulator's history has a gap, nothing more.
      for (const message of messages) await db.execProtocol(message).catch(() => undefined);
      return true;
    });
  const writeSoon = () => {
    if (retry || !pending.length) return;
    retry = setTimeout(async () => {
      retry = undefined;
      if (!(await write())) writeSoon();
    }, RETRY_MS);
  };

  parentPort.on('message', async (m) => {
    if (m.write) {
      pending.push(m.write);
      if (!(await write())) writeSoon();
    } else if (m.sync !== undefined) {
      const until = Date.now() + SYNC_PATIENCE_MS;
      let ok = await write();
      while (!ok && Date.now() < until) {
        await new Promise((r) => setTimeout(r, RETRY_MS));
        ok = await write();
      }
      parentPort.postMessage({ synced: m.sync, ok });
    }
  });
  parentPort.postMessage({ ready: { port, rows: history.time.length } });
} catch (err) {
  parentPort.postMessage({ failed: err instanceof Error ? err.message : String(err) });
}
