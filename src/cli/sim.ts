// `gptmon sim`: runs the GPT-Trader stand-in until interrupted. Options arrive
// as strings from commander; bad ones get one line on stderr and exit 2.
import { randomBytes } from 'node:crypto';
import { type RunningSim, SCENARIOS, SIM_MODEL_IDS, startSim } from '../sim/index.js';
import { writeErr, writeOut } from './output.js';

export interface SimCliOptions {
  port?: string;
  host?: string;
  scenario?: string;
  seed?: string;
  token?: string;
  speed?: string;
  list?: boolean;
  /** false with --no-db: no embedded database (it costs seconds of CPU to start). */
  db?: boolean;
  dbPort?: string;
  /** Stop when stdin closes: the process that started this one has gone. */
  withParent?: boolean;
}

/** Seams for tests; the command line uses the defaults. */
export interface SimCliIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Stops the server like SIGINT does. */
  signal?: AbortSignal;
  /** Called once listening, with the base URL. */
  onListening?: (url: string) => void;
}

class UsageError extends Error {}

interface Settings {
  host: string;
  port: number;
  scenario: string;
  seed: number;
  speed: number;
  token: string;
  tokenSource: string;
  /** The database's port; undefined: 5433, else any free one. */
  dbPort: number | undefined;
  db: boolean;
}

/** The database's port when none is asked for: PostgreSQL's own plus one, so a real one on 5432 is left alone. */
const DEFAULT_DB_PORT = 5433;

export async function runSim(opts: SimCliOptions, io: SimCliIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => writeOut(line + '\n'));
  const err = io.err ?? ((line: string) => writeErr(line + '\n'));
  if (opts.list === true) {
    const width = Math.max(...SCENARIOS.map((s) => s.name.length));
    for (const s of SCENARIOS) out(`${s.name.padEnd(width)}  ${s.description}`);
    return 0;
  }
  let settings: Settings;
  try {
    settings = parseOptions(opts, io.env ?? process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`gptmon sim: ${e.message}`);
    return 2;
  }

  let sim: RunningSim;
  const { host, port, scenario, seed, speed, token } = settings;
  const start = (dbPort: number | undefined) => startSim({ host, port, scenario, seed, speed, token, ...(dbPort !== undefined ? { database: { port: dbPort } } : {}) });
  try {
    try {
      sim = await start(settings.db ? (settings.dbPort ?? DEFAULT_DB_PORT) : undefined);
    } catch (e) {
      // The default database port is taken (another sim): any free one will do.
      if (!(settings.db && settings.dbPort === undefined && (e as { dbPort?: number }).dbPort !== undefined)) throw e;
      sim = await start(0);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'address already in use' : e instanceof Error ? e.message : String(e);
    const dbPort = (e as { dbPort?: number }).dbPort;
    err(`gptmon sim: cannot listen on ${settings.host}:${dbPort ?? settings.port}${dbPort !== undefined ? ' for the database' : ''}: ${why}`);
    return 1;
  }

  const { url } = sim;
  const description = SCENARIOS.find((s) => s.name === settings.scenario)?.description ?? '';
  out(`gptmon sim listening on ${url}`);
  out(`scenario: ${settings.scenario} - ${description}`);
  out(`seed: ${settings.seed}, speed: ${settings.speed}x`);
  out(`token: ${settings.token} (${settings.tokenSource})`);
  out(`switch scenario: curl -X POST ${url}/sim/scenario -d '{"name":"drawdown"}'`);
  out(`scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const db = sim.database;
  if (db) out(`database: ${db.url} (embedded PostgreSQL, starting in the background; --no-db for none)`);
  out(`watch it: GPTMON_TRADER_URL=${url} GPTMON_TOKEN=${settings.token}${db ? ` GPTMON_DATABASE_URL=${db.url}` : ''} gptmon tui`);
  out('stop with Ctrl-C');
  io.onListening?.(url);
  db?.ready.then(
    (r) => out(`database ready: ${r.rows.toLocaleString('en-US')} predictions of ${Object.values(SIM_MODEL_IDS).join(' and ')} (took ${(r.ms / 1000).toFixed(1)}s); try: gptmon review models --database ${db.url}`),
    (e: unknown) => db.state() === 'failed' && err(`gptmon sim: the database could not start: ${e instanceof Error ? e.message : String(e)} (the trader runs on without it)`),
  );

  await untilStopped(io.signal, opts.withParent === true);
  await sim.close();
  err('gptmon sim: stopped');
  return 0;
}

function untilStopped(signal: AbortSignal | undefined, withParent: boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdin.off('end', stop);
      process.stdin.off('error', stop);
      // A stdin still read would keep the process from exiting once stopped.
      if (withParent) process.stdin.destroy();
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (withParent) {
      // The pipe closes when its parent exits, however it exits (kill -9 included).
      process.stdin.once('end', stop);
      process.stdin.once('error', stop);
      process.stdin.resume();
    }
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

function parseOptions(opts: SimCliOptions, env: NodeJS.ProcessEnv): Settings {
  const host = (opts.host ?? '127.0.0.1').trim();
  if (host === '') throw new UsageError('--host must not be empty');

  const port = integer(opts.port ?? '8080', '--port', 0, 65535);
  const seed = integer(opts.seed ?? '1', '--seed', 0, 4294967295);

  const scenario = opts.scenario ?? 'calm';
  if (!SCENARIOS.some((s) => s.name === scenario)) {
    throw new UsageError(`unknown scenario "${scenario}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  }

  const speedText = (opts.speed ?? '1').trim();
  const speed = Number(speedText);
  if (!/^\d*\.?\d+$/.test(speedText) || !(speed > 0 && speed <= 10_000)) {
    throw new UsageError(`--speed must be a number above 0 and at most 10000, got "${opts.speed}"`);
  }

  let token: string;
  let tokenSource: string;
  if (opts.token !== undefined) {
    token = checkToken(opts.token, '--token');
    tokenSource = 'from --token';
  } else if (env.GPTMON_TOKEN !== undefined && env.GPTMON_TOKEN !== '') {
    token = checkToken(env.GPTMON_TOKEN, 'GPTMON_TOKEN');
    tokenSource = 'from GPTMON_TOKEN';
  } else {
    token = randomBytes(16).toString('hex');
    tokenSource = 'generated; pass --token or set GPTMON_TOKEN to choose one';
  }
  const dbPort = opts.dbPort === undefined ? undefined : integer(opts.dbPort, '--db-port', 0, 65535);
  return { host, port, scenario, seed, speed, token, tokenSource, dbPort, db: opts.db !== false };
}

function integer(text: string, name: string, min: number, max: number): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

// The token travels in an HTTP header: printable ASCII without spaces only.
function checkToken(token: string, name: string): string {
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError(`${name} must be printable ASCII without spaces`);
  return token;
}
