// Prometheus's HTTP API (contract §2): instant and range queries, alerts,
// rules, readiness. Works against anything that speaks it (Thanos, Mimir,
// VictoriaMetrics). Every answer is checked for shape before use.

import { asTextRecord } from '../util/sanitize.js';
import { asJson, type Http } from './http.js';
import type { Fetched, PromAlert, PromFetched, PromRule, PromSample, PromSeries } from './types.js';

interface Envelope<T> {
  status?: string;
  data?: T;
  error?: string;
  errorType?: string;
  warnings?: unknown;
}

/** Prometheus's words for a query it will not run; VictoriaMetrics answers 400 or 422 for the same. */
const BAD_QUERY = new Set(['bad_data', 'execution', '400', '422']);

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A sample's time (seconds, as a number or a string) in ms, when it reads as one. */
function at(raw: unknown): { at?: number } {
  const s = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(s) && s > 0 ? { at: Math.round(s * 1000) } : {};
}

export class PrometheusClient {
  constructor(
    private readonly http: Http,
    readonly base: string,
  ) {}

  private async get<T>(path: string, signal?: AbortSignal): Promise<PromFetched<T>> {
    const http = await this.http.request(`${this.base}${path}`, signal ? { signal } : {});
    const res = asJson<Envelope<T>>(http);
    if (!res.ok) {
      // A proxy's no: say what it wants, not just the number.
      if (res.status === 401 || res.status === 403) return { ok: false, reason: `${res.status === 401 ? 'authentication required' : 'access refused'} (HTTP ${res.status}): check prometheus_auth or the URL's user`, ms: res.ms };
      return res;
    }
    if (res.json?.status !== 'success' || !isRecord(res.json.data)) {
      if (res.status === 401 || res.status === 403) return { ok: false, reason: `${res.status === 401 ? 'authentication required' : 'access refused'} (HTTP ${res.status}): check prometheus_auth or the URL's user`, ms: res.ms };
      const badQuery = res.json?.status === 'error' && (BAD_QUERY.has(String(res.json.errorType)) || res.status === 400 || res.status === 422);
      return { ok: false, reason: res.json?.error ? `prometheus: ${String(res.json.error).slice(0, 100)}` : `unexpected answer (HTTP ${res.status})`, ms: res.ms, ...(badQuery ? { badQuery } : {}) };
    }
    const warnings = Array.isArray(res.json.warnings) ? res.json.warnings.map((w) => String(w).slice(0, 200)) : [];
    return { ok: true, value: res.json.data as T, ms: res.ms, ...(warnings.length ? { warnings } : {}) };
  }

  async query(expr: string, signal?: AbortSignal): Promise<PromFetched<PromSample[]>> {
    const res = await this.get<{ resultType: string; result: unknown }>(`/api/v1/query?query=${encodeURIComponent(expr)}`, signal);
    if (!res.ok) return res;
    const { resultType, result } = res.value;
    const warnings = res.warnings ? { warnings: res.warnings } : {};
    if (resultType === 'scalar' && Array.isArray(result)) return { ok: true, value: [{ labels: {}, value: Number(result[1]), ...at(result[0]) }], ms: res.ms, ...warnings };
    // A query of the wrong shape is the query's fault (a team's PromQL giving a matrix).
    if (resultType !== 'vector' || !Array.isArray(result)) return { ok: false, reason: `expected a vector, got ${String(resultType)}`, ms: res.ms, badQuery: true };
    const samples: PromSample[] = [];
    for (const r of result as unknown[]) {
      if (!isRecord(r) || !Array.isArray(r.value)) continue;
      samples.push({ labels: asTextRecord(r.metric), value: Number(r.value[1]), ...at(r.value[0]) });
    }
    return { ok: true, value: samples, ms: res.ms, ...warnings };
  }

