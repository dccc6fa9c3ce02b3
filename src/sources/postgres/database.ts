// The trader's PostgreSQL, read-only. Every read runs in its own READ ONLY
// transaction with a statement timeout, over a pool of at most two
// connections, with parameters only, never text pasted into SQL. Whatever
// goes wrong comes back as one line naming the database (its password
// masked), never as an exception.

import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { DatabaseConfig } from '../../config/database.js';
import { maskUrl } from '../../util/mask-url.js';
import { describeDbError, PasswordFileError } from './errors.js';

/** A query inside a read: rows as the driver gives them. */
export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

/** `reason` is one line for a person: `database postgres://gptmon:***@db/trader: connection refused`. */
export type DbResult<T> = { ok: true; value: T; ms: number } | { ok: false; reason: string; ms: number };

export interface Database {
  /** The URL with its password masked: how the database is named wherever it is shown. */
  readonly name: string;
  read<T>(work: (query: Query) => Promise<T>): Promise<DbResult<T>>;
  close(): Promise<void>;
}

/** What a read found wrong that is not the driver's error: a missing table, a column of another type. */
export class DbProblem extends Error {}

const POOL_MAX = 2;
/** The client gives up this long after the server should have cancelled (a server that never answers). */
const CLIENT_GRACE_MS = 2000;

function connectionOptions(cfg: DatabaseConfig): pg.PoolConfig {
  const url = new URL(cfg.url);
  const params = url.searchParams;
  const password = decodeURIComponent(url.password);
  const sslmode = params.get('sslmode');
  const options: pg.PoolConfig = {
    host: params.get('host') ?? decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')),
    port: url.port ? Number(url.port) : 5432,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
    user: decodeURIComponent(url.username) || params.get('user') || undefined,
    // No startup `options` (PgBouncer refuses them): each read opens READ ONLY and sets its own timeout.
    application_name: 'gptmon',
    max: POOL_MAX,
    connectionTimeoutMillis: cfg.connectTimeoutMs,
    query_timeout: cfg.statementTimeoutMs + CLIENT_GRACE_MS,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  };
  if (sslmode && sslmode !== 'disable' && sslmode !== 'prefer' && sslmode !== 'allow') options.ssl = sslmode === 'verify-full' || sslmode === 'verify-ca' ? true : { rejectUnauthorized: false };
  if (password || params.get('password')) options.password = password || params.get('password')!;
  else if (cfg.passwordFile) {
    const file = cfg.passwordFile;
    // Read at each connect: a rotated password is picked up without a restart.
    options.password = async () => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new PasswordFileError(`cannot read password_file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
      }
      const secret = text.replace(/\r?\n$/, '');
      if (!secret) throw new PasswordFileError(`password_file ${file} is empty`);
      return secret;
    };
  }
  return options;
}

/**
 * pg leaves the socket of a connection that failed half-way (during the
 * password exchange) open, and the pool forgets the client: the server
 * waits, and so would this process at exit. This client closes it.
 */
class ClosingClient extends pg.Client {}
type Connect = (this: pg.Client, callback?: (err: Error | null) => void) => unknown;
const baseConnect = pg.Client.prototype.connect as Connect;
(ClosingClient.prototype as unknown as { connect: Connect }).connect = function (callback) {
  const close = () => (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  if (callback) return baseConnect.call(this, (err) => (err && close(), callback(err)));
  return (baseConnect.call(this) as Promise<unknown>).catch((err: unknown) => {
    close();
    throw err;
  });
};

export function openDatabase(cfg: DatabaseConfig): Database {
  const name = maskUrl(cfg.url);
  const pool = new pg.Pool({ ...connectionOptions(cfg), Client: ClosingClient as never });
  // An idle connection the server drops must not take the process down; the next read reconnects.
  pool.on('error', () => {});
  // Nor may a connection in use: a server that sends an answer no query waits for (the demo's
  // database did, starved of CPU) makes pg emit 'error' on that client, which the pool does not
  // listen to while a read has it out. The read fails through its own query, as one line.
  pool.on('connect', (client) => client.on('error', () => {}));
  return {
    name,
    async read<T>(work: (query: Query) => Promise<T>): Promise<DbResult<T>> {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        await client.query('BEGIN READ ONLY');
        await client.query("SELECT set_config('statement_timeout', $1, true)", [`${cfg.statementTimeoutMs}ms`]);
        const c = client;
        const value = await work(async <R>(sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows as R[]);
        await client.query('COMMIT');
        client.release();
        return { ok: true, value, ms: ms() };
      } catch (err) {
        // A connection in an unknown state is not given back to the pool.
        client?.release(err instanceof Error ? err : true);
        const what = err instanceof DbProblem ? err.message : describeDbError(err, cfg);
        return { ok: false, reason: `database ${name}: ${what}`, ms: ms() };
      }
    },
    close: () => pool.end(),
  };
}
