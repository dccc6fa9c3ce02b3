// Shared test plumbing: start sims on a free port with a manual clock, talk to
// them over real HTTP, and read the exposition format with a parser of our own
// (deliberately not the sim's code: it must not agree with itself).
import { startSim, type RunningSim, type StartSimOptions } from '../../src/sim/index.js';

export const TOKEN = 'test-token-123';

const running = new Set<RunningSim>();

export async function start(opts: Partial<StartSimOptions> = {}): Promise<RunningSim> {
  const sim = await startSim({ token: TOKEN, host: '127.0.0.1', port: 0, manualClock: true, ...opts });
  running.add(sim);
  return sim;
}

/** For afterEach: closes every sim started by this file's tests. */
export async function closeAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.close()));
  running.clear();
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(
  sim: RunningSim,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(sim.url + path, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const get = (sim: RunningSim, path: string, token?: string | null): Promise<Reply> =>
  call(sim, 'GET', path, { token });
export const post = (sim: RunningSim, path: string, body: unknown = {}, token?: string | null): Promise<Reply> =>
  call(sim, 'POST', path, { body, token });

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** A strict reader of format 0.0.4: any line it does not understand throws. */
export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (!name || !type) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE_LINE.exec(line);
    if (!m || m[1] === undefined || m[3] === undefined) throw new Error(`unparseable line: ${line}`);
    const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
    if (Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1] ?? ''] = l[2] ?? '';
    samples.push({ name: m[1], labels, value });
  }
  return { types, samples };
}

export function gauge(e: Exposition, name: string): number {
  const found = e.samples.filter((s) => s.name === name);
  if (found.length !== 1 || found[0] === undefined) throw new Error(`expected one sample of ${name}, got ${found.length}`);
  return found[0].value;
}

export interface Hist {
  buckets: { le: number; count: number }[];
  sum: number;
  count: number;
}

export function histogram(e: Exposition, name: string): Hist {
  const buckets = e.samples
    .filter((s) => s.name === `${name}_bucket`)
    .map((s) => ({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), count: s.value }));
  return { buckets, sum: gauge(e, `${name}_sum`), count: gauge(e, `${name}_count`) };
}

/** histogram_quantile() over the increase between two scrapes, as Prometheus does it. */
export function quantile(q: number, before: Hist, after: Hist): number {
  const inc = after.buckets.map((b, i) => ({ le: b.le, count: b.count - (before.buckets[i]?.count ?? 0) }));
  const total = inc[inc.length - 1]?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of inc) {
    if (b.count >= rank) {
      if (b.le === Infinity) return prevLe;
      return prevLe + ((b.le - prevLe) * (rank - prevCount)) / (b.count - prevCount);
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

export async function scrape(sim: RunningSim): Promise<Exposition> {
  const r = await get(sim, '/metrics');
  if (r.status !== 200) throw new Error(`/metrics answered ${r.status}`);
  return parseExposition(r.text);
}

/** The playbook's warning thresholds (monitoring-playbook.md), as the tests read them. */
export function warnings(now: Exposition, before: Exposition): Set<string> {
  const tripped = new Set<string>();
  const g = (n: string): number => gauge(now, n);
  if (g('model_accuracy') < 0.55) tripped.add('model_accuracy');
  if (g('sharpe_ratio') < 0.8) tripped.add('sharpe_ratio');
  if (g('portfolio_drawdown') > 0.1) tripped.add('portfolio_drawdown');
  if (g('daily_return') < -0.03) tripped.add('daily_return');
  if (g('win_rate') < 0.48) tripped.add('win_rate');
  if (g('model_error_rate') > 0.1) tripped.add('model_error_rate');
  if (g('api_error_rate') > 0.05) tripped.add('api_error_rate');
  if (g('database_connections') > 80) tripped.add('database_connections');
  if (g('memory_usage') > 0.8) tripped.add('memory_usage');
  if (g('cpu_usage') > 0.7) tripped.add('cpu_usage');
  if (g('disk_usage') > 0.8) tripped.add('disk_usage');
  if (g('consecutive_losses') >= 5) tripped.add('consecutive_losses');
  // gptmon's built-in risk limits (sized for the simulator's ~$1M book), warning at 80% of each.
  if (g('total_exposure') > 800_000) tripped.add('total_exposure');
  if (g('largest_position') > 240_000) tripped.add('largest_position');
  if (g('var_95') > 20_000) tripped.add('var_95');
  if (g('position_concentration') > 0.4) tripped.add('position_concentration');
  const p99 = (n: string): number => quantile(0.99, histogram(before, n), histogram(now, n));
  if (p99('api_latency_seconds') > 0.5) tripped.add('api_latency_seconds');
  if (p99('prediction_latency_seconds') > 0.1) tripped.add('prediction_latency_seconds');
  return tripped;
}