  async queryRange(expr: string, startS: number, endS: number, stepS: number, signal?: AbortSignal): Promise<Fetched<PromSeries[]>> {
    const q = `query=${encodeURIComponent(expr)}&start=${startS}&end=${endS}&step=${stepS}`;
    const res = await this.get<{ resultType: string; result: unknown }>(`/api/v1/query_range?${q}`, signal);
    if (!res.ok) return res;
    if (res.value.resultType !== 'matrix' || !Array.isArray(res.value.result)) return { ok: false, reason: 'expected a matrix', ms: res.ms };
    const series = (res.value.result as unknown[]).filter(isRecord).map((r) => ({
      labels: asTextRecord(r.metric),
      points: (Array.isArray(r.values) ? r.values : []).filter(Array.isArray).map((p: unknown[]) => [Number(p[0]) * 1000, Number(p[1])] as [number, number]),
    }));
    return { ok: true, value: series, ms: res.ms };
  }

  async alerts(signal?: AbortSignal): Promise<Fetched<PromAlert[]>> {
    const res = await this.get<{ alerts?: unknown }>('/api/v1/alerts', signal);
    if (!res.ok) return res;
    // vmalert answers `"alerts": null` when nothing fires: an empty list, not a broken source.
    if (res.value.alerts === null) return { ok: true, value: [], ms: res.ms };
    if (!Array.isArray(res.value.alerts)) return { ok: false, reason: 'no alerts list in the answer', ms: res.ms };
    const alerts: PromAlert[] = [];
    for (const a of res.value.alerts as unknown[]) {
      if (!isRecord(a) || !isRecord(a.labels) || (a.state !== 'pending' && a.state !== 'firing')) continue;
      const alert: PromAlert = { labels: asTextRecord(a.labels), annotations: asTextRecord(a.annotations), state: a.state };
      const activeAt = typeof a.activeAt === 'string' ? Date.parse(a.activeAt) : NaN;
      if (!Number.isNaN(activeAt)) alert.activeAt = activeAt;
      // The value comes as a string, often in exponent form ("2e-01"); anything
      // else (null, [], an object) is no value, not a 0 that Number() makes of it.
      const value = typeof a.value === 'number' ? a.value : typeof a.value === 'string' && a.value.trim() !== '' ? Number(a.value) : NaN;
      if (Number.isFinite(value)) alert.value = value;
      alerts.push(alert);
    }
    return { ok: true, value: alerts, ms: res.ms };
  }

  async rules(signal?: AbortSignal): Promise<Fetched<PromRule[]>> {
    const res = await this.get<{ groups?: unknown }>('/api/v1/rules?type=alert', signal);
    if (!res.ok) return res;
    if (res.value.groups !== null && res.value.groups !== undefined && !Array.isArray(res.value.groups)) return { ok: false, reason: 'no rule groups in the answer', ms: res.ms };
    const rules: PromRule[] = [];
    for (const g of (Array.isArray(res.value.groups) ? res.value.groups : []) as unknown[]) {
      for (const r of (isRecord(g) && Array.isArray(g.rules) ? g.rules : []) as unknown[]) {
        if (!isRecord(r) || r.type !== 'alerting' || typeof r.name !== 'string') continue;
        rules.push({
          name: r.name,
          durationS: typeof r.duration === 'number' ? r.duration : 0,
          labels: asTextRecord(r.labels),
          annotations: asTextRecord(r.annotations),
          query: typeof r.query === 'string' ? r.query : '',
          ...(typeof r.health === 'string' ? { health: r.health } : {}),
        });
      }
    }
    return { ok: true, value: rules, ms: res.ms };
  }

  async ready(signal?: AbortSignal): Promise<Fetched<true>> {
    const res = await this.http.request(`${this.base}/-/ready`, signal ? { signal } : {});
    if (!res.ok) return res;
    return res.status === 200 ? { ok: true, value: true, ms: res.ms } : { ok: false, reason: `not ready (HTTP ${res.status})`, ms: res.ms };
  }
}
