// What went wrong with the database, in a few words an engineer can act on:
// refused, no answer, the password, a missing database. The driver's and the
// server's own words come from outside and are sanitised.

import type { DatabaseConfig } from '../../config/database.js';
import { formatDuration } from '../../config/units.js';
import { sanitize } from '../../util/sanitize.js';
import { maskUrlsIn } from '../../util/mask-url.js';

/** The password file named in the config could not be used. */
export class PasswordFileError extends Error {}

/** SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html) with what to say. */
const BY_SQLSTATE: Record<string, (message: string) => string> = {
  '28P01': (m) => `authentication failed (${m}): check password_file or the URL`,
  '28000': (m) => `not allowed to connect: ${m}`,
  '3D000': (m) => m,
  '57P03': () => 'the database is starting up; try again in a few seconds',
  '53300': () => 'too many connections (max_connections reached)',
  '42501': (m) => `permission denied: ${m}`,
  '42P01': (m) => m,
  '25006': (m) => `refused a write in a read-only transaction: ${m}`,
};

const BY_ERRNO: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL listening there?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS did not answer)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'the connection was reset',
  ENOENT: 'no such socket (is PostgreSQL running?)',
};

export function describeDbError(err: unknown, cfg: Pick<DatabaseConfig, 'statementTimeoutMs' | 'connectTimeoutMs'>): string {
  if (err instanceof PasswordFileError) return err.message;
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = sanitize(maskUrlsIn(typeof e?.message === 'string' ? e.message : String(err))).slice(0, 200);
  if (code === '57014') return `the query ran past the statement timeout (${formatDuration(cfg.statementTimeoutMs)}) and was cancelled`;
  if (code && BY_SQLSTATE[code]) return BY_SQLSTATE[code](message);
  if (code && BY_ERRNO[code]) return BY_ERRNO[code];
  if (/timeout expired|connection timeout/i.test(message)) return `no answer within ${formatDuration(cfg.connectTimeoutMs)} while connecting (connect timeout)`;
  if (/query read timeout/i.test(message)) return `no answer to the query within ${formatDuration(cfg.statementTimeoutMs)} (statement timeout)`;
  if (/client password must be a string|password must be a string/i.test(message)) return 'the server asks for a password and none was given: add password_file, or the password to the URL';
  if (/terminated unexpectedly|Connection terminated/i.test(message)) return 'the server closed the connection';
  if (/does not support SSL|server does not support/i.test(message)) return `${message} (drop sslmode from the URL?)`;
  return code && /^[0-9A-Z]{5}$/.test(code) ? `${message} (SQLSTATE ${code})` : message || 'failed for an unknown reason';
}
