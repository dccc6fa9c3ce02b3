import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { exportRules } from '../../src/config/rules-export.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { ensureInstalled, startAlertmanager, startPrometheus, tail, type Daemon } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';

// Real Prometheus and Alertmanager, scraping the simulator over loopback.
// They are started once (they take seconds); each test then sets up the
// trader state it needs, so the tests pass alone and in any order.
const TOKEN = 'stack-token';
let dir: string;
let sim: RunningSim;
let simPort: number;
let am: Daemon | undefined;
let prom: Daemon | undefined;

beforeAll(async () => {
  ensureInstalled();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-stack-'));
  sim = await startSim({ port: 0, token: TOKEN, seed: 3 });
  simPort = sim.port;
  am = await startAlertmanager(dir);
  const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  prom = await startPrometheus(dir, { target: new URL(sim.url).host, rules: exportRules(config), alertmanager: am.url });
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await am?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

const flags = () => ['--trader', sim.url, '--prometheus', prom!.url, '--alertmanager', am!.url];
const env = (user: string) => ({ XDG_STATE_HOME: join(dir, `state-${user}`), XDG_CONFIG_HOME: join(dir, `config-${user}`), USER: user });

interface PromAlerts {
  data: { alerts: Array<{ labels: Record<string, string>; state: string }> };
}

const promAlerts = async () => ((await (await fetch(`${prom!.url}/api/v1/alerts`)).json()) as PromAlerts).data.alerts;

/**
 * A fresh simulator (calm, nothing halted) where Prometheus scrapes it, and
 * Prometheus caught up: it has scraped the new one and holds no alert.
 */
async function freshCalmSim(): Promise<void> {
  await sim.close();
  sim = await startSim({ port: simPort, token: TOKEN, seed: 3 });
  const restarted = Date.now();
  await waitFor('Prometheus to scrape the fresh simulator and hold no alert', async () => {
    const body = (await (await fetch(`${prom!.url}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ health: string; lastScrape: string }> } };
    const scraped = body.data.activeTargets.some((t) => t.health === 'up' && Date.parse(t.lastScrape) > restarted);
    return scraped && (await promAlerts()).length === 0;
  }, 30_000).catch((err) => {
    throw new Error(`${err}\n${tail(prom!.log)}`);
  });
}

/** The drawdown scenario, past 15%, with ExcessiveDrawdown firing in Prometheus. */
async function drawdownFiring(): Promise<void> {
  sim.setScenario('drawdown');
  sim.advance(60);
  await waitFor('ExcessiveDrawdown firing in Prometheus', async () => (await promAlerts()).some((a) => a.labels.alertname === 'ExcessiveDrawdown' && a.state === 'firing'), 30_000).catch((err) => {
    throw new Error(`${err}\n${tail(prom!.log)}`);
  });
}

describe('with a real Prometheus and Alertmanager', () => {
  it('calm: status reads the values from Prometheus and exits 0', async () => {
    await freshCalmSim();
    const r = await runCli(['status', ...flags()], { env: env('ana') });
    expect(r.stdout).toContain('prometheus ok');
    expect(r.stdout).toContain('alertmanager ok');
    expect(r.stdout).toMatch(/^Drawdown +\d+\.\d% +OK/m);
    expect(r.code, r.stdout).toBe(0);
  });

  it('a drawdown becomes ExcessiveDrawdown firing in Prometheus, and gptmon alerts shows it', async () => {
    await drawdownFiring();
    const r = await runCli(['alerts', ...flags()], { env: env('ana') });
    expectNoStack(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CRIT ExcessiveDrawdown +firing \S+\n +1\d\.\d% > 15% · respond in \S+ · runbook drawdown$/m);
    const status = await runCli(['status', ...flags()], { env: env('ana') });
    expect(status.code).toBe(2);
  });

  it('gptmon ack is a silence in Alertmanager, and a second gptmon sees it', async () => {
    await drawdownFiring();
    const ack = await runCli(['ack', 'ExcessiveDrawdown', '--comment', 'flattening', '--for', '2h', ...flags()], { env: env('ana') });
    expect(ack.stderr).toBe('');
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(/silence [0-9a-f-]+ in Alertmanager/);

    const silences = (await (await fetch(`${am!.url}/api/v2/silences`)).json()) as Array<{ createdBy: string; comment: string; status: { state: string }; matchers: Array<{ name: string; value: string }> }>;
    const mine = silences.find((s) => s.createdBy === 'ana');
    expect(mine).toMatchObject({ comment: 'flattening', status: { state: 'active' } });
    expect(mine!.matchers).toContainEqual(expect.objectContaining({ name: 'alertname', value: 'ExcessiveDrawdown' }));

    // Another engineer, another machine's state dir: sees ana's ack.
    const other = await runCli(['alerts', '--json', ...flags()], { env: env('ben') });
    const doc = JSON.parse(other.stdout) as { alerts: Array<{ name: string; state: string; ack?: { operator: string; where: string } }> };
    const alert = doc.alerts.find((a) => a.name === 'ExcessiveDrawdown')!;
    expect(alert.state).toBe('firing');
    expect(alert.ack).toMatchObject({ operator: 'ana', where: 'alertmanager' });

    // Alertmanager itself now holds the alert as silenced.
    await waitFor('the alert suppressed in Alertmanager', async () => {
      const alerts = (await (await fetch(`${am!.url}/api/v2/alerts`)).json()) as Array<{ labels: Record<string, string>; status: { state: string } }>;
      return alerts.some((a) => a.labels.alertname === 'ExcessiveDrawdown' && a.status.state === 'suppressed');
    }, 20_000);
  });

  it('with Alertmanager down, an ack is kept locally and says so', async () => {
    const r = await runCli(['ack', 'DrawdownWarning', '--trader', sim.url, '--prometheus', prom!.url, '--alertmanager', 'http://127.0.0.1:9'], { env: env('cy') });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^gptmon ack: warning: Alertmanager at http:\/\/127\.0\.0\.1:9 did not take it \(connection refused\): kept on this machine only/);
    expect(r.stdout).toContain('kept locally');
  });
});
