// `gptmon review daily` with the trader's database: the day's rows of model
// performance from a real PostgreSQL (figures computed here independently),
// their flags counted as issues (the exit code moves with them), as text in
// 80 columns, Markdown and JSON; a dead database or one without the table is
// one line naming it (password masked) with the rest of the review printed;
// no database configured is one line and no issue. The weekly checklist's
// model items from the same database over 7 days.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { PREDICTIONS_DDL, startPostgres, type Postgres } from '../helpers/postgres.js';
import { freePort } from '../helpers/stack.js';
import { useTempDir } from '../helpers/temp.js';
import { expectedDays, insertSql, makeRows, type DayPlan } from './seed-predictions.js';

const tmp = useTempDir();
let db: Postgres;
let sim: RunningSim;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TODAY = day(0);
const YESTERDAY = day(-1);
const plan = (d: string, alpha: number, betaSpread: number): DayPlan[] => [
  { day: d, model: 'alpha-v2', resolved: 200, correct: alpha, confidenceMean: 0.7, confidenceSpread: 0.1 },
  { day: d, model: 'beta-v1', resolved: 150, correct: 90, confidenceMean: 0.65, confidenceSpread: betaSpread },
];
// `trader`: a calm yesterday and today. `bad`: today alpha falls under its line and beta's spread more than doubles.
const calmRows = makeRows([...plan(YESTERDAY, 124, 0.1), ...plan(TODAY, 122, 0.1)]);
const badRows = makeRows([...plan(YESTERDAY, 124, 0.1), ...plan(TODAY, 100, 0.25)]);

beforeAll(async () => {
  [db, sim] = await Promise.all([startPostgres(), startSim({ port: 0, token: 'test-token', seed: 7, manualClock: true })]);
  sim.advance(30);
  await db.admin(PREDICTIONS_DDL);
  const calm = insertSql(calmRows);
  await db.admin(calm.sql, calm.params);
  for (const name of ['bad', 'empty']) {
    await db.admin(`CREATE DATABASE ${name}`);
    await db.admin('CREATE SCHEMA performance', [], name);
    await db.admin('GRANT USAGE ON SCHEMA performance TO gptmon', [], name);
  }
  await db.admin(PREDICTIONS_DDL, [], 'bad');
  await db.admin('GRANT SELECT ON performance.predictions TO gptmon', [], 'bad');
  const bad = insertSql(badRows);
  await db.admin(bad.sql, bad.params, 'bad');
}, 120_000);

afterAll(async () => {
  await Promise.all([db?.stop(), sim?.close()]);
});

const env = () => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: 'ana' });
const review = (database: string, ...more: string[]) => runCli(['review', 'daily', '--trader', sim.url, '--database', database, ...more], { env: env(), timeoutMs: 20_000 });

interface JsonReview {
  code: number;
  issues: string[];
  models: { state: string; database?: string; reason?: string; rows?: Array<{ modelId: string; predictions: number; accuracy: number; confidenceMean: number; confidenceStd: number }> };
}

describe('the daily review with the trader\'s database', () => {
  it('a calm day: today\'s rows by model, as computed here, no flags and exit 0; text in 80 columns, JSON, Markdown', async () => {
    const r = await review(db.url);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain(`Model performance ${TODAY} (UTC), from performance.predictions`);
    expect(r.stdout).toContain(`database postgres://gptmon:***@127.0.0.1:${db.port}/trader`);
    expect(r.stdout).toMatch(new RegExp(`^${TODAY} {2}alpha-v2 +200 +61\\.0% +0\\.\\d\\d +0\\.\\d{3}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^${TODAY} {2}beta-v1 +150 +60\\.0% +0\\.\\d\\d +0\\.\\d{3}$`, 'm'));
    expect(r.stdout).not.toContain(db.password);

    const j = await review(db.url, '--json');
    const doc = JSON.parse(j.stdout) as JsonReview;
    const want = expectedDays(calmRows).filter((e) => e.day === TODAY);
    expect(doc.models.state).toBe('read');
    expect(doc.models.rows!.map((x) => [x.modelId, x.predictions])).toEqual(want.map((e) => [e.modelId, e.predictions]));
    doc.models.rows!.forEach((x, i) => {
      expect(x.accuracy).toBeCloseTo(want[i]!.accuracy!, 10);
      expect(x.confidenceMean).toBeCloseTo(want[i]!.confidenceMean, 10);
      expect(x.confidenceStd).toBeCloseTo(want[i]!.confidenceStd!, 10);
    });
    expect(doc.issues).toEqual([]);

    const out = tmp.file('report.md', '');
    expect((await review(db.url, '-o', out)).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('## Model performance');
    expect(md).toMatch(/^\| alpha-v2 \| 200 \| 61\.0% \| 0\.\d\d \| 0\.\d{3} \|  \|$/m);
    expect(md).toContain('No flags.');
  }, 60_000);

  it('a bad day: each flag is an issue, and the exit is 1', async () => {
    const r = await review(db.urlFor('bad'));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${TODAY} {2}alpha-v2 +200 +50\\.0% .* {2}LOW DROP$`, 'm'));
    expect(r.stdout).toMatch(/^issues \(3\):$/m);
    expect(r.stdout).toContain('  - Model alpha-v2: accuracy 50.0% under the critical line (52.0%)');
    expect(r.stdout).toMatch(/^ {2}- Model alpha-v2: accuracy fell 12\.0 points \(62\.0% on \d{4}-\d\d-\d\d\)$/m);
    expect(r.stdout).toMatch(/^ {2}- Model beta-v1: confidence spread 0\.\d{3}, \d\.\dx /m);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  }, 30_000);

  it('a database that refuses: one line naming it, the password masked; the rest of the review printed, exit 1 not 3', async () => {
    const url = `postgres://gptmon:${db.password}@127.0.0.1:${await freePort()}/trader`;
    const r = await review(url);
    expectNoStack(r.stderr);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    // One line, wrapped at 80 columns: its continuation is indented.
    const port = new URL(url).port;
    const text = r.stdout.replace(/\n {2}(?!- )/g, ' ');
    expect(text.split('\n').filter((l) => l.includes('postgres://'))).toEqual([`model performance: database postgres://gptmon:***@127.0.0.1:${port}/trader: connection refused (is PostgreSQL listening there?)`]);
    expect(r.stdout).toMatch(/^Win rate +\d+\.\d% \(now, \d+s old\)  ok$/m);
    expect(r.stdout).toMatch(/^risk limits \(now\/limit\): /m);
    expect(r.stdout).toContain('  - Model performance could not be read from the database');
    expect(r.stdout + r.stderr).not.toContain(db.password);
  }, 30_000);

  it('a database without the table: one line saying so, the rest printed', async () => {
    const r = await review(db.urlFor('empty'), '--json');
    const doc = JSON.parse(r.stdout) as JsonReview;
    expect(doc.code).toBe(1);
    expect(doc.models).toEqual({ state: 'failed', database: `postgres://gptmon:***@127.0.0.1:${db.port}/empty`, reason: `database postgres://gptmon:***@127.0.0.1:${db.port}/empty: table performance.predictions does not exist (or this user may not read it)` });
    expect(doc.issues).toEqual(['Model performance could not be read from the database']);
    expect(r.stdout).not.toContain(db.password);
  }, 30_000);

  it('no database configured: one line saying what it needs, not an issue', async () => {
    const r = await runCli(['review', 'daily', '--trader', sim.url], { env: env() });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^model performance: needs database: in the config \(or --database URL\)$/m);
  }, 30_000);
});

