// `gptmon review daily` against the simulator (no Prometheus: the values
// now, each marked with its age): the exit code for a day with and without
// issues and for nothing read, the alerts of the day from the flight
// recorder with who acknowledged them, --json, -o Markdown, and bad --date.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { deadPort } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: 'test-token', seed: 7, manualClock: true });
  sim.advance(30);
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.setScenario('calm');
  // Calm again: the values settle back inside their lines.
  sim.advance(120);
});

const env = () => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: 'ana' });

describe('gptmon review daily', () => {
  it('a calm day: exit 0, no issues, every figure the value now with its age, within 80 columns', async () => {
    const r = await runCli(['review', 'daily', '--trader', sim.url], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Daily review \d{4}-\d{2}-\d{2} UTC, 00:00–\d\d:\d\d so far: no issues$/m);
    expect(r.stdout).toContain('figures: the values now, not over the day (history needs Prometheus)');
    expect(r.stdout).toMatch(/^Trades +\d+ \(since the trader started, \d+s old\)$/m);
    expect(r.stdout).toMatch(/^Win rate +\d+\.\d% \(now, \d+s old\)  ok$/m);
    expect(r.stdout).toMatch(/^Accuracy +\d+\.\d% \(now, \d+s old\)  ok$/m);
    expect(r.stdout).toMatch(/^P&L +[+-]\$[\d.]+K?$/m);
    expect(r.stdout).toMatch(/^risk limits \(now\/limit\): Exposure \$[\d.]+K\/\$1\.00M ok/m);
    expect(r.stdout).toMatch(/^alerts fired in the last 24 h \(0\): none recorded \(watched since \d\d:\d\d\)$/m);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('a day with issues: low accuracy is listed and the exit is 1', async () => {
    sim.setScenario('model-degradation');
    sim.advance(120);
    const r = await runCli(['review', 'daily', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Accuracy +\d+\.\d% \(now, \d+s old\)  ISSUE$/m);
    expect(r.stdout).toMatch(/^ {2}- Low model accuracy: \d+\.\d\d% \(line 55%\)$/m);
  });

  it('risk limits passed: each one an issue, and the alerts of the day with how long and who acknowledged', async () => {
    sim.setScenario('risk-breach');
    sim.advance(40);
    const e = env();
    // Another gptmon saw them fire (and recorded it); ana acknowledged one.
    expect((await runCli(['alerts', '--trader', sim.url], { env: e })).stdout).toContain('RiskLimitExceeded');
    expect((await runCli(['alerts', '--trader', sim.url], { env: e })).stdout).toMatch(/RiskLimitExceeded limit=max_var firing/);
    expect((await runCli(['ack', 'RiskLimitExceeded', '--comment', 'reducing', '--trader', sim.url], { env: e })).code).toBe(0);
    const r = await runCli(['review', 'daily', '--trader', sim.url], { env: e });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  - Risk limit max_exposure passed: Exposure $');
    expect(r.stdout).toContain('  - Risk limit max_concentration passed: Concentration ');
    expect(r.stdout).toMatch(/^alerts fired in the last 24 h \(4\): \(watched since \d\d:\d\d\)$/m);
    expect(r.stdout).toMatch(/^ {2}\d\d:\d\d \S+\+ firing HIGH RiskLimitExceeded limit=max_var, acked by ana$/m);
  });

  it('--json: one document with the figures, where each came from, the issues and the code', async () => {
    const r = await runCli(['review', 'daily', '--json', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ basis: 'now', partial: true, issues: [], code: 0 });
    expect(doc.figures.win_rate).toMatchObject({ basis: 'now', value: expect.any(Number), at: expect.any(Number) });
    expect(doc.figures.trades.value).toBeGreaterThan(0);
    expect(doc.limits).toHaveLength(4);
    expect(doc.checks.map((c: { state: string }) => c.state)).toEqual(['ok', 'ok', 'ok']);
  });

  it('-o writes the review as Markdown, with the same exit code', async () => {
    const out = join(tmp.dir(), 'report.md');
    const r = await runCli(['review', 'daily', '-o', out, '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`to ${out}`);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Daily review \d{4}-\d{2}-\d{2}$/m);
    expect(md).toMatch(/^\| Win rate \| \d+\.\d% \(now, \d+s old\) \| ok \|$/m);
    expect(md).toContain('## Risk limits');
  });

  it('nothing could be read: exit 3, said, never "no issues"', async () => {
    const r = await runCli(['review', 'daily', '--trader', await deadPort()], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/: NOTHING READ$/m);
    expect(r.stdout).toMatch(/^Win rate +\? \(not read\)  UNKNOWN$/m);
    expect(r.stdout).not.toContain('no issues');
    expect(r.stdout.replace(/\n {2}/g, ' ')).toContain('alerts fired in the last 24 h (0): none recorded (no gptmon recorded the trader then: alerts may have gone unseen)');
  });

  it('a past day without Prometheus: nothing of that day can be read (exit 3), the reason said', async () => {
    const r = await runCli(['review', 'daily', '--date', '2026-01-05', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Daily review 2026-01-05 UTC, 00:00–24:00: NOTHING READ');
    expect(r.stdout).toContain('a past day needs Prometheus');
  });

  it('a bad or future --date: exit 2 with one line', async () => {
    for (const [date, said] of [['2026-02-30', 'expected a day as YYYY-MM-DD, got "2026-02-30"'], ['yesterday', 'got "yesterday"'], ['2999-01-01', '2999-01-01 is in the future']]) {
      const r = await runCli(['review', 'daily', '--date', date!, '--trader', sim.url], { env: env() });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(said);
      expectNoStack(r.stderr);
    }
  });
});
