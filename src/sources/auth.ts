// Reaching a back end behind a proxy: the credentials it asks for go in an
// Authorization header, never in the URL (a URL is printed, logged and put in
// error messages; the header is not). `http://ops:secret@host/` is taken
// apart here into a URL without the secret and a Basic header; a
// `prometheus_auth:` block names the files that hold the secrets, read when
// the first request is made. A CA file for https back ends is read the same
// way. What cannot be read becomes the reason each request to that back end
// fails, so it shows as the source's state, never as an exception.

import { readFileSync } from 'node:fs';
import type { AuthSpec } from '../config/types.js';
import { splitCredentials } from '../util/mask-url.js';
import type { Http, HttpRequest, HttpResult } from './http.js';

export interface Endpoint {
  /** The base URL without credentials: what requests go to, and what may be shown. */
  url: string;
  headers: Record<string, string>;
  /** Why no request can be made (a secret file that cannot be read): each request fails with it. */
  problem?: string;
}

/** A secret file's text: one line, its final newline not part of it. */
function readSecret(file: string, what: string): { ok: true; text: string } | { ok: false; reason: string } {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : 'unreadable'}` };
  }
  const body = text.replace(/\r?\n$/, '');
  if (body === '') return { ok: false, reason: `${what} ${file} is empty` };
  // Checked here rather than by the HTTP layer, so the reason names the file (never the secret).
  if (/[^\x20-\x7e]/.test(body)) return { ok: false, reason: `${what} ${file} must hold one line of printable ASCII` };
  return { ok: true, text: body };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}`;

/**
 * A back end's URL and the header its proxy asks for. `key` names the config
 * block in reasons (`prometheus_auth`). The auth block wins over credentials
 * in the URL; either way the URL kept has none.
 */
export function endpointFor(rawUrl: string, auth: AuthSpec | undefined, key: string): Endpoint {
  const split = splitCredentials(rawUrl);
  const url = split.url.replace(/\/+$/, '');
  const tenant: Record<string, string> = auth?.tenant ? { 'x-scope-orgid': auth.tenant } : {};
  if (auth?.bearer_token_file) {
    const token = readSecret(auth.bearer_token_file, `${key}.bearer_token_file`);
    return token.ok ? { url, headers: { ...tenant, authorization: `Bearer ${token.text}` } } : { url, headers: {}, problem: token.reason };
  }
  if (auth?.username) {
    if (!auth.password_file) return { url, headers: { ...tenant, authorization: basic(auth.username, '') } };
    const password = readSecret(auth.password_file, `${key}.password_file`);
    return password.ok ? { url, headers: { ...tenant, authorization: basic(auth.username, password.text) } } : { url, headers: {}, problem: password.reason };
  }
  if (split.username !== undefined || split.password !== undefined) return { url, headers: { ...tenant, authorization: basic(split.username ?? '', split.password ?? '') } };
  return { url, headers: tenant };
}

/** `ca_file` read for the HTTP agent, or why it cannot be. */
export function readCa(file: string | undefined): { ca?: string; problem?: string } {
  if (!file) return {};
  try {
    const ca = readFileSync(file, 'utf8');
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) return { problem: `ca_file ${file} holds no PEM certificate` };
    return { ca };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: `cannot read ca_file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'unreadable'}` };
  }
}

/** Whether `url` lies under `base` (the same origin, and the base's path a whole-segment prefix). */
function under(url: string, base: string): boolean {
  if (!url.startsWith(base)) return false;
  const next = url.charAt(base.length);
  return next === '' || next === '/' || next === '?' || next === '#';
}

/**
 * An Http that sends each back end's header with the requests under its URL,
 * and takes credentials out of any other URL it is handed (sending them as a
 * Basic header) so that none goes on the wire in the request line or shows in
 * a reason. `tlsProblem`: every https request fails with it (a CA file that
 * could not be read: better no answer than one from an unchecked server).
 */
export function withEndpoints(http: Http, endpoints: Endpoint[], tlsProblem?: string): Http {
  const sorted = [...endpoints].sort((a, b) => b.url.length - a.url.length);
  async function request(rawUrl: string, req: HttpRequest = {}): Promise<HttpResult> {
    const split = splitCredentials(rawUrl);
    const url = split.url;
    if (tlsProblem && url.startsWith('https:')) return { ok: false, reason: tlsProblem, retryable: false, ms: 0 };
    const endpoint = sorted.find((e) => under(url, e.url));
    if (endpoint?.problem) return { ok: false, reason: endpoint.problem, retryable: false, ms: 0 };
    const headers = { ...(endpoint?.headers ?? {}) };
    if (!endpoint?.headers.authorization && (split.username !== undefined || split.password !== undefined)) headers.authorization = basic(split.username ?? '', split.password ?? '');
    // The caller's own headers (a control's bearer token) come last: they are meant for this request.
    return http.request(url, { ...req, headers: { ...headers, ...(req.headers ?? {}) } });
  }
  return { request, close: () => http.close() };
}
