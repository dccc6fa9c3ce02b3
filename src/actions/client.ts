// Talks to the control API: reads /admin/state, and POSTs an action with one
// Idempotency-Key across its retries. Connection errors and 5xx are retried
// with backoff inside the deadline; a 4xx is an answer, not a glitch. Every
// request settles: a request library that throws, rejects or never answers
// becomes a reason, so a control can always say how it ended.

import { asJson, type Http, type HttpRequest, type HttpResult } from '../sources/http.js';
import { sanitize } from '../util/sanitize.js';
import { parseState, type TraderState } from './actions.js';

export type ClientResult<T> = { ok: true; value: T; attempts: number } | { ok: false; reason: string; auth?: boolean; /** The trader answered no (a 3xx or 4xx): nothing was done. */ answered?: boolean; attempts: number };

/** Past a request's own timeout, how long to wait for the library to say so before giving up on it. */
const BACKSTOP_MS = 250;

export class ControlClient {
  constructor(
    private readonly http: Http,
    private readonly base: string,
    private readonly token: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, accept: 'application/json', ...extra };
  }

  private static answer(status: number | undefined, reason: string): { reason: string; auth?: boolean } {
    if (status === 401 || status === 403) return { reason: `authentication refused (HTTP ${status}): check GPTMON_TOKEN, GPTMON_TOKEN_FILE or token_file`, auth: true };
    return { reason };
  }

  /** One request that always settles, by its timeout plus a little at the latest. */
  private async send(path: string, req: HttpRequest & { timeoutMs: number }): Promise<HttpResult> {
    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<HttpResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${req.timeoutMs}ms, and the request library did not end the request`, ms: req.timeoutMs }), req.timeoutMs + BACKSTOP_MS);
    });
    // Through a then(), so a synchronous throw (a header the library refuses) is caught too.
    const sent = Promise.resolve()
      .then(() => this.http.request(`${this.base}${path}`, req))
      .catch((err: unknown): HttpResult => ({ ok: false, reason: `the request could not be made: ${sanitize((err as Error)?.message ?? err).slice(0, 120)}`, ms: 0 }));
    try {
      return await Promise.race([sent, backstop]);
    } finally {
      clearTimeout(timer);
    }
  }

  async state(deadline: number, signal?: AbortSignal): Promise<ClientResult<TraderState>> {
    const timeoutMs = Math.max(1, deadline - Date.now());
    const res = asJson(await this.send('/admin/state', { headers: this.headers(), timeoutMs, ...(signal ? { signal } : {}) }));
    if (!res.ok) return { ok: false, ...ControlClient.answer(res.status, res.reason), attempts: 1 };
    if (res.status !== 200) return { ok: false, ...ControlClient.answer(res.status, `HTTP ${res.status}`), attempts: 1 };
    const state = parseState(res.json);
    return state ? { ok: true, value: state, attempts: 1 } : { ok: false, reason: 'the state answer has no trading field', attempts: 1 };
  }

  /** `attemptMs` caps one try, so a hung connection leaves time to try again. */
  async post(path: string, body: Record<string, unknown>, idempotencyKey: string, deadline: number, attemptMs = Infinity, signal?: AbortSignal): Promise<ClientResult<TraderState | undefined>> {
    let attempts = 0;
    let delay = 200;
    let last = 'no attempt made';
    while (Date.now() < deadline && !signal?.aborted) {
      attempts++;
      const timeoutMs = Math.max(1, Math.min(attemptMs, deadline - Date.now()));
      const raw = await this.send(path, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey }),
        body: JSON.stringify(body),
        timeoutMs,
        ...(signal ? { signal } : {}),
      });
      const res = asJson(raw);
      // Only a failed connection or a 5xx is worth another try; any other answer stands.
      if (raw.ok && raw.status >= 300 && raw.status < 500) {
        const detail = res.ok && (res.json as { error?: unknown })?.error ? `: ${sanitize((res.json as { error: unknown }).error).slice(0, 100)}` : '';
        return { ok: false, ...ControlClient.answer(raw.status, `refused (HTTP ${raw.status}${detail})`), answered: true, attempts };
      }
      if (raw.ok && raw.status >= 200 && raw.status < 300) return { ok: true, value: res.ok ? parseState(res.json) : undefined, attempts };
      last = raw.ok ? `HTTP ${raw.status}` : raw.reason;
      if (Date.now() + delay >= deadline) break;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
    return { ok: false, reason: `${last} (${attempts} attempt${attempts === 1 ? '' : 's'})`, attempts };
  }
}
