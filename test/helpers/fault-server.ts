import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'ok-json' | 'hang' | 'garbage' | 'html' | 'huge' | 'truncated' | 'error-500' | 'empty';

/**
 * A server that misbehaves on purpose, the way real endpoints do at 3 a.m.
 * `set(path, fault)` chooses what each path does; unknown paths answer 404.
 */
export async function startFaultServer(): Promise<{ url: string; set(path: string, fault: Fault, body?: string): void; close(): Promise<void> }> {
  const faults = new Map<string, { fault: Fault; body?: string }>();
  const server: Server = createServer((req, res) => {
    const f = faults.get((req.url ?? '/').split('?')[0]!);
    if (!f) return void res.writeHead(404).end();
    switch (f.fault) {
      case 'ok-json':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(f.body ?? '{}');
      case 'hang':
        return;
      case 'garbage':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('}{ not json at all');
      case 'html':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      case 'empty':
        return void res.writeHead(200).end();
      case 'error-500':
        return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"components": {');
        return void setTimeout(() => res.destroy(), 20);
      case 'huge': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 10 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => {});
        return pump();
      }
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (path, fault, body) => faults.set(path, { fault, ...(body !== undefined ? { body } : {}) }),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** A port nothing listens on: bind, note it, close. */
export async function deadPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}
