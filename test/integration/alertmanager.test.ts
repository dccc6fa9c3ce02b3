import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { exportRules } from '../../src/config/rules-export.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { ensureInstalled, freePort, startAlertmanager, startPrometheus, tail, type Daemon } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';

// Alertmanager is the truth about who is paged. Real Alertmanagers on
// loopback, silences made with amtool as an engineer would, the simulator in
// a drawdown (ExcessiveDrawdown and DrawdownWarning firing):
//  - `fed`: Prometheus sends it the alerts; an inhibit rule has
//    ExcessiveDrawdown inhibit DrawdownWarning. gptmon in Prometheus mode
//    reads each alert's status from it.
//  - `aside`: holds silences only (no Prometheus sends to it), so gptmon in
//    embedded mode matches them itself, with Alertmanager's semantics.

const AMTOOL = '/usr/bin/amtool';

interface AlertJson {
  name: string;
  state: string;
  respondBy?: number;
  inhibitedBy?: string[];
  ack?: { id: string; operator: string; comment: string; expiresAt: number; where: string };
}

function amtool(url: string, ...args: string[]): string {
  return execFileSync(AMTOOL, [`--alertmanager.url=${url}`, ...args], { encoding: 'utf8' }).trim();
}

/** A silence as an engineer makes one with amtool; its id. */
const silence = (url: string, author: string, comment: string, ...matchers: string[]) => amtool(url, 'silence', 'add', `--author=${author}`, `--comment=${comment}`, '--duration=2h', ...matchers);

async function expireAll(url: string): Promise<void> {
  const list = (await (await fetch(`${url}/api/v2/silences`)).json()) as Array<{ id: string; status: { state: string } }>;
  for (const s of list) if (s.status.state !== 'expired') await fetch(`${url}/api/v2/silence/${s.id}`, { method: 'DELETE' });
}

async function silenceEnd(url: string, id: string): Promise<number> {
  return Date.parse(((await (await fetch(`${url}/api/v2/silence/${id}`)).json()) as { endsAt: string }).endsAt);
}

async function alertsJson(args: string[], user: string, dir: string): Promise<AlertJson[]> {
  const r = await runCli(['alerts', '--json', ...args], { env: { XDG_STATE_HOME: join(dir, `state-${user}`), USER: user } });
  expectNoStack(r.stderr);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { alerts: AlertJson[] }).alerts;
}

const INHIBIT = "inhibit_rules:\n  - source_matchers: ['alertname=\"ExcessiveDrawdown\"']\n    target_matchers: ['alertname=\"DrawdownWarning\"']\n    equal: ['instance']\n";

