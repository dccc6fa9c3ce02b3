// `gptmon review models` against a real PostgreSQL: the figures by day and
// model as computed here independently, the flags and exit codes, the
// session's safety (read only, statement timeout, application_name), and
// each bad database as one line naming it with its password masked.

import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { modelReviewLines, openDatabase, readModelDays } from '../../src/review/model-days.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { PREDICTIONS_DDL, startPostgres, type Postgres } from '../helpers/postgres.js';
import { freePort } from '../helpers/stack.js';
import { useTempDir } from '../helpers/temp.js';
import { expectedDays, insertSql, makeRows, type DayPlan } from './seed-predictions.js';

const tmp = useTempDir();
let db: Postgres;

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'];
const calm: DayPlan[] = DAYS.flatMap((day, i) => [
  { day, model: 'alpha-v2', resolved: 200, correct: 122 + (i % 3) * 2, confidenceMean: 0.7, confidenceSpread: 0.1 },
  { day, model: 'beta-v1', resolved: 150, correct: 89 + (i % 2) * 3, pending: i % 2 ? 5 : 0, confidenceMean: 0.65, confidenceSpread: 0.1 },
]);
// The day things go wrong: alpha under its critical line and 12+ points down, beta's confidence spread more than doubled.
const bad: DayPlan[] = [
  { day: '2026-03-08', model: 'alpha-v2', resolved: 200, correct: 100, confidenceMean: 0.7, confidenceSpread: 0.1 },
  { day: '2026-03-08', model: 'beta-v1', resolved: 150, correct: 90, confidenceMean: 0.65, confidenceSpread: 0.25 },
];
const rows = makeRows([...calm, ...bad]);
const expected = expectedDays(rows);

beforeAll(async () => {
  db = await startPostgres();
  await db.admin(PREDICTIONS_DDL);
  const { sql, params } = insertSql(rows);
  await db.admin(sql, params);
  // A table gptmon may write to, to show that it still does not.
  await db.admin('CREATE TABLE performance.scratch (x int)');
  await db.admin('GRANT INSERT ON performance.scratch TO gptmon');
  // The bad databases: without the table, with other column types, and a table that answers slowly.
  for (const name of ['empty', 'oddtypes', 'slow']) {
    await db.admin(`CREATE DATABASE ${name}`);
    await db.admin('CREATE SCHEMA performance', [], name);
    await db.admin('GRANT USAGE ON SCHEMA performance TO gptmon', [], name);
  }
  await db.admin('CREATE TABLE performance.predictions (prediction_time timestamptz, model_id text, predicted integer, actual text, confidence text)', [], 'oddtypes');
  await db.admin('GRANT SELECT ON performance.predictions TO gptmon', [], 'oddtypes');
  await db.admin(PREDICTIONS_DDL.replace('performance.predictions', 'performance.base'), [], 'slow');
  await db.admin("INSERT INTO performance.base (prediction_time, model_id, predicted, actual, confidence) VALUES ('2026-03-08T12:00:00Z', 'a', 1, 1, 0.5)", [], 'slow');
  await db.admin('CREATE VIEW performance.predictions AS SELECT b.* FROM performance.base b, LATERAL (SELECT pg_sleep(3)) s', [], 'slow');
  await db.admin('GRANT SELECT ON performance.predictions, performance.base TO gptmon', [], 'slow');
}, 120_000);

afterAll(async () => db?.stop());

