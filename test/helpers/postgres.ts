// A real PostgreSQL (Debian's `postgresql`) for the database tests: installed
// if missing (as root), a cluster made by initdb in a temp dir as the
// `postgres` user when the tests run as root (PostgreSQL refuses to run as
// root), started by pg_ctl on a free loopback port with its socket in the same
// dir, and stopped by its PID at the end. Not installable means the tests
// fail, never skip.

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './stack.js';
import { waitFor } from './wait.js';

const ROOT = '/usr/lib/postgresql';

function binDir(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(ROOT, versions[0], 'bin') : undefined;
}

export function ensurePostgres(): string {
  let bin = binDir();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  bin = binDir();
  if (!bin) throw new Error(`apt-get installed postgresql but no initdb is under ${ROOT}/*/bin`);
  return bin;
}

export interface Postgres {
  port: number;
  /** The read-only role gptmon connects as, with its password in the URL. */
  url: string;
  /** The same without the password (for password_file and auth tests). */
  urlWithoutPassword: string;
  password: string;
  dir: string;
  pid: number;
  /** Runs SQL as the superuser (to seed, to make bad tables), in `trader` unless another database is named. */
  admin(sql: string, params?: unknown[], database?: string): Promise<pg.QueryResult>;
  /** The gptmon role's URL for another database of the cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function run(bin: string, program: string, args: string[]): string {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  return execFileSync(cmd as string, argv as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startPostgres(): Promise<Postgres> {
  const bin = ensurePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'gptmon-pg-'));
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const superPassword = 'super-secret';
  const password = 'gptmon-secret';
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${superPassword}\n`);
  if (asRoot()) execFileSync('chown', ['postgres', pwfile]);
  const data = join(dir, 'data');
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const log = join(dir, 'postgres.log');
  run(bin, 'pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`]);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);

  const superUrl = `postgres://postgres:${superPassword}@127.0.0.1:${port}`;
  const admin = async (sql: string, params: unknown[] = [], database = 'trader') => {
    const client = new pg.Client({ connectionString: `${superUrl}/${database}` });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  await waitFor(`PostgreSQL on port ${port} (log: ${log})`, async () => (await admin('SELECT 1', [], 'postgres')).rowCount === 1, 20_000);
  await admin('CREATE DATABASE trader', [], 'postgres');
  await admin(`CREATE ROLE gptmon LOGIN PASSWORD '${password}'`);
  await admin('CREATE SCHEMA performance');
  await admin('GRANT USAGE ON SCHEMA performance TO gptmon');
  await admin('ALTER DEFAULT PRIVILEGES IN SCHEMA performance GRANT SELECT ON TABLES TO gptmon');

  let stopped = false;
  return {
    port,
    url: `postgres://gptmon:${password}@127.0.0.1:${port}/trader`,
    urlWithoutPassword: `postgres://gptmon@127.0.0.1:${port}/trader`,
    password,
    dir,
    pid,
    admin,
    urlFor: (database) => `postgres://gptmon:${password}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(pid, 'SIGINT'); // fast shutdown: disconnect clients, stop
        await waitFor(`PostgreSQL (pid ${pid}) to stop`, () => {
          try {
            process.kill(pid, 0);
            return false;
          } catch {
            return true;
          }
        }, 20_000, 100);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The contract's table, as the trader has it. */
export const PREDICTIONS_DDL = `CREATE TABLE performance.predictions (
  id bigserial PRIMARY KEY,
  prediction_time timestamptz NOT NULL,
  model_id text NOT NULL,
  predicted integer NOT NULL,
  actual integer,
  confidence double precision NOT NULL
)`;