describe('the weekly checklist\'s model items from the database', () => {
  interface Item {
    n: number;
    text: string;
    evidence?: { lines: string[]; suggest: string };
  }
  const weekly = async (...args: string[]) => {
    const r = await runCli(['checklist', 'weekly', '--json', '--trader', sim.url, ...args], { env: env(), timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    const items = (JSON.parse(r.stdout) as { items: Item[] }).items;
    return { items, trends: items.find((i) => i.text === 'Analyze model performance trends')!, confidence: items.find((i) => i.text === 'Review prediction confidence distribution')!, out: r.stdout };
  };

  it('a calm week: each model\'s accuracy and confidence over the days, no flags, a suggested tick', async () => {
    const { trends, confidence } = await weekly('--database', db.url);
    expect(trends.evidence).toEqual({ suggest: 'tick', lines: [expect.stringMatching(/^alpha-v2: accuracy 62\.0% → 61\.0% over 2 day\(s\), low 61\.0%$/), 'beta-v1: accuracy 60.0% → 60.0% over 2 day(s), low 60.0%', `no flags ${day(-6)} to ${TODAY} (gptmon review models)`] });
    const sd = expectedDays(calmRows).filter((e) => e.modelId === 'beta-v1').sort((a, b) => (a.day < b.day ? -1 : 1)).map((e) => e.confidenceStd!.toFixed(3));
    expect(confidence.evidence!.suggest).toBe('tick');
    expect(confidence.evidence!.lines[1]).toBe(`beta-v1: confidence mean 0.${expectedDays(calmRows).find((e) => e.day === TODAY && e.modelId === 'beta-v1')!.confidenceMean.toFixed(2).slice(2)}, sd ${sd[0]} → ${sd[1]} over 2 day(s)`);
  }, 30_000);

  it('a week with flags: LOOK, with the flags of each item\'s kind', async () => {
    const { trends, confidence } = await weekly('--database', db.urlFor('bad'));
    expect(trends.evidence!.suggest).toBe('look');
    expect(trends.evidence!.lines.slice(2)).toEqual([`${TODAY} alpha-v2: accuracy 50.0% under the critical line (52.0%)`, `${TODAY} alpha-v2: accuracy fell 12.0 points (62.0% on ${YESTERDAY})`]);
    expect(confidence.evidence!.suggest).toBe('look');
    expect(confidence.evidence!.lines.slice(2)).toEqual([expect.stringMatching(new RegExp(`^${TODAY} beta-v1: confidence spread 0\\.\\d{3}, \\d\\.\\dx ${YESTERDAY}'s 0\\.\\d{3}$`))]);
  }, 30_000);

  it('a dead database: not read, named with its password masked, LOOK; no database: by hand', async () => {
    const url = `postgres://gptmon:${db.password}@127.0.0.1:${await freePort()}/trader`;
    const dead = await weekly('--database', url);
    expect(dead.trends.evidence).toEqual({ suggest: 'look', lines: [`not read: database postgres://gptmon:***@127.0.0.1:${new URL(url).port}/trader: connection refused (is PostgreSQL listening there?)`] });
    expect(dead.out).not.toContain(db.password);
    const none = await weekly();
    expect(none.trends.evidence).toBeUndefined();
    expect(none.confidence.evidence).toBeUndefined();
    const text = await runCli(['checklist', 'weekly', '--trader', sim.url], { env: env() });
    expect(text.stdout).toMatch(/^ 1\. \[ \] Analyze model performance trends {2}\(by hand\)$/m);
  }, 30_000);
});