const inWindow = (until: string, days: number) => expected.filter((e) => e.day <= until && e.day > new Date(Date.parse(`${until}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10));

interface JsonReview {
  ok: boolean;
  rows: Array<{ day: string; modelId: string; predictions: number; resolved: number; accuracy: number | null; confidenceMean: number; confidenceStd: number | null }>;
  flags: Array<{ kind: string; day: string; modelId: string; level: string; message: string }>;
  database: string;
}

function expectFigures(got: JsonReview['rows'], want: ReturnType<typeof inWindow>): void {
  expect(got.map((r) => [r.day, r.modelId, r.predictions, r.resolved])).toEqual(want.map((e) => [e.day, e.modelId, e.predictions, e.resolved]));
  got.forEach((r, i) => {
    const e = want[i]!;
    expect(r.accuracy, `${r.day} ${r.modelId} accuracy`).toBeCloseTo(e.accuracy!, 10);
    expect(r.confidenceMean, `${r.day} ${r.modelId} confidence mean`).toBeCloseTo(e.confidenceMean, 10);
    expect(r.confidenceStd, `${r.day} ${r.modelId} confidence sd`).toBeCloseTo(e.confidenceStd!, 10);
  });
}

describe('review models on a real PostgreSQL', () => {
  it('a calm week: the figures by day and model as computed here, no flags, exit 0', async () => {
    const r = await runCli(['review', 'models', '--json', '--until', '2026-03-07', '--database', db.url]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonReview;
    expect(doc.ok).toBe(true);
    expectFigures(doc.rows, inWindow('2026-03-07', 7));
    expect(doc.rows).toHaveLength(14);
    expect(doc.flags).toEqual([]);
    expect(doc.database).toBe(`postgres://gptmon:***@127.0.0.1:${db.port}/trader`);
    expect(r.stdout + r.stderr).not.toContain(db.password);
  });

  it('the bad day: under the line, a drop of more than 5 points and a doubled spread, exit 1', async () => {
    const r = await runCli(['review', 'models', '--json', '--days', '3', '--until', '2026-03-08', '--database', db.url]);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReview;
    expectFigures(doc.rows, inWindow('2026-03-08', 3));
    expect(doc.flags.map((f) => [f.day, f.modelId, f.kind, f.level])).toEqual([
      ['2026-03-08', 'alpha-v2', 'below-line', 'critical'],
      ['2026-03-08', 'alpha-v2', 'drop', 'warning'],
      ['2026-03-08', 'beta-v1', 'spread', 'warning'],
    ]);
    const alphaBefore = expected.find((e) => e.day === '2026-03-07' && e.modelId === 'alpha-v2')!.accuracy!;
    expect(doc.flags[1]!.message).toBe(`accuracy fell ${((alphaBefore - 0.5) * 100).toFixed(1)} points (${(alphaBefore * 100).toFixed(1)}% on 2026-03-07)`);
  });

  it('as text: the table and the flags in 80 columns', async () => {
    const r = await runCli(['review', 'models', '--days', '2', '--until', '2026-03-08', '--database', db.url]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe('Model performance 2026-03-07 to 2026-03-08 (UTC), from performance.predictions');
    expect(lines[1]).toBe(`database postgres://gptmon:***@127.0.0.1:${db.port}/trader`);
    expect(r.stdout).toMatch(/^2026-03-08 {2}alpha-v2 +200 +50\.0% +0\.\d\d +0\.\d{3} {2}LOW DROP$/m);
    expect(r.stdout).toMatch(/^2026-03-08 {2}beta-v1 +150 +60\.0% +0\.\d\d +0\.\d{3} {2}SPREAD$/m);
    expect(r.stdout).toContain('3 flags (under 55.0%, a fall of over 5 points, confidence spread x2):');
    expect(r.stdout).toContain('  2026-03-08 alpha-v2: accuracy 50.0% under the critical line (52.0%)');
    expect(r.stdout).not.toContain(db.password);
  });

  it('the accuracy line comes from the same config as the alerts', async () => {
    const config = tmp.file('gptmon.yaml', `metrics:\n  model_accuracy:\n    threshold_warning: 63%\n    threshold_critical: 40%\ndatabase: ${db.url}\n`);
    const r = await runCli(['--config', config, 'review', 'models', '--json', '--days', '1', '--until', '2026-03-07']);
    const doc = JSON.parse(r.stdout) as JsonReview;
    // 2026-03-07: alpha at 62%, beta at 59.3%, both under a 63% line.
    expect(doc.flags.map((f) => [f.modelId, f.kind, f.level])).toEqual([
      ['alpha-v2', 'below-line', 'warning'],
      ['beta-v1', 'below-line', 'warning'],
    ]);
    expect(r.code).toBe(1);
  });

  it('the password from password_file, the database from the config; a window with no predictions is exit 3', async () => {
    const pass = tmp.file('db-pass', `${db.password}\n`);
    const config = tmp.file('gptmon.yaml', `database:\n  url: ${db.urlWithoutPassword}\n  password_file: ${pass}\n  statement_timeout: 2s\n`);
    const r = await runCli(['--config', config, 'review', 'models', '--days', '2', '--until', '2026-03-02']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2026-03-01  alpha-v2');
    const none = await runCli(['--config', config, 'review', 'models', '--days', '7']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^gptmon review models: no predictions from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: nothing to review\n$/);
    const shown = await runCli(['--config', config, 'config', 'show']);
    expect(shown.stdout).toContain(`# database      ${db.urlWithoutPassword}  (from file ${config}; read-only, password from ${pass})`);
    expect(shown.stdout).not.toContain(db.password);
  });

  it('readModelDays, the daily review\'s way in: one day, compared with the day before it', async () => {
    const { config } = loadConfig({ database: db.url }, { HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir() });
    const handle = openDatabase(config.database!);
    try {
      const read = await readModelDays(handle, { days: 1, until: '2026-03-08', lines: modelReviewLines(config) });
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.rows.map((r) => r.modelId)).toEqual(['alpha-v2', 'beta-v1']);
      expect(read.flags.map((f) => f.kind)).toEqual(['below-line', 'drop', 'spread']);
    } finally {
      await handle.close();
    }
  });

  it('reads in a read-only transaction, with the statement timeout and as application gptmon', async () => {
    const { config } = loadConfig({ database: db.url }, { HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir() });
    const handle = openDatabase(config.database!);
    try {
      const seen = await handle.read(async (q) => ({
        settings: await q<{ ro: string; timeout: string; app: string }>("SELECT current_setting('transaction_read_only') AS ro, current_setting('statement_timeout') AS timeout, current_setting('application_name') AS app"),
        activity: await q<{ application_name: string }>('SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()'),
      }));
      expect(seen).toMatchObject({ ok: true, value: { settings: [{ ro: 'on', timeout: '5s', app: 'gptmon' }], activity: [{ application_name: 'gptmon' }] } });
      // The role may insert into scratch; gptmon's session still cannot.
      const write = await handle.read((q) => q('INSERT INTO performance.scratch VALUES ($1)', [1]));
      expect(write).toMatchObject({ ok: false });
      expect(!write.ok && write.reason).toBe(`database postgres://gptmon:***@127.0.0.1:${db.port}/trader: refused a write in a read-only transaction: cannot execute INSERT in a read-only transaction`);
      expect((await db.admin('SELECT count(*)::int AS n FROM performance.scratch')).rows[0]).toEqual({ n: 0 });
    } finally {
      await handle.close();
    }
  });
});

