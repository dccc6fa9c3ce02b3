// A config mistake degrades, never blocks: the engineer at 3 a.m. can still
// read the status and halt trading; `config check` stays strict.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const TOKEN = 'degrade-token';
const tmp = useTempDir();
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: TOKEN, seed: 3 });
});
afterAll(async () => {
  await sim.close();
});

const env = () => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: 'ana', GPTMON_TOKEN: TOKEN });

describe('a config mistake degrades', () => {
  it('an unknown key is a warning naming its place; status and halt --dry-run still run', async () => {
    const file = tmp.file('gptmon.yaml', `trader: ${sim.url}\ntraderr: http://typo:1\n`);
    const status = await runCli(['status', '--config', file], { env: env() });
    expect(status.stderr).toContain(`${file}:2:1: traderr: unknown key "traderr" (did you mean trader?) (ignored)`);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^GPT-Trader OK/);
    const halt = await runCli(['halt', '--dry-run', '--config', file], { env: env() });
    expect(halt.code).toBe(0);
    expect(halt.stdout).toContain(`POST ${sim.url}/admin/halt`);
    expect(halt.stderr).toContain('ignoring problems in traderr');
    expectNoStack(halt.stderr);
  });

  it('a bad threshold keeps the playbook value and says so; the controls ignore it', async () => {
    const file = tmp.file('gptmon.yaml', `trader: ${sim.url}\nmetrics:\n  portfolio_drawdown:\n    threshold_warning: lots\n  memory_usage:\n    threshold_warning: 0.95\n    threshold_critical: 0.9\nalerts:\n  - alert: ExcessiveDrawdown\n    condition: portfolio_drawdown >> 0.3\n`);
    const status = await runCli(['status', '--config', file], { env: env() });
    expect(status.stderr).toContain(`${file}:4:24: metrics.portfolio_drawdown.threshold_warning: expected a number like 0.55, 80% or 500ms, got "lots" (ignored)`);
    expect(status.stderr).toMatch(/metrics\.memory_usage: threshold_critical \(0\.9\) must be above threshold_warning \(0\.95\).*\(ignored\)/);
    expect(status.stderr).toMatch(/alerts\[0\]\.condition: .*\(ignored\)/);
    expect(status.code).toBe(0);
    // The built-in lines are still in force.
    expect(status.stdout).toMatch(/^Drawdown +\d+\.\d% +OK +>10│15%$/m);
    expect(status.stdout).toMatch(/^Memory +\d+\.\d% +OK +>80│90%$/m);
    const rules = await runCli(['rules', 'export', '--config', file], { env: env() });
    expect(rules.stdout).toContain('expr: portfolio_drawdown > 0.15');

    const halt = await runCli(['halt', '--confirm', '--reason', 'test', '--config', file], { env: env() });
    expect(halt.stderr).toMatch(/gptmon halt: ignoring problems in metrics, alerts of .*gptmon\.yaml/);
    expect(halt.code).toBe(0);
    expect(halt.stdout).toMatch(/^halt: verified/);
    await fetch(`${sim.url}/admin/resume`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
  });

  it('config check stays strict: exit 1 on a warning', async () => {
    const file = tmp.file('gptmon.yaml', `trader: ${sim.url}\ntraderr: http://typo:1\n`);
    const r = await runCli(['config', 'check', file], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${file}:2:1: traderr: unknown key "traderr" (did you mean trader?)\n`);
  });

  it('what makes the target unknowable still stops every command', async () => {
    const file = tmp.file('gptmon.yaml', 'trader: not a url\n');
    for (const args of [['status'], ['halt', '--confirm']]) {
      const r = await runCli([...args, '--config', file], { env: env() });
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toContain(`${file}:1:9: trader: not a URL`);
    }
  });
});

describe('credentials in URLs are never printed', () => {
  it('config show and error messages mask the password', async () => {
    const file = tmp.file('gptmon.yaml', 'trader: http://ops:hunter2@127.0.0.1:1\nprometheus: http://ops:hunter2@127.0.0.1:2\nalertmanager: https://ops:hunter2@am.example:9093\n');
    const show = await runCli(['config', 'show', '--config', file], { env: env() });
    expect(show.code).toBe(0);
    expect(show.stdout).not.toContain('hunter2');
    expect(show.stdout).toContain('http://ops:***@127.0.0.1:1');
    expect(show.stdout).toContain('https://ops:***@am.example:9093');
    const bad = tmp.file('bad.yaml', 'trader: ftp://ops:hunter2@host\n');
    const check = await runCli(['config', 'check', bad], { env: env() });
    expect(check.stdout).toContain('ftp://ops:***@host');
    expect(check.stdout + check.stderr).not.toContain('hunter2');
    const status = await runCli(['status', '--config', file], { env: env() });
    expect(status.stdout + status.stderr).not.toContain('hunter2');
  });
});
