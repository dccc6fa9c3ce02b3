// A process's V8 inspector, for the soak: a full collection on demand, so that
// memory is read at the floor and not somewhere on the collector's sawtooth.
// The process is started with `--inspect=127.0.0.1:PORT` (NODE_OPTIONS); this
// connects with undici's WebSocket (Node 20 has no global one).

import { createServer } from 'node:net';
import { WebSocket } from 'undici';

/** A loopback port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function connectInspector(port) {
  const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`inspector on port ${port}: could not connect`));
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      pending.set(i, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  return {
    /** A full collection, then the JS heap in use: all of it, and the objects alone (without compiled code), in MB. */
    async collect() {
      await send('HeapProfiler.collectGarbage');
      const expression = "process.getBuiltinModule('node:v8').getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size])";
      const r = await send('Runtime.evaluate', { expression, returnByValue: true });
      let heap = 0;
      let code = 0;
      for (const [name, used] of r.result.value) {
        heap += used;
        if (name.startsWith('code')) code += used;
      }
      return { heap: heap / 1024 / 1024, objects: (heap - code) / 1024 / 1024 };
    },
    close: () => ws.close(),
  };
}
