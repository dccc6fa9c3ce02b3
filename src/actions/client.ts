// Talks to the control API: reads /admin/state, and POSTs an action with one
// Idempotency-Key across its retries. Connection errors and 5xx are retried
// with backoff inside the deadline; a 4xx is an answer, not a glitch. Every
// request settles: a request library that throws, rejects or never answers
// becomes a reason, so a control can always say how it ended. What the caller
// decides on is typed (status, retryable); the reason is for people.

import { asJson, retryableStatus, type Http, type HttpRequest, type HttpResult } from '../sources/http.js';
import { sanitize } from '../util/sanitize.js';
import { parseState, type TraderState } from './actions.js';

export interface ClientFailure {
  ok: false;
  reason: string;
  /** The trader's status, when it answered. */
  status?: number;
  /**
   * False when the trader said no (a 3xx or 4xx, a refused token included) or
   * nothing could be sent: the action was not done, and asking again gets the
   * same. True when the answer was lost or was trouble that may pass (a
   * connection that failed, a timeout, a 5xx): the action may have been done.
   */
  retryable: boolean;
  attempts: number;
}

export type ClientResult<T> = { ok: true; value: T; attempts: number } | ClientFailure;

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

  /** The trader's answer as a failure, a refused token named as such. */
  private static failure(status: number | undefined, reason: string, retryable: boolean, attempts: number): ClientFailure {
    const auth = status === 401 || status === 403;
    return {
      ok: false,
      reason: auth ? `authentication refused (HTTP ${status}): check GPTMON_TOKEN, GPTMON_TOKEN_FILE or token_file` : reason,
      ...(status !== undefined ? { status } : {}),
      retryable,
      attempts,
    };
  }

  /** One request that always settles, by its timeout plus a little at the latest. */
  private async send(path: string, req: HttpRequest & { timeoutMs: number }): Promise<HttpResult> {
    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<HttpResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${req.timeoutMs}ms, and the request library did not end the request`, retryable: true, ms: req.timeoutMs }), req.timeoutMs + BACKSTOP_MS);
    });
    // Through a then(), so a synchronous throw (a header the library refuses) is caught too.
    // Whether such a request went out is unknown: it counts as retryable.
    const sent = Promise.resolve()
      .then(() => this.http.request(`${this.base}${path}`, req))
      .catch((err: unknown): HttpResult => ({ ok: false, reason: `the request could not be made: ${sanitize((err as Error)?.message ?? err).slice(0, 120)}`, retryable: true, ms: 0 }));
    try {
      return await Promise.race([sent, backstop]);
    } finally {
      clearTimeout(timer);
    }
  }

  async state(deadline: number, signal?: AbortSignal): Promise<ClientResult<TraderState>> {
    const timeoutMs = Math.max(1, deadline - Date.now());
    const res = asJson(await this.send('/admin/state', { headers: this.headers(), timeoutMs, ...(signal ? { signal } : {}) }));
    if (!res.ok) return ControlClient.failure(res.status, res.reason, res.retryable, 1);
    if (res.status !== 200) return ControlClient.failure(res.status, `HTTP ${res.status}`, retryableStatus(res.status), 1);
    const state = parseState(res.json);
    return state ? { ok: true, value: state, attempts: 1 } : ControlClient.failure(res.status, 'the state answer has no trading field', true, 1);
  }

  /** `attemptMs` caps one try, so a hung connection leaves time to try again. */
  async post(path: string, body: Record<string, unknown>, idempotencyKey: string, deadline: number, attemptMs = Infinity, signal?: AbortSignal): Promise<ClientResult<TraderState | undefined>> {
    let attempts = 0;
    let delay = 200;
    let last = 'no attempt made';
    let lastStatus: number | undefined;
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
      // Only what may pass is worth another try (a failed connection, a 5xx); any other answer stands.
      if (!raw.ok && !raw.retryable) return ControlClient.failure(raw.status, raw.reason, false, attempts);
      if (raw.ok && !retryableStatus(raw.status)) {
        const res = asJson(raw);
        const detail = res.ok && (res.json as { error?: unknown })?.error ? `: ${sanitize((res.json as { error: unknown }).error).slice(0, 100)}` : '';
        return ControlClient.failure(raw.status, `refused (HTTP ${raw.status}${detail})`, false, attempts);
      }
      if (raw.ok && raw.status >= 200 && raw.status < 300) {
        const res = asJson(raw);
        return { ok: true, value: res.ok ? parseState(res.json) : undefined, attempts };
      }
      last = raw.ok ? `HTTP ${raw.status}` : raw.reason;
      lastStatus = raw.status;
      if (Date.now() + delay >= deadline) break;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
    return ControlClient.failure(lastStatus, `${last} (${attempts} attempt${attempts === 1 ? '' : 's'})`, true, attempts);
  }
}
