// Alertmanager's v2 API (contract §2): alerts, and silences, which are how an
// acknowledgement is shared between every engineer's gptmon.

import { asText, asTextRecord } from '../util/sanitize.js';
import { asJson, type Http } from './http.js';
import type { AmAlert, Fetched, Matcher, Silence } from './types.js';

/** A failure that is the server's answer (a 4xx): another peer would say the same. */
export type Refusal = { ok: false; reason: string; ms: number; refused: true };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export class AlertmanagerClient {
  constructor(
    private readonly http: Http,
    readonly base: string,
  ) {}

  async alerts(signal?: AbortSignal): Promise<Fetched<AmAlert[]>> {
    const res = asJson(await this.http.request(`${this.base}/api/v2/alerts`, signal ? { signal } : {}));
    if (!res.ok) return res;
    if (res.status !== 200 || !Array.isArray(res.json)) return { ok: false, reason: `unexpected answer (HTTP ${res.status})`, ms: res.ms };
    // Every text as a string (a number or an object label must not crash what
    // shows it), kept as received otherwise: the display sanitises.
    const alerts = (res.json as unknown[]).filter((a): a is Record<string, unknown> => isRecord(a) && isRecord(a.labels)).map((a) => {
      const status = (isRecord(a.status) ? a.status : {}) as { state?: unknown; silencedBy?: unknown; inhibitedBy?: unknown };
      const startsAt = typeof a.startsAt === 'string' ? Date.parse(a.startsAt) : NaN;
      return {
        labels: asTextRecord(a.labels),
        ...(typeof a.fingerprint === 'string' ? { fingerprint: a.fingerprint } : {}),
        state: asText(status.state ?? 'active'),
        silencedBy: Array.isArray(status.silencedBy) ? status.silencedBy.map(asText) : [],
        inhibitedBy: Array.isArray(status.inhibitedBy) ? status.inhibitedBy.map(asText) : [],
        ...(Number.isNaN(startsAt) ? {} : { startsAt }),
      };
    });
    return { ok: true, value: alerts, ms: res.ms };
  }

  async silences(signal?: AbortSignal): Promise<Fetched<Silence[]>> {
    const res = asJson(await this.http.request(`${this.base}/api/v2/silences`, signal ? { signal } : {}));
    if (!res.ok) return res;
    if (res.status !== 200 || !Array.isArray(res.json)) return { ok: false, reason: `unexpected answer (HTTP ${res.status})`, ms: res.ms };
    const silences = (res.json as unknown[]).flatMap((s) => silenceOf(s) ?? []);
    return { ok: true, value: silences, ms: res.ms };
  }

  /** One silence by id: how an ack is confirmed. */
  async silence(id: string): Promise<Fetched<Silence>> {
    const res = asJson(await this.http.request(`${this.base}/api/v2/silence/${encodeURIComponent(id)}`));
    if (!res.ok) return res;
    const s = res.status === 200 ? silenceOf(res.json) : undefined;
    return s ? { ok: true, value: s, ms: res.ms } : { ok: false, reason: res.status === 404 ? 'no such silence' : `unexpected answer (HTTP ${res.status})`, ms: res.ms };
  }

  async createSilence(s: { matchers: Matcher[]; startsAt: number; endsAt: number; createdBy: string; comment: string }): Promise<Fetched<string> | Refusal> {
    const body = JSON.stringify({ ...s, startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString() });
    const res = asJson<{ silenceID?: string }>(await this.http.request(`${this.base}/api/v2/silences`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
    if (!res.ok) return res.status !== undefined && res.status >= 400 && res.status < 500 ? { ok: false, reason: `silence refused (HTTP ${res.status})`, ms: res.ms, refused: true } : res;
    if (res.status !== 200 || typeof res.json?.silenceID !== 'string') return { ok: false, reason: `silence refused (HTTP ${res.status})`, ms: res.ms, ...(res.status >= 400 && res.status < 500 ? { refused: true as const } : {}) };
    return { ok: true, value: res.json.silenceID, ms: res.ms };
  }

  async expireSilence(id: string): Promise<Fetched<true> | Refusal> {
    const res = await this.http.request(`${this.base}/api/v2/silence/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!res.ok) return res;
    if (res.status === 200) return { ok: true, value: true, ms: res.ms };
    return { ok: false, reason: `expire refused (HTTP ${res.status})`, ms: res.ms, ...(res.status >= 400 && res.status < 500 ? { refused: true as const } : {}) };
  }
}

/** A silence as the v2 API gives it; every text a string, kept as received (the display sanitises). */
function silenceOf(s: unknown): Silence | undefined {
  if (!isRecord(s) || typeof s.id !== 'string' || !Array.isArray(s.matchers)) return undefined;
  const state = (isRecord(s.status) ? s.status : {}).state;
  return {
    id: s.id,
    matchers: (s.matchers as unknown[]).filter(isRecord).map((m) => ({ name: asText(m.name), value: asText(m.value), isRegex: m.isRegex === true, isEqual: m.isEqual !== false })),
    startsAt: Date.parse(asText(s.startsAt)),
    endsAt: Date.parse(asText(s.endsAt)),
    createdBy: asText(s.createdBy),
    comment: asText(s.comment),
    state: state === 'active' || state === 'pending' ? state : 'expired',
  };
}
