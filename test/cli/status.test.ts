import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { deadPort, startFaultServer } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: 'test-token', seed: 7 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.setScenario('calm');
});

const env = () => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: 'ana' });

describe('gptmon status against the simulator', () => {
  it('calm: exit 0 and every metric inside its lines', async () => {
    const r = await runCli(['status', '--trader', sim.url], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^GPT-Trader OK  trading active  site primary  model primary-v12$/m);
    expect(r.stdout).toMatch(/^Drawdown +\d+\.\d% +OK +>10│15%$/m);
    expect(r.stdout).toMatch(/^API p99 +\d+ms +OK +>500│1000ms$/m);
    expect(r.stdout).toContain('alerts: none firing');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('drawdown: exit 2, the metric CRIT and ExcessiveDrawdown firing', async () => {
    sim.setScenario('drawdown');
    sim.advance(60);
    const r = await runCli(['status', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^GPT-Trader CRITICAL/);
    expect(r.stdout).toMatch(/^Drawdown +1[5-9]\.\d% +CRIT/m);
    expect(r.stdout).toMatch(/alerts: \d firing \(ExcessiveDrawdown/);
    const json = await runCli(['status', '--json', '--trader', sim.url], { env: env() });
    const doc = JSON.parse(json.stdout) as { code: number; status: string; alerts: Array<{ name: string; state: string }>; metrics: Record<string, { level: string; history?: unknown }> };
    expect(doc).toMatchObject({ code: 2, status: 'critical' });
    expect(doc.metrics.portfolio_drawdown).toMatchObject({ level: 'critical' });
    expect(doc.metrics.portfolio_drawdown!.history).toBeUndefined();
    expect(doc.alerts.find((a) => a.name === 'ExcessiveDrawdown')?.state).toBe('firing');
  });

  it('an unhealthy component is a warning', async () => {
    sim.setScenario('api-rate-limit');
    sim.advance(10);
    const r = await runCli(['status', '--trader', sim.url], { env: env() });
    expect(r.code).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toContain('api FAIL (429 from broker)');
  });
});

describe('gptmon status with broken sources', () => {
  it('nothing reachable: exit 3, naming what failed', async () => {
    const r = await runCli(['status', '--trader', await deadPort()], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^GPT-Trader UNKNOWN/);
    expect(r.stdout).toContain('trader DOWN (connection refused)');
    expect(r.stdout).toContain('metrics DOWN (connection refused)');
    expectNoStack(r.stdout + r.stderr);
  });

  it.each([
    ['hang', 'metrics DOWN (timed out after 1s)'],
    ['huge', 'metrics DOWN (no readable samples'],
    ['garbage', 'metrics DOWN (no readable samples'],
    ['html', 'metrics DOWN (answered HTML, not metrics)'],
  ] as const)('health fine, /metrics %s: answers by itself, exit 1, names the source', async (fault, named) => {
    const server = await startFaultServer();
    try {
      server.set('/health/detailed', 'ok-json', JSON.stringify({ components: { database: { healthy: true } }, metrics: {} }));
      server.set('/metrics', fault);
      const config = tmp.file('gptmon.yaml', `trader: ${server.url}\ntimeout: 1s\n`);
      const r = await runCli(['status', '--config', config], { env: env(), timeoutMs: 15_000 });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(named);
      expect(r.stdout).toContain('trader ok');
      expectNoStack(r.stdout + r.stderr);
    } finally {
      await server.close();
    }
  });

  it('a /metrics over max_scrape_bytes is refused by its size, named', async () => {
    const server = await startFaultServer();
    try {
      server.set('/health/detailed', 'ok-json', JSON.stringify({ components: { database: { healthy: true } }, metrics: {} }));
      server.set('/metrics', 'huge');
      const config = tmp.file('gptmon.yaml', `trader: ${server.url}\ntimeout: 5s\nmax_scrape_bytes: 1MB\n`);
      const r = await runCli(['status', '--config', config], { env: env(), timeoutMs: 15_000 });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('metrics DOWN (response too large (over 1.0 MB))');
    } finally {
      await server.close();
    }
  });

  it('a broken config: exit 3 with the located problem', async () => {
    const config = tmp.file('gptmon.yaml', 'timeout: soon\n');
    const r = await runCli(['status', '--config', config], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`${config}:1:10: timeout: expected a duration like 30s or 5m, got "soon"\n`);
  });
});

describe('gptmon alerts and ack (no Alertmanager: acks kept locally)', () => {
  it('lists firing alerts with countdown and runbook, and an ack shows for a second process', async () => {
    sim.setScenario('drawdown');
    sim.advance(60);
    const e = env();
    const before = await runCli(['alerts', '--trader', sim.url], { env: e });
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^CRIT ExcessiveDrawdown +firing \S+\n +1\d\.\d% > 15% · respond in \d+m\d\ds · runbook drawdown$/m);
    expect(before.stdout).toContain('→ Stop all trading immediately');

    const ack = await runCli(['ack', 'ExcessiveDrawdown', '--comment', 'flattening now', '--for', '30m', '--trader', sim.url], { env: e });
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(/^acknowledged ExcessiveDrawdown by ana for 30m \(until \d\d:\d\d; kept locally\)$/m);

    const after = await runCli(['alerts', '--json', '--trader', sim.url], { env: e });
    const doc = JSON.parse(after.stdout) as { alerts: Array<{ name: string; ack?: { operator: string; comment: string } }> };
    expect(doc.alerts.find((a) => a.name === 'ExcessiveDrawdown')?.ack).toMatchObject({ operator: 'ana', comment: 'flattening now' });
    expect(doc.alerts.find((a) => a.name === 'DrawdownWarning')?.ack).toBeUndefined();
  });

  it('an unknown alert name: exit 1 with the closest name', async () => {
    const r = await runCli(['ack', 'ExcesiveDrawdown', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gptmon ack: no alert called "ExcesiveDrawdown" (did you mean ExcessiveDrawdown?)\n');
  });

  it('a bad --for: exit 1, nothing recorded', async () => {
    const r = await runCli(['ack', 'ExcessiveDrawdown', '--for', 'a while', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--for a while');
  });
});