describe('Alertmanager decides who is paged', () => {
  let dir: string;
  let sim: RunningSim;
  let fed: Daemon;
  let aside: Daemon;
  let prom: Daemon;

  beforeAll(async () => {
    ensureInstalled();
    dir = mkdtempSync(join(tmpdir(), 'gptmon-am-'));
    sim = await startSim({ port: 0, token: 'am-token', seed: 3, manualClock: true });
    sim.setScenario('drawdown');
    sim.advance(60);
    fed = await startAlertmanager(dir, { name: 'fed', extraConfig: INHIBIT });
    aside = await startAlertmanager(dir, { name: 'aside' });
    const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    prom = await startPrometheus(dir, { target: new URL(sim.url).host, rules: exportRules(config), alertmanager: fed.url });
    await waitFor('ExcessiveDrawdown and DrawdownWarning held by Alertmanager', async () => {
      const held = (await (await fetch(`${fed.url}/api/v2/alerts`)).json()) as Array<{ labels: Record<string, string> }>;
      return ['ExcessiveDrawdown', 'DrawdownWarning'].every((n) => held.some((a) => a.labels.alertname === n));
    }, 30_000).catch((err) => {
      throw new Error(`${err}\n${tail(prom.log)}\n${tail(fed.log)}`);
    });
  }, 90_000);

  afterAll(async () => {
    await prom?.stop();
    await fed?.stop();
    await aside?.stop();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  });

  beforeEach(async () => {
    await expireAll(fed.url);
    await expireAll(aside.url);
  });

  const promMode = () => ['--trader', sim.url, '--prometheus', prom.url, '--alertmanager', fed.url];
  const embedded = () => ['--trader', sim.url, '--alertmanager', aside.url];

  // Each kind of silence, made with amtool, and whether it covers DrawdownWarning too.
  const KINDS: Array<{ kind: string; matchers: (instance: string) => string[]; warningToo: boolean }> = [
    { kind: 'exact', matchers: () => ['alertname="ExcessiveDrawdown"'], warningToo: false },
    { kind: 'regex', matchers: () => ['alertname=~"Excessive.*"'], warningToo: false },
    { kind: '(?i)', matchers: () => ['alertname=~"(?i)excessivedrawdown"'], warningToo: false },
    { kind: 'negative', matchers: () => ['job="gpt-trader"', 'alertname!~"Drawdown.*"'], warningToo: false },
    { kind: 'instance-scoped', matchers: (instance) => [`instance="${instance}"`], warningToo: true },
  ];

  for (const { kind, matchers, warningToo } of KINDS) {
    it(`a ${kind} silence made with amtool shows as acknowledged by its author, in both modes`, async () => {
      const instance = new URL(sim.url).host;
      for (const [mode, am, args] of [['prometheus', fed, promMode()], ['embedded', aside, embedded()]] as const) {
        const author = `${kind.replace(/\W/g, '')}-${mode}`;
        const id = silence(am.url, author, `${kind} by amtool`, ...matchers(instance));
        const alerts = await alertsJson(args, 'ana', dir);
        const drawdown = alerts.find((a) => a.name === 'ExcessiveDrawdown' && a.state === 'firing');
        expect(drawdown?.ack, `${mode}: ${JSON.stringify(drawdown)}`).toMatchObject({ id, operator: author, comment: `${kind} by amtool`, where: 'alertmanager', expiresAt: await silenceEnd(am.url, id) });
        const warning = alerts.find((a) => a.name === 'DrawdownWarning' && a.state === 'firing');
        expect(warning, mode).toBeDefined();
        expect(warning!.ack?.operator, `${mode}: DrawdownWarning`).toBe(warningToo ? author : undefined);
      }
      // And as a person reads it.
      const r = await runCli(['alerts', ...promMode()], { env: { XDG_STATE_HOME: join(dir, 'state-ana') } });
      expect(r.stdout).toMatch(new RegExp(`^CRIT ExcessiveDrawdown +firing \\S+\\n.* · acked by ${kind.replace(/\W/g, '')}-prometheus to \\d\\d:\\d\\d`, 'm'));
      expect(r.stdout).toContain(`ack: "${kind} by amtool"`);
    });
  }

  it('an inhibit rule marks the inhibited alert: by which alert, and no countdown', async () => {
    await waitFor('DrawdownWarning inhibited in Alertmanager', async () => {
      const held = (await (await fetch(`${fed.url}/api/v2/alerts`)).json()) as Array<{ labels: Record<string, string>; status: { inhibitedBy: string[] } }>;
      return held.some((a) => a.labels.alertname === 'DrawdownWarning' && a.status.inhibitedBy.length > 0);
    });
    const alerts = await alertsJson(promMode(), 'ana', dir);
    const warning = alerts.find((a) => a.name === 'DrawdownWarning')!;
    expect(warning).toMatchObject({ state: 'firing', inhibitedBy: ['ExcessiveDrawdown'] });
    expect(warning.respondBy).toBeUndefined();
    expect(warning.ack).toBeUndefined();
    // What inhibits is itself paged: it keeps its countdown.
    const drawdown = alerts.find((a) => a.name === 'ExcessiveDrawdown')!;
    expect(drawdown.inhibitedBy).toBeUndefined();
    expect(drawdown.respondBy).toBeGreaterThan(0);

    const r = await runCli(['alerts', ...promMode()], { env: { XDG_STATE_HOME: join(dir, 'state-ana') } });
    expect(r.stdout).toMatch(/^MED +DrawdownWarning +firing \S+\n +1\d\.\d% > 10% · inhibited by ExcessiveDrawdown · runbook drawdown$/m);
    const status = await runCli(['status', ...promMode()], { env: { XDG_STATE_HOME: join(dir, 'state-ana') } });
    const said = status.stdout.replace(/\s+/g, ' ');
    expect(said).toContain('DrawdownWarning firing (inhibited by ExcessiveDrawdown)');
    expect(said).toContain('2 firing (ExcessiveDrawdown, DrawdownWarning inhibited)');
  });

  it('a silence with a pathological regex answers within the normal deadline, in both modes', async () => {
    // A backtracking engine takes minutes on this against "ExcessiveDrawdown".
    silence(fed.url, 'mallory', 'slow', 'alertname=~"((.+)+)+Z"');
    silence(aside.url, 'mallory', 'slow', 'alertname=~"((.+)+)+Z"');
    for (const args of [embedded(), promMode()]) {
      // runCli kills the command at its deadline (10 s): a null code.
      const r = await runCli(['status', ...args], { env: { XDG_STATE_HOME: join(dir, 'state-slow') }, timeoutMs: 10_000 });
      expectNoStack(r.stderr);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stdout).toContain('ExcessiveDrawdown firing');
    }
    // It covers nothing: no alert here ends in Z.
    expect((await alertsJson(embedded(), 'ana', dir)).filter((a) => a.ack)).toEqual([]);
  });
});

