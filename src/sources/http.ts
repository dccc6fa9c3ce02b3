// Every HTTP request gptmon makes goes through here: one keep-alive pool per
// origin (undici's Agent keeps one Pool per origin), a deadline on each
// request, an abort signal, and a cap on the body, so a dead, slow or
// runaway endpoint becomes a short reason, never an exception. The reason is
// for people; what callers decide on is typed beside it (the status, and
// whether trying again may help), never read back out of the words.

// The Agent alone, not the package index (which costs a control ~50 ms to
// load): a private path, so package.json pins undici's exact version and
// test/sources/undici-pin.test.ts checks it still resolves. See also
// src/types/undici-agent.d.ts.
import Agent from 'undici/lib/dispatcher/agent.js';
import type { Dispatcher } from 'undici';

import { maskUrlsIn } from '../util/mask-url.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

export interface HttpOptions {
  timeoutMs: number;
  maxBytes?: number;
  /** Counts sockets opened, so the benchmark can check keep-alive. */
  onConnect?: (origin: string) => void;
  /** PEM of the CA that signed the https back ends (`ca_file`). */
  ca?: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** This request's cap on the body, over the pool's. */
  maxBytes?: number;
  /**
   * The body as it arrives, decoded, instead of held whole (the answer's
   * `text` is then empty): a large /metrics is parsed while it streams.
   */
  onChunk?: (text: string) => void;
}

/** A request that got no usable answer. */
export interface HttpFailure {
  ok: false;
  /** One line for a person: `connection refused`, `timed out after 2s`. */
  reason: string;
  /** The server's status, when it answered (with a body too large, or not JSON). */
  status?: number;
  /**
   * Whether asking again may go differently: true for a connection that failed
   * or timed out, a 5xx, or an answer lost on the way; false when nothing was
   * sent (a bad URL or header), the caller cancelled, or the server said no (3xx, 4xx).
   */
  retryable: boolean;
  ms: number;
}

export type HttpResult = { ok: true; status: number; contentType: string; text: string; ms: number } | HttpFailure;

/** A 3xx or 4xx is the server's answer, and asking again gets it again; anything else may pass. */
export function retryableStatus(status: number): boolean {
  return status < 300 || status >= 500;
}

export interface Http {
  request(url: string, req?: HttpRequest): Promise<HttpResult>;
  close(): Promise<void>;
}

function describeError(err: unknown, timeoutMs: number): string {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `timed out after ${formatMs(timeoutMs)}`;
  }
  // An https back end whose certificate is not trusted: say what to do about it.
  if (code && /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_CERT)/.test(code)) return `TLS: ${maskUrlsIn((e.message ?? code).split('\n')[0]!).slice(0, 80)} (ca_file names the CA that signed it)`;
  if (e.name === 'TimeoutError') return `timed out after ${formatMs(timeoutMs)}`;
  if (e.name === 'AbortError') return 'cancelled';
  return maskUrlsIn((e.message ?? String(err)).split('\n')[0]!).slice(0, 120);
}

// What undici accepts in a header (RFC 9110 token names; values without CR, LF
// or NUL). It rejects anything else, and a pool handed such a request enough
// times stops answering at all: check before the pool ever sees it.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** The name of the first header that cannot be sent as it is (its value is never shown: it may be a token). */
export function invalidHeader(headers: Record<string, string> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name) || BAD_HEADER_VALUE.test(String(value))) return HEADER_NAME.test(name) ? name : JSON.stringify(name);
  }
  return undefined;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export function createHttp(opts: HttpOptions): Http {
  const poolMaxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    // A few sockets per origin, kept alive across polls: a tick's requests go
    // out together, and a slow endpoint cannot hold up the others behind it
    // (as it would pipelined on one socket).
    connections: 4,
    connect: { timeout: opts.timeoutMs, ...(opts.ca ? { ca: opts.ca } : {}) },
  });
  if (opts.onConnect) {
    const onConnect = opts.onConnect;
    agent.on('connect', (origin) => onConnect(String(origin)));
  }

  function request(url: string, req: HttpRequest = {}): Promise<HttpResult> {
    const started = performance.now();
    const maxBytes = req.maxBytes ?? poolMaxBytes;
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
    const ms = () => Math.round(performance.now() - started);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return Promise.resolve({ ok: false, reason: `not a URL: ${maskUrlsIn(url)}`, retryable: false, ms: 0 });
    }
    const bad = invalidHeader(req.headers);
    if (bad) return Promise.resolve({ ok: false, reason: `the ${bad} header has a character HTTP does not allow; nothing was sent`, retryable: false, ms: 0 });
    if (req.signal?.aborted) return Promise.resolve({ ok: false, reason: 'cancelled', retryable: false, ms: 0 });
    return new Promise<HttpResult>((resolve) => {
      const exchange = new Exchange(req, maxBytes, timeoutMs, ms, resolve);
      agent.dispatch(
        {
          origin: parsed.origin,
          path: parsed.pathname + parsed.search,
          method: req.method ?? 'GET',
          headers: req.headers ?? {},
          body: req.body ?? null,
          // The exchange's own deadline (Exchange) covers headers and body. undici's
          // timers would keep a 499 ms tick of their own, waking the console twice a
          // second between polls to find nothing due.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        exchange,
      );
    });
  }

  // Closing aborts what is still in flight: a hung source must not hold up a quit.
  return { request, close: () => agent.destroy() };
}

