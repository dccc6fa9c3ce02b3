import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the command line', () => {
  it('prints its version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('lists the commands of the contract in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['tui', 'status', 'alerts', 'ack', 'runbook', 'halt', 'resume', 'flatten', 'failover', 'sim', 'config']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    }
    for (const flag of ['--config', '--trader', '--prometheus', '--alertmanager', '--no-color', '--version']) expect(r.stdout).toContain(flag);
  });

  it('gives each command its own --help', async () => {
    const r = await runCli(['halt', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--confirm');
    expect(r.stdout).toContain('--reason');
  });

  it('tui on a pipe exits 2 and points at status', async () => {
    const r = await runCli(['tui']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('gptmon tui needs a terminal; in a script or a pipe use `gptmon status` or `gptmon alerts`\n');
  });

  it('exits 2 on an unknown command or option, with a hint', async () => {
    const a = await runCli(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("unknown command 'frobnicate'");
    const b = await runCli(['status', '--jsno']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("unknown option '--jsno'");
  });
});

describe('gptmon config', () => {
  it('check prints ok for a good file', async () => {
    const file = tmp.file('good.yaml', 'trader: http://127.0.0.1:9000\nmetrics:\n  memory_usage:\n    threshold_warning: 85%\n');
    expect(await runCli(['config', 'check', file])).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('check prints every problem as FILE:LINE:COL and exits 1, with no stack', async () => {
    const file = tmp.file('bad.yaml', 'metrics:\n  api_latency:\n    threshold_warning: 500xs\n  cpu_usage:\n    threshold_critical: 85\n    threshold_warning: 0.7\n    colour: red\n');
    const r = await runCli(['config', 'check', file]);
    expect(r.code).toBe(1);
    expectNoStack(r.stdout + r.stderr);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${file}:3:24: metrics.api_latency.threshold_warning: unknown unit "xs" in "500xs" (use %, ms, s or m, or a plain number)`,
      `${file}:7:5: metrics.cpu_usage.colour: unknown key "colour"`,
    ]);
  });

  it('check with no file checks what gptmon would use, the environment included', async () => {
    const file = tmp.file('env.yaml', 'read_only: yes please\n');
    const r = await runCli(['config', 'check'], { env: { GPTMON_CONFIG: file } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${file}:1:12: read_only: expected true or false, got "yes please"\n`);
  });

  it('show prints a config that config check accepts, and says where targets came from', async () => {
    const r = await runCli(['config', 'show', '--trader', 'http://10.0.0.5:8080'], { env: { GPTMON_PROMETHEUS_URL: 'http://prom:9090' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# trader        http://10.0.0.5:8080  (from flag)');
    expect(r.stdout).toContain('# prometheus    http://prom:9090  (from env)');
    expect(r.stdout).toContain('# alertmanager  none: acknowledgements are kept locally');
    expect(r.stdout).toContain('threshold_warning: 55%');
    expect(r.stdout).toContain('threshold_critical: 1000ms');
    const file = tmp.file('shown.yaml', r.stdout);
    expect(await runCli(['config', 'check', file])).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('show names an Alertmanager cluster, and writes it as a list config check accepts', async () => {
    const r = await runCli(['config', 'show'], { env: { GPTMON_ALERTMANAGER_URL: 'http://am-1:9093,http://ops:secret@am-2:9093' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# alertmanager  http://am-1:9093, http://ops:***@am-2:9093  (from env; one cluster: reads from the first that answers, acks on one and read back)');
    expect(r.stdout).toContain('alertmanager:\n  - http://am-1:9093\n  - http://ops:***@am-2:9093\n');
    expect(r.stdout).not.toContain('secret');
    const file = tmp.file('shown.yaml', r.stdout);
    expect(await runCli(['config', 'check', file])).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it("accepts the README's example configs", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.some((e) => e.includes('queue_depth'))).toBe(true);
    for (const [i, example] of examples.entries()) {
      const file = tmp.file(`readme-${i}.yaml`, example);
      expect(await runCli(['config', 'check', file]), example).toMatchObject({ code: 0, stdout: 'ok\n' });
    }
  });

  it('show refuses a broken config with the located problem', async () => {
    const r = await runCli(['config', 'show', '--trader', 'localhost:1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('--trader: "localhost:1" must be an http:// or https:// URL\n');
  });

  it('prefs are kept per user, checked, and the operator defaults to $USER', async () => {
    const env = { XDG_CONFIG_HOME: tmp.dir(), USER: 'night-owl' };
    expect((await runCli(['config', 'prefs', 'operator'], { env })).stdout).toBe('night-owl\n');
    expect(await runCli(['config', 'prefs', 'operator', 'ana'], { env })).toMatchObject({ code: 0 });
    expect((await runCli(['config', 'prefs', 'operator'], { env })).stdout).toBe('ana\n');
    const bad = await runCli(['config', 'prefs', 'refresh', '10ms'], { env });
    expect(bad).toMatchObject({ code: 1, stderr: 'gptmon: refresh: at least 250ms\n' });
    const unknown = await runCli(['config', 'prefs', 'operater', 'x'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('did you mean operator?');
    const all = await runCli(['config', 'prefs'], { env });
    expect(all.stdout).toMatch(/^operator\s+ana$/m);
    expect(all.stdout).toMatch(/^refresh\s+1s$/m);
  });
});