describe('an Alertmanager cluster', () => {
  let dir: string;
  let sim: RunningSim;
  const peers: Daemon[] = [];
  let web: number[];
  let gossip: number[];

  const startPeer = (i: 0 | 1) => startAlertmanager(dir, { name: `peer${i}`, port: web[i]!, cluster: { port: gossip[i]!, peers: [gossip[1 - i]!] } });

  beforeAll(async () => {
    ensureInstalled();
    dir = mkdtempSync(join(tmpdir(), 'gptmon-ha-'));
    sim = await startSim({ port: 0, token: 'ha-token', seed: 3, manualClock: true });
    sim.setScenario('drawdown');
    sim.advance(60);
    web = [await freePort(), await freePort()];
    gossip = [await freePort(), await freePort()];
    peers[0] = await startPeer(0);
    peers[1] = await startPeer(1);
  }, 60_000);

  afterAll(async () => {
    for (const p of peers) await p?.stop();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  });

  it('acks through one peer with the other stopped; the other has it once it rejoins', async () => {
    const both = `${peers[0]!.url},${peers[1]!.url}`;
    await peers[0]!.stop();

    // The first peer refuses connections: the ack goes to the second, and is read back there.
    const ack = await runCli(['ack', 'ExcessiveDrawdown', '--comment', 'on it', '--trader', sim.url, '--alertmanager', both], { env: { XDG_STATE_HOME: join(dir, 'state-ana'), USER: 'ana' } });
    expectNoStack(ack.stderr);
    expect(ack.stderr).toBe('');
    expect(ack.code).toBe(0);
    const id = /silence ([0-9a-f-]+) in Alertmanager at (\S+?)[;,)]/.exec(ack.stdout);
    expect(id?.[2], ack.stdout).toBe(peers[1]!.url);

    // Reads go to the first that answers: the second, while the first is down.
    const during = await alertsJson(['--trader', sim.url, '--alertmanager', both], 'ben', dir);
    expect(during.find((a) => a.name === 'ExcessiveDrawdown')?.ack).toMatchObject({ id: id![1], operator: 'ana', comment: 'on it' });

    // The first comes back with its own (older) state; the cluster gossips the silence to it.
    peers[0] = await startPeer(0);
    const fromFirst = await waitFor(
      'the silence read from the peer that was down',
      async () => (await alertsJson(['--trader', sim.url, '--alertmanager', peers[0]!.url], 'cy', dir)).find((a) => a.name === 'ExcessiveDrawdown')?.ack,
      20_000,
      500,
    ).catch((err) => {
      throw new Error(`${err}\n${tail(peers[0]!.log)}`);
    });
    expect(fromFirst).toMatchObject({ id: id![1], operator: 'ana', comment: 'on it', where: 'alertmanager' });
  });
});