/**
 * One request's answer, taken straight from undici's dispatcher callbacks:
 * no response stream, async iterator or abort signals per request (this runs
 * twice a second for as long as the console is open). It settles exactly
 * once: with the answer, or at the deadline, on the caller's cancel, on a body
 * over the cap, or on the connection's error, whichever comes first; then the
 * request is aborted and later callbacks are ignored.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private status = 0;
  private contentType = '';
  private size = 0;
  private readonly chunks: Buffer[] = [];
  private readonly decoder: InstanceType<typeof TextDecoder> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onCancel = () => this.fail('cancelled', false);

  constructor(
    private readonly req: HttpRequest,
    private readonly maxBytes: number,
    private readonly timeoutMs: number,
    private readonly ms: () => number,
    private readonly resolve: (r: HttpResult) => void,
  ) {
    this.decoder = req.onChunk ? new TextDecoder('utf-8') : undefined;
    // The whole exchange, connection to last byte: a source that trickles cannot hold a tick.
    this.timer = setTimeout(() => this.fail(`timed out after ${formatMs(timeoutMs)}`, true), timeoutMs);
    req.signal?.addEventListener('abort', this.onCancel, { once: true });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new Error('cancelled'));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    // 1xx: informational, the answer is still to come.
    if (statusCode < 200 || this.settled) return;
    this.status = statusCode;
    this.contentType = String(headers['content-type'] ?? '');
    // Too large is an answer lost to us, not a no: asking again (or reading the state back) is how a caller learns what happened.
    const declared = Number(headers['content-length'] ?? NaN);
    if (declared > this.maxBytes) this.fail(`response too large (${formatBytes(declared)}, limit ${formatBytes(this.maxBytes)})`, true, statusCode);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) return this.fail(`response too large (over ${formatBytes(this.maxBytes)})`, true, this.status);
    if (!this.decoder) {
      this.chunks.push(chunk);
      return;
    }
    try {
      this.req.onChunk!(this.decoder.decode(chunk, { stream: true }));
    } catch (err) {
      this.fail(describeError(err, this.timeoutMs), true);
    }
  }

  onResponseEnd(): void {
    if (this.settled) return;
    let text = '';
    try {
      if (this.decoder) this.req.onChunk!(this.decoder.decode());
      else text = Buffer.concat(this.chunks).toString('utf8');
    } catch (err) {
      return this.fail(describeError(err, this.timeoutMs), true);
    }
    this.settle({ ok: true, status: this.status, contentType: this.contentType, text, ms: this.ms() });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error): void {
    this.fail(describeError(err, this.timeoutMs), true);
  }

  /** Cancelled by the caller: it no longer wants an answer (not retryable). Otherwise the network's trouble may pass. */
  private fail(reason: string, retryable: boolean, status?: number): void {
    if (this.settled) return;
    this.settle({ ok: false, reason, retryable, ms: this.ms(), ...(status ? { status } : {}) });
    this.controller?.abort(new Error(reason));
  }

  private settle(result: HttpResult): void {
    this.settled = true;
    clearTimeout(this.timer);
    this.req.signal?.removeEventListener('abort', this.onCancel);
    this.resolve(result);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export type JsonResult<T = unknown> = { ok: true; status: number; json: T; ms: number } | HttpFailure;

/** JSON from a response, with a reason a human can act on when it is not JSON. */
export function asJson<T = unknown>(res: HttpResult): JsonResult<T> {
  if (!res.ok) return res;
  const text = res.text.trimStart();
  const failed = (reason: string): HttpFailure => ({ ok: false, status: res.status, reason, retryable: retryableStatus(res.status), ms: res.ms });
  if (text === '') return failed(`empty body (HTTP ${res.status})`);
  if (text.startsWith('<')) return failed(`answered HTML, not JSON (HTTP ${res.status})`);
  try {
    return { ok: true, status: res.status, json: JSON.parse(text) as T, ms: res.ms };
  } catch {
    return failed(`not JSON (HTTP ${res.status}, starts "${text.slice(0, 24).replace(/\s+/g, ' ')}")`);
  }
}
