// How gptmon reaches a Prometheus that holds more than one trader, or sits
// behind a proxy: the `selector` that picks the watched trader's series, the
// credentials a proxy asks for (`prometheus_auth`, `alertmanager_auth`), and
// the CA that signed an https back end (`ca_file`). Only file names are kept
// here: the secrets themselves are read when a request is made, never printed.

import { didYouMean } from '../util/closest.js';
import { expandHome } from './paths.js';
import type { YamlCursor } from './yaml-cursor.js';

export interface AuthSpec {
  username?: string;
  password_file?: string;
  bearer_token_file?: string;
  /** A multi-tenant back end's tenant (Mimir, Cortex): sent as X-Scope-OrgID. Not a secret. */
  tenant?: string;
}

const AUTH_KEYS = ['username', 'password_file', 'bearer_token_file', 'tenant'] as const;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `{job="gpt-trader", site="primary"}` (braces optional) as labels; a string saying what is wrong otherwise. */
export function parseSelector(text: string): Record<string, string> | string {
  let body = text.trim();
  if (body.startsWith('{') !== body.endsWith('}')) return 'unbalanced braces';
  if (body.startsWith('{')) body = body.slice(1, -1).trim();
  const labels: Record<string, string> = {};
  // Matchers split on the commas outside quotes.
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!=|!~|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < body.length && (m = re.exec(body))) {
    const [, name, op, value] = m;
    if (op !== '=') return `${name}${op}"…": only name="value" matchers are supported`;
    try {
      labels[name!] = JSON.parse(`"${value!}"`) as string;
    } catch {
      return `${name}: cannot read the value "${value}"`;
    }
  }
  if (re.lastIndex < body.length || (body !== '' && !Object.keys(labels).length)) return `cannot read "${body.slice(re.lastIndex, re.lastIndex + 30)}": expected name="value", name="value"`;
  if (!Object.keys(labels).length) return 'selects nothing: give at least one name="value"';
  return labels;
}

/**
 * The selector as written: PromQL text (`'{job="gpt-trader"}'`), a YAML map
 * (`{job: gpt-trader}`), or the PromQL text left unquoted, which YAML reads as
 * a map of `job="gpt-trader"` keys without values.
 */
export function readSelector(at: YamlCursor): Record<string, string> | undefined {
  const v = at.value();
  if (typeof v === 'string') {
    const r = parseSelector(v);
    if (typeof r === 'string') at.issue(`selector ${r}`);
    return typeof r === 'string' ? undefined : r;
  }
  const entries = at.entries('label matchers, e.g. \'{job="gpt-trader", site="primary"}\'');
  if (!entries) return undefined;
  const labels: Record<string, string> = {};
  for (const [key, value] of entries) {
    const raw = value.value();
    if (raw === null || raw === undefined) {
      const r = parseSelector(key);
      if (typeof r === 'string') return void at.issue(`selector ${r}`);
      Object.assign(labels, r);
    } else if (LABEL_NAME.test(key) && (typeof raw === 'string' || typeof raw === 'number')) labels[key] = String(raw);
    else return void value.issue(`expected a label value for ${key}`);
  }
  if (!Object.keys(labels).length) return void at.issue('selector selects nothing: give at least one name="value"');
  return labels;
}

/** `prometheus_auth:` / `alertmanager_auth:`: a user with a password file, or a bearer token file; a tenant with either or alone. */
export function readAuth(at: YamlCursor): AuthSpec | undefined {
  const entries = at.entries('username and password_file, or bearer_token_file');
  if (!entries) return undefined;
  const spec: AuthSpec = {};
  let bad = false;
  for (const [k, v, keyAt] of entries) {
    if (k === 'password' || k === 'bearer_token') {
      keyAt.issue(`a secret is not written in the config (config show prints it): put it in a file and name it with ${k}_file`);
      bad = true;
      continue;
    }
    if (!(AUTH_KEYS as readonly string[]).includes(k)) {
      keyAt.issue(`unknown key "${k}"${didYouMean(k, AUTH_KEYS)}`);
      continue;
    }
    const s = v.string();
    if (s === undefined) bad = true;
    else spec[k as keyof AuthSpec] = k === 'username' || k === 'tenant' ? s : expandHome(s);
  }
  if (bad) return undefined;
  if (spec.bearer_token_file && (spec.username || spec.password_file)) return void at.issue('either username and password_file, or bearer_token_file, not both');
  if (spec.password_file && !spec.username) return void at.issue('password_file needs a username');
  if (!spec.bearer_token_file && !spec.username && !spec.tenant) return void at.issue('give username (and password_file), or bearer_token_file, or tenant');
  return spec;
}
