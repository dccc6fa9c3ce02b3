// A trader whose /metrics and /health/detailed say exactly what a test sets:
// for the values the simulator's scenarios do not reach (NaN, several series,
// a metric gone), over real HTTP.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALM, calmHistograms } from './scrape.js';

export interface TraderStub {
  url: string;
  /** Replaces gauges (undefined removes one) and appends raw exposition lines. */
  set(values: Record<string, number | undefined>, extra?: string): void;
  close(): Promise<void>;
}

function exposition(values: Record<string, number | undefined>, n: number, extra: string): string {
  const lines: string[] = [];
  for (const [name, v] of Object.entries({ ...CALM, ...values })) if (v !== undefined) lines.push(`${name} ${Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v}`);
  for (const [base, buckets] of Object.entries(calmHistograms(n))) {
    lines.push(`# TYPE ${base} histogram`);
    for (const [le, count] of buckets) lines.push(`${base}_bucket{le="${le === Infinity ? '+Inf' : le}"} ${count}`);
    lines.push(`${base}_count ${buckets.at(-1)![1]}`, `${base}_sum 1`);
  }
  return `${lines.join('\n')}\n${extra}\n`;
}

export async function startTraderStub(): Promise<TraderStub> {
  let values: Record<string, number | undefined> = {};
  let extra = '';
  let scrapes = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/health/detailed') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ components: { database: { healthy: true } }, metrics: {} }));
    // The histograms grow every scrape, so quantiles have something to measure.
    if (req.url === '/metrics') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(exposition(values, ++scrapes, extra));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(v, e = '') {
      values = v;
      extra = e;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
