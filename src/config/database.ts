// The trader's database (`database:` in the config, `GPTMON_DATABASE_URL`,
// `--database`): where `review models` and the Health panel read
// performance.predictions and pg_stat_activity. Written as a plain URL or as a
// map with a password file and timeouts; the password itself is never printed.

import { maskUrl } from '../util/mask-url.js';
import { parseDurationMs } from './units.js';
import type { YamlCursor } from './yaml-cursor.js';
import { describe } from './units.js';
import { didYouMean } from '../util/closest.js';

export interface DatabaseConfig {
  /** As written: it may carry a password, so show it only through maskUrl. */
  url: string;
  /** Read when connecting; used when the URL has no password. */
  passwordFile?: string;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

export interface DatabasePatch {
  at: YamlCursor;
  url?: string;
  password_file?: string;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
export const DATABASE_KEYS = ['url', 'password_file', 'statement_timeout', 'connect_timeout'] as const;

/** Why a text is not a database URL, or undefined when it is one. */
export function databaseUrlProblem(value: string): string | undefined {
  const example = 'e.g. postgres://gptmon@db:5432/trader';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not a URL: "${maskUrl(value)}" (${example})`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return `"${maskUrl(value)}" must be a postgres:// or postgresql:// URL (${example})`;
  // A Unix socket is named by ?host=/run/postgresql, with no host before the path.
  if (!url.hostname && !url.searchParams.get('host')) return `"${maskUrl(value)}" names no host (${example})`;
  return undefined;
}

function positiveDuration(v: YamlCursor): number | undefined {
  const r = parseDurationMs(v.value());
  if (!r.ok) v.issue(r.error);
  else if (r.value <= 0) v.issue('must be longer than 0');
  else return r.value;
  return undefined;
}

/** `database: postgres://…` or `database: {url, password_file, statement_timeout, connect_timeout}`. */
export function readDatabase(v: YamlCursor): DatabasePatch | undefined {
  const raw = v.value();
  const patch: DatabasePatch = { at: v };
  const urlAt = (at: YamlCursor) => {
    const text = at.string();
    if (text === undefined) return false;
    const problem = databaseUrlProblem(text.trim());
    if (problem) {
      at.issue(problem);
      return false;
    }
    patch.url = text.trim();
    return true;
  };
  if (typeof raw === 'string') return urlAt(v) ? patch : undefined;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    v.issue(`expected a postgres:// URL or a map of ${DATABASE_KEYS.join(', ')}, got ${describe(raw)}`);
    return undefined;
  }
  const before = v.issueCount();
  for (const [key, field, keyAt] of v.entries() ?? []) {
    switch (key) {
      case 'url':
        urlAt(field);
        break;
      case 'password_file': {
        const text = field.string();
        if (text !== undefined) patch.password_file = text;
        break;
      }
      case 'statement_timeout':
        patch.statementTimeoutMs = positiveDuration(field);
        break;
      case 'connect_timeout':
        patch.connectTimeoutMs = positiveDuration(field);
        break;
      default:
        keyAt.issue(`unknown key "${key}"${didYouMean(key, DATABASE_KEYS)}`);
    }
  }
  // Half a database setting would connect somewhere else than meant: all of it or none.
  if (v.issueCount() > before) return undefined;
  return patch;
}

/**
 * The database the layers and an override (`--database`, `GPTMON_DATABASE_URL`)
 * give: field by field, later wins; the override replaces the URL only. A bad
 * override is refused outright (never a fall-back to another database).
 */
export function compileDatabase(
  patches: Array<{ patch: DatabasePatch; origin: string }>,
  override: { value: string; origin: string; label: string } | undefined,
  defaultConnectTimeoutMs: number,
  expand: (path: string) => string,
): { database?: DatabaseConfig; origin?: string; issue?: { file: string; message: string } } {
  const merged: Partial<Omit<DatabasePatch, 'at'>> = {};
  let origin: string | undefined;
  for (const { patch, origin: o } of patches) {
    for (const k of ['url', 'password_file', 'statementTimeoutMs', 'connectTimeoutMs'] as const) {
      if (patch[k] !== undefined) (merged as Record<string, unknown>)[k] = patch[k];
    }
    if (patch.url !== undefined) origin = o;
  }
  if (override) {
    const problem = databaseUrlProblem(override.value.trim());
    if (problem) return { issue: { file: override.label, message: problem } };
    merged.url = override.value.trim();
    origin = override.origin;
  }
  if (!merged.url) return {};
  const database: DatabaseConfig = {
    url: merged.url,
    statementTimeoutMs: merged.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: merged.connectTimeoutMs ?? defaultConnectTimeoutMs,
  };
  if (merged.password_file) database.passwordFile = expand(merged.password_file);
  return { database, ...(origin ? { origin } : {}) };
}
