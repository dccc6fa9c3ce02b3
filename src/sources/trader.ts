// GPT-Trader's read side (contract §1): /health/detailed and /metrics. Extra
// fields and unknown components are fine; a wrong shape is a reason, not a throw.

import { asText } from '../util/sanitize.js';
import { asJson, type Http } from './http.js';
import { ExpositionParser } from './exposition.js';
import type { Exposition, Fetched, TraderHealth } from './types.js';



const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** Text the trader sent, as a string whatever its JSON type (a number, an object): the display sanitises it. */
const str = (v: unknown): string | undefined => {
  const text = asText(v);
  return text !== '' ? text : undefined;
};

export function parseHealth(json: unknown): TraderHealth | string {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'health is not a JSON object';
  const body = json as Record<string, unknown>;
  const comps = body.components;
  if (!comps || typeof comps !== 'object' || Array.isArray(comps)) return 'health has no "components" object';
  const components: TraderHealth['components'] = [];
  for (const [name, raw] of Object.entries(comps as Record<string, unknown>)) {
    const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const comp: TraderHealth['components'][number] = { name, healthy: c.healthy === true };
    const message = str(c.message);
    const latencyMs = num(c.latency_ms);
    const modelId = str(c.model_id);
    if (message) comp.message = message;
    if (latencyMs !== undefined) comp.latencyMs = latencyMs;
    if (modelId) comp.modelId = modelId;
    components.push(comp);
  }
  const m = (body.metrics && typeof body.metrics === 'object' ? body.metrics : {}) as Record<string, unknown>;
  const health: TraderHealth = { components, metrics: {} };
  const put = <K extends keyof TraderHealth['metrics']>(k: K, v: number | undefined) => {
    if (v !== undefined) health.metrics[k] = v;
  };
  put('uptime', num(m.uptime));
  put('requestsPerSecond', num(m.requests_per_second));
  put('errorRate', num(m.error_rate));
  put('activeConnections', num(m.active_connections));
  const timestamp = str(body.timestamp);
  const site = str(body.site);
  if (timestamp) health.timestamp = timestamp;
  if (site) health.site = site;
  if (body.trading === 'active' || body.trading === 'halted') health.trading = body.trading;
  return health;
}

export async function fetchHealth(http: Http, base: string, signal?: AbortSignal): Promise<Fetched<TraderHealth>> {
  const res = asJson(await http.request(`${base}/health/detailed`, signal ? { signal } : {}));
  if (!res.ok) return { ok: false, reason: res.reason, ms: res.ms };
  // 503 is the contract's "some component unhealthy", with the same body.
  if (res.status !== 200 && res.status !== 503) return { ok: false, reason: `HTTP ${res.status}`, ms: res.ms };
  const health = parseHealth(res.json);
  return typeof health === 'string' ? { ok: false, reason: health, ms: res.ms } : { ok: true, value: health, ms: res.ms };
}

export interface ScrapeOptions {
  signal?: AbortSignal;
  /** The body's cap (`max_scrape_bytes`). */
  maxBytes?: number;
  /** The metric names worth keeping; every line is still read and counted. */
  keep?: (name: string) => boolean;
}

/** /metrics, parsed while it streams: a trader with 100k series costs what its lines cost, once. */
export async function scrapeMetrics(http: Http, base: string, opts: ScrapeOptions = {}): Promise<Fetched<Exposition>> {
  const parser = new ExpositionParser(opts.keep ? { keep: opts.keep } : {});
  let first: string | undefined;
  const res = await http.request(`${base}/metrics`, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    onChunk: (text) => {
      if (first === undefined && text.trim()) first = text.trimStart().slice(0, 1);
      // An HTML error page is not metrics: no point reading it line by line.
      if (first !== '<') parser.push(text);
    },
  });
  if (!res.ok) return { ok: false, reason: res.reason, ms: res.ms };
  if (res.status !== 200) return { ok: false, reason: `HTTP ${res.status}`, ms: res.ms };
  if (first === '<') return { ok: false, reason: 'answered HTML, not metrics', ms: res.ms };
  const parsed = parser.end();
  if (parsed.samples.length === 0 && parsed.unreadable + parsed.duplicates.length === 0 && !first) return { ok: false, reason: 'no samples', ms: res.ms };
  if (parsed.samples.length === 0 && parsed.unreadable > 0) return { ok: false, reason: `no readable samples (${parsed.unreadable} bad lines)`, ms: res.ms };
  return { ok: true, value: parsed, ms: res.ms };
}
