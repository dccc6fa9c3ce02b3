// gptmon against VictoriaMetrics single-node (Debian's victoria-metrics)
// scraping the simulator: without vmalert (no rules anywhere: gptmon
// evaluates them all, over the values VictoriaMetrics answers, 8 s behind as
// it answers by default 30 s behind) and with vmalert evaluating the exported
// rules behind VictoriaMetrics' own /api/v1/rules and /api/v1/alerts.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { exportRules } from '../../src/config/rules-export.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { ensureInstalled, freePort, startVictoriaMetrics, startVmalert, tail, type Daemon } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';

let dir: string;
let simPlain: RunningSim;
let simAlert: RunningSim;
let plain: Daemon | undefined;
let vm: Daemon | undefined;
let vmalert: Daemon | undefined;
const LAG_S = 8;

beforeAll(async () => {
  ensureInstalled(['victoriaMetrics', 'vmalert']);
  dir = mkdtempSync(join(tmpdir(), 'gptmon-vm-'));
  simPlain = await startSim({ port: 0, token: 'p', seed: 5 });
  simAlert = await startSim({ port: 0, token: 'q', seed: 6 });
  const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  for (const d of ['plain', 'alerting']) mkdirSync(join(dir, d));
  const [vmPort, vmalertPort] = [await freePort(), await freePort()];
  const vmUrl = `http://127.0.0.1:${vmPort}`;
  const started = await Promise.all([
    startVictoriaMetrics(join(dir, 'plain'), { target: new URL(simPlain.url).host, latencyOffset: `${LAG_S}s` }),
    startVmalert(join(dir, 'alerting'), { datasource: vmUrl, rules: exportRules(config), port: vmalertPort }),
    startVictoriaMetrics(join(dir, 'alerting'), { target: new URL(simAlert.url).host, vmalert: `http://127.0.0.1:${vmalertPort}`, port: vmPort }),
  ]);
  [plain, vmalert, vm] = started;
  // Scraped is not yet queryable: VictoriaMetrics answers `latencyOffset` behind.
  for (const [d, sim] of [[plain, simPlain], [vm, simAlert]] as const) {
    await waitFor(`${d.url} to answer up for the simulator`, async () => (await query(d, `up{instance="${new URL(sim.url).host}"}`)).length === 1, 30_000);
  }
}, 90_000);

afterAll(async () => {
  await Promise.all([plain?.stop(), vm?.stop(), vmalert?.stop()]);
  await Promise.all([simPlain?.close(), simAlert?.close()]);
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

const env = (who: string) => ({ XDG_STATE_HOME: join(dir, `state-${who}`), XDG_CONFIG_HOME: join(dir, `config-${who}`), USER: who });
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function query(d: Daemon, expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const body = (await (await fetch(`${d.url}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

interface AlertsDoc {
  rules?: { total: number; inPrometheus: number };
  sources: { prometheus: { state: string; lagMs?: number } };
  alerts: Array<{ name: string; state: string; origin: string; value?: number }>;
}

async function alertsJson(sim: RunningSim, d: Daemon, who: string): Promise<AlertsDoc> {
  const r = await runCli(['alerts', '--json', '--trader', sim.url, '--prometheus', d.url], { env: env(who) });
  expectNoStack(r.stderr);
  return JSON.parse(r.stdout) as AlertsDoc;
}

/** The simulator in its drawdown, past 15%, as the back end answers it. */
async function drawdown(sim: RunningSim, d: Daemon): Promise<void> {
  sim.setScenario('drawdown');
  sim.advance(60);
  await waitFor(`${d.url} to answer the drawdown`, async () => (await query(d, `portfolio_drawdown{instance="${new URL(sim.url).host}"} > 0.15`)).length === 1, 30_000).catch((err) => {
    throw new Error(`${err}\n${tail(d.log)}`);
  });
}

describe('VictoriaMetrics without vmalert', () => {
  it('values shown, with the back end\'s lag on the sources line; calm is calm; every alert evaluated here', async () => {
    const r = await runCli(['status', '--trader', simPlain.url, '--prometheus', plain!.url], { env: env('ana') });
    expectNoStack(r.stderr);
    expect(r.stdout).toMatch(/^Drawdown +\d+\.\d% +OK/m);
    expect(flat(r.stdout)).toMatch(/prometheus ok \d+ms, data \d+s behind/);
    expect(flat(r.stdout)).toContain('rules: 0/22 in Prometheus, evaluated here');
    expect(r.stdout).toContain('alerts: none firing');
    expect(r.code, r.stdout).toBe(0);
  });

  it('a drawdown fires ExcessiveDrawdown, evaluated by gptmon', async () => {
    await drawdown(simPlain, plain!);
    const doc = await alertsJson(simPlain, plain!, 'ben');
    expect(doc.sources.prometheus.state).toBe('ok');
    expect(doc.rules).toMatchObject({ total: 22, inPrometheus: 0 });
    expect(doc.alerts.find((a) => a.name === 'ExcessiveDrawdown')).toMatchObject({ state: 'firing', origin: 'embedded' });
    expect((await runCli(['status', '--trader', simPlain.url, '--prometheus', plain!.url], { env: env('ben') })).code).toBe(2);
  });
});

describe('VictoriaMetrics with vmalert', () => {
  it('calm is calm: vmalert\'s empty alert list is a working source, and it evaluates every rule', async () => {
    const doc = await alertsJson(simAlert, vm!, 'cy');
    expect(doc.sources.prometheus.state).toBe('ok');
    expect(doc.rules).toEqual({ total: 22, inPrometheus: 22, evaluatedHere: [] });
    expect(doc.alerts).toEqual([]);
    const r = await runCli(['status', '--trader', simAlert.url, '--prometheus', vm!.url], { env: env('cy') });
    expect(r.stdout).toMatch(/^Drawdown +\d+\.\d% +OK/m);
    expect(r.code, r.stdout).toBe(0);
  });

  it('a drawdown fires ExcessiveDrawdown in vmalert, and gptmon shows vmalert\'s', async () => {
    await drawdown(simAlert, vm!);
    await waitFor('ExcessiveDrawdown firing in vmalert', async () => (await (await fetch(`${vm!.url}/api/v1/alerts`)).text()).includes('"firing"'), 30_000);
    const doc = await alertsJson(simAlert, vm!, 'dee');
    expect(doc.alerts.filter((a) => a.name === 'ExcessiveDrawdown')).toEqual([expect.objectContaining({ state: 'firing', origin: 'prometheus' })]);
    expect((await runCli(['status', '--trader', simAlert.url, '--prometheus', vm!.url], { env: env('dee') })).code).toBe(2);
  });
});