describe('a bad database is one line naming it, the password masked, exit 3', () => {
  async function expectOneLine(args: string[], reason: RegExp, url: string) {
    const r = await runCli(['review', 'models', '--until', '2026-03-08', ...args], { timeoutMs: 15_000 });
    expect(r.code, r.stderr).toBe(3);
    expectNoStack(r.stderr);
    expect(r.stdout).toBe('');
    const masked = url.replace(/:[^:@/]+@/, ':***@');
    expect(r.stderr.startsWith(`gptmon review models: database ${masked}: `), r.stderr).toBe(true);
    expect(r.stderr.endsWith('\n') && r.stderr.split('\n').length === 2, r.stderr).toBe(true);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).not.toContain(db.password);
    expect(r.stderr).not.toContain('wrong-secret');
    return r;
  }

  it('refuses: nothing listens on the port', async () => {
    const url = `postgres://gptmon:${db.password}@127.0.0.1:${await freePort()}/trader`;
    await expectOneLine(['--database', url], /: connection refused \(is PostgreSQL listening there\?\)$/m, url);
  });

  it('times out: a socket that accepts and never answers (connect timeout)', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const url = `postgres://gptmon:${db.password}@127.0.0.1:${port}/trader`;
      const config = tmp.file('gptmon.yaml', `database:\n  url: ${url}\n  connect_timeout: 1s\n`);
      await expectOneLine(['--config', config], /: no answer within 1s while connecting \(connect timeout\)$/m, url);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('times out: a query past the statement timeout is cancelled by the server', async () => {
    const url = db.urlFor('slow');
    const config = tmp.file('gptmon.yaml', `database:\n  url: ${url}\n  statement_timeout: 1s\n`);
    await expectOneLine(['--config', config], /: the query ran past the statement timeout \(1s\) and was cancelled$/m, url);
  });

  it('lacks the table', async () => {
    const url = db.urlFor('empty');
    await expectOneLine(['--database', url], /: table performance\.predictions does not exist \(or this user may not read it\)$/m, url);
  });

  it('has the table with other column types, and says which', async () => {
    const url = db.urlFor('oddtypes');
    await expectOneLine(['--database', url], /: table performance\.predictions: column actual is text, expected integer; column confidence is text, expected double precision$/m, url);
  });

  it('a wrong password', async () => {
    const url = `postgres://gptmon:wrong-secret@127.0.0.1:${db.port}/trader`;
    await expectOneLine(['--database', url], /: authentication failed \(password authentication failed for user "gptmon"\): check password_file or the URL$/m, url);
  });

  it('no password at all, and a password file that is not there', async () => {
    await expectOneLine(['--database', db.urlWithoutPassword], /: the server asks for a password and none was given/m, db.urlWithoutPassword);
    const config = tmp.file('gptmon.yaml', `database:\n  url: ${db.urlWithoutPassword}\n  password_file: ${tmp.dir()}/nope\n`);
    await expectOneLine(['--config', config], /: cannot read password_file .*\/nope: no such file$/m, db.urlWithoutPassword);
  });

  it('a database that does not exist', async () => {
    const url = db.urlFor('nosuchdb');
    await expectOneLine(['--database', url], /: database "nosuchdb" does not exist$/m, url);
  });

  it('no database configured at all', async () => {
    const r = await runCli(['review', 'models']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('gptmon review models: no database: give --database URL, set GPTMON_DATABASE_URL, or add database: to the config\n');
  });
});
