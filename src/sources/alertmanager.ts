// Alertmanager's v2 API (contract §2): alerts, and silences, which are how an
// acknowledgement is shared between every engineer's gptmon.

import { asText, asTextRecord } from '../util/sanitize.js';
import { asJson, type Http } from './http.js';
import type { AmAlert, Fetched, Matcher, Silence } from './types.js';




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
      const status = (isRecord(a.status) ? a.status : {}) as { state?: unknown; silencedBy?: unknown };
      const startsAt = typeof a.startsAt === 'string' ? Date.parse(a.startsAt) : NaN;
      return {
        labels: asTextRecord(a.labels),
        state: asText(status.state ?? 'active'),
        silencedBy: Array.isArray(status.silencedBy) ? status.silencedBy.map(asText) : [],
        ...(Number.isNaN(startsAt) ? {} : { startsAt }),
      };
    });
    return { ok: true, value: alerts, ms: res.ms };
  }

  async silences(signal?: AbortSignal): Promise<Fetched<Silence[]>> {
    const res = asJson(await this.http.request(`${this.base}/api/v2/silences`, signal ? { signal } : {}));
    if (!res.ok) return res;
    if (res.status !== 200 || !Array.isArray(res.json)) return { ok: false, reason: `unexpected answer (HTTP ${res.status})`, ms: res.ms };
    const silences: Silence[] = [];
    for (const s of res.json as unknown[]) {
      if (!isRecord(s) || typeof s.id !== 'string' || !Array.isArray(s.matchers)) continue;
      const state = (isRecord(s.status) ? s.status : {}).state;
      silences.push({
        id: s.id,
        matchers: (s.matchers as unknown[]).filter(isRecord).map((m) => ({ name: asText(m.name), value: asText(m.value), isRegex: m.isRegex === true, isEqual: m.isEqual !== false })),
        startsAt: Date.parse(asText(s.startsAt)),
        endsAt: Date.parse(asText(s.endsAt)),
        createdBy: asText(s.createdBy),
        comment: asText(s.comment),
        state: state === 'active' || state === 'pending' ? state : 'expired',
      });
    }
    return { ok: true, value: silences, ms: res.ms };
  }

  async createSilence(s: { matchers: Matcher[]; startsAt: number; endsAt: number; createdBy: string; comment: string }): Promise<Fetched<string>> {
    const body = JSON.stringify({ ...s, startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString() });
    const res = asJson<{ silenceID?: string }>(await this.http.request(`${this.base}/api/v2/silences`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
    if (!res.ok) return res;
    if (res.status !== 200 || typeof res.json?.silenceID !== 'string') return { ok: false, reason: `silence refused (HTTP ${res.status})`, ms: res.ms };
    return { ok: true, value: res.json.silenceID, ms: res.ms };
  }

  async expireSilence(id: string): Promise<Fetched<true>> {
    const res = await this.http.request(`${this.base}/api/v2/silence/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!res.ok) return res;
    return res.status === 200 ? { ok: true, value: true, ms: res.ms } : { ok: false, reason: `expire refused (HTTP ${res.status})`, ms: res.ms };
  }
}
