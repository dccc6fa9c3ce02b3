// gptmon against a real Prometheus that is not the one it was built beside:
// one with no rule_files (an empty alert list is not a calm one), two traders
// scraped in one job (each gptmon sees its own), and Prometheus behind a
// basic-auth proxy at a path prefix, and behind https with the team's own CA.
// Real servers on loopback, temp dirs; the servers start once for the file
// and each test sets up the trader state it needs.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { exportRules } from '../../src/config/rules-export.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { ensureInstalled, startPrometheus, tail, type Daemon } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';

let dir: string;
let simA: RunningSim;
let simB: RunningSim;
let bare: Daemon | undefined;
let ruled: Daemon | undefined;
let proxy: Server | undefined;
let tlsProxy: Server | undefined;
let proxyUrl: string;
let tlsUrl: string;
const PASSWORD = 'pr0m-s3cret';

/** A reverse proxy as a team puts in front of Prometheus: basic auth, under /prometheus/. */
function forward(target: string, req: IncomingMessage, res: ServerResponse): void {
  const up = new URL(target);
  const path = (req.url ?? '/').replace(/^\/prometheus(?=\/)/, '');
  const out = request({ host: up.hostname, port: up.port, path, method: req.method, headers: { ...req.headers, host: up.host } }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end('bad gateway'));
  req.pipe(out);
}

function guarded(target: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const expected = `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`;
    if (!(req.url ?? '').startsWith('/prometheus/')) return void res.writeHead(404).end('not found');
    if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="prometheus"', 'content-type': 'text/html' }).end('<html>401 Authorization Required</html>');
    forward(target, req, res);
  };
}

const listen = async (s: Server): Promise<number> => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
};

beforeAll(async () => {
  ensureInstalled();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-interop-'));
  simA = await startSim({ port: 0, token: 'a', seed: 3 });
  simB = await startSim({ port: 0, token: 'b', seed: 4 });
  const targets = [new URL(simA.url).host, new URL(simB.url).host];
  const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  mkdirSync(join(dir, 'bare'));
  mkdirSync(join(dir, 'ruled'));
  [bare, ruled] = await Promise.all([startPrometheus(join(dir, 'bare'), { target: targets }), startPrometheus(join(dir, 'ruled'), { target: targets, rules: exportRules(config) })]);
  proxy = createServer(guarded(bare.url));
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}/prometheus/`;
  // A certificate for 127.0.0.1 signed by itself: the team's own CA, as far as gptmon knows.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'ca.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  tlsProxy = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'ca.pem')) }, (req, res) => forward(bare!.url, req, res));
  tlsUrl = `https://127.0.0.1:${await listen(tlsProxy)}`;
}, 90_000);

afterAll(async () => {
  proxy?.close();
  tlsProxy?.close();
  await Promise.all([bare?.stop(), ruled?.stop()]);
  await Promise.all([simA?.close(), simB?.close()]);
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

/** The text with its wrapping undone, for phrases a narrow terminal breaks over lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const env = (who: string) => ({ XDG_STATE_HOME: join(dir, `state-${who}`), XDG_CONFIG_HOME: join(dir, `config-${who}`), USER: who });

async function query(prom: Daemon, expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const body = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

/** Sim B in its drawdown past 15%, sim A calm, as both Prometheus servers see it now. */
async function bInDrawdown(): Promise<void> {
  simB.setScenario('drawdown');
  simB.advance(60);
  const b = new URL(simB.url).host;
  for (const prom of [bare!, ruled!]) {
    await waitFor(`${prom.url} to see sim B's drawdown`, async () => (await query(prom, `portfolio_drawdown{instance="${b}"} > 0.15`)).length === 1, 20_000).catch((err) => {
      throw new Error(`${err}\n${tail(prom.log)}`);
    });
  }
}

interface AlertsDoc {
  rules?: { total: number; inPrometheus: number; evaluatedHere: string[] };
  sources: { prometheus: { state: string; reason?: string } };
  alerts: Array<{ name: string; state: string; origin: string; value?: number; labels: Record<string, string>; seriesLabels?: Record<string, string> }>;
  otherAlerts: Array<{ name: string; state: string; labels: Record<string, string>; seriesLabels?: Record<string, string> }>;
}

const alertsJson = async (args: string[], who: string): Promise<AlertsDoc> => {
  const r = await runCli(['alerts', '--json', ...args], { env: env(who) });
  expectNoStack(r.stderr);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as AlertsDoc;
};

const statusJson = async (args: string[], who: string) => {
  const r = await runCli(['status', '--json', ...args], { env: env(who) });
  expectNoStack(r.stderr);
  return { code: r.code, doc: JSON.parse(r.stdout) as { metrics: Record<string, { value?: number; stale: boolean }>; verdict: { reasons: string[] } } };
};

describe('a Prometheus with no rule_files', () => {
  it('a drawdown past 15%: gptmon alerts lists ExcessiveDrawdown, evaluated by gptmon; status is CRITICAL', async () => {
    await bInDrawdown();
    const doc = await alertsJson(['--trader', simB.url, '--prometheus', bare!.url], 'ana');
    expect(doc.rules).toMatchObject({ total: 22, inPrometheus: 0 });
    const a = doc.alerts.find((x) => x.name === 'ExcessiveDrawdown');
    expect(a).toMatchObject({ state: 'firing', origin: 'embedded', labels: { instance: new URL(simB.url).host, job: 'gpt-trader' } });
    expect(a!.value).toBeGreaterThan(0.15);

    const text = await runCli(['alerts', '--trader', simB.url, '--prometheus', bare!.url], { env: env('ana') });
    expect(flat(text.stdout)).toContain('rules: 0/22 in Prometheus, evaluated here');
    expect(text.stdout).toMatch(/^CRIT ExcessiveDrawdown +firing \S+\n +1\d\.\d% > 15% · respond in \S+ · runbook drawdown · evaluated by gptmon$/m);
    expect((await runCli(['status', '--trader', simB.url, '--prometheus', bare!.url], { env: env('ana') })).code).toBe(2);
  });

  it('two traders in one job: each --trader sees its own values, and calm is calm', async () => {
    await bInDrawdown();
    const a = await statusJson(['--trader', simA.url, '--prometheus', bare!.url], 'ben');
    const b = await statusJson(['--trader', simB.url, '--prometheus', bare!.url], 'ben');
    expect(a.doc.metrics.portfolio_drawdown!.value).toBeLessThan(0.1);
    expect(b.doc.metrics.portfolio_drawdown!.value).toBeGreaterThan(0.15);
    expect(a.code, a.doc.verdict.reasons.join('; ')).toBe(0);
    expect(b.code).toBe(2);
  });

  it('a selector from the config picks the trader; one that selects nothing says so', async () => {
    const file = join(dir, 'selector.yaml');
    writeFileSync(file, `selector: {job="gpt-trader", instance="${new URL(simA.url).host}"}\n`);
    const a = await statusJson(['--config', file, '--trader', simB.url, '--prometheus', bare!.url], 'cy');
    expect(a.doc.metrics.portfolio_drawdown!.value).toBeLessThan(0.1);
    writeFileSync(file, 'selector: {job="no-such-job"}\n');
    const none = await runCli(['status', '--config', file, '--trader', simA.url, '--prometheus', bare!.url], { env: env('cy') });
    expect(none.code).toBe(1);
    expect(flat(none.stdout)).toContain('why: prometheus has no up{job="no-such-job"}: it does not scrape this trader under that name');
  });
});

describe('a Prometheus with the rules, scraping two traders', () => {
  it('the other trader\'s alert is listed apart and does not change the exit code', async () => {
    await bInDrawdown();
    await waitFor('ExcessiveDrawdown firing for sim B in Prometheus', async () => (await (await fetch(`${ruled!.url}/api/v1/alerts`)).text()).includes('"firing"'), 20_000);
    const doc = await alertsJson(['--trader', simA.url, '--prometheus', ruled!.url], 'dee');
    expect(doc.rules).toMatchObject({ total: 22, inPrometheus: 22, evaluatedHere: [] });
    expect(doc.alerts.filter((a) => a.state === 'firing')).toEqual([]);
    expect(doc.otherAlerts.find((a) => a.name === 'ExcessiveDrawdown')).toMatchObject({ state: 'firing', labels: { instance: new URL(simB.url).host } });
    const status = await runCli(['status', '--trader', simA.url, '--prometheus', ruled!.url], { env: env('dee') });
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/other alerts: \d+ firing \(not this trader's, not counted\)/);
    const text = await runCli(['alerts', '--trader', simA.url, '--prometheus', ruled!.url], { env: env('dee') });
    expect(text.stdout).toContain('Other alerts (other jobs and traders; not counted):');
    expect(text.stdout).toMatch(/^CRIT ExcessiveDrawdown +firing/m);

    // Unless the config says they count.
    const file = join(dir, 'count.yaml');
    writeFileSync(file, 'other_alerts: count\n');
    expect((await runCli(['status', '--config', file, '--trader', simA.url, '--prometheus', ruled!.url], { env: env('dee') })).code).toBe(2);
  });

  it('two alerts of one name for two instances are shown apart, with their instance', async () => {
    await bInDrawdown();
    simA.setScenario('drawdown');
    simA.advance(60);
    await waitFor('ExcessiveDrawdown firing for both traders', async () => {
      const body = (await (await fetch(`${ruled!.url}/api/v1/alerts`)).json()) as { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } };
      return body.data.alerts.filter((a) => a.labels.alertname === 'ExcessiveDrawdown' && a.state === 'firing').length === 2;
    }, 20_000);
    const file = join(dir, 'job.yaml');
    writeFileSync(file, 'selector: {job="gpt-trader"}\n');
    const doc = await alertsJson(['--config', file, '--trader', simA.url, '--prometheus', ruled!.url], 'eve');
    const both = doc.alerts.filter((a) => a.name === 'ExcessiveDrawdown');
    expect(both.map((a) => a.seriesLabels?.instance).sort()).toEqual([new URL(simA.url).host, new URL(simB.url).host].sort());
    const text = await runCli(['alerts', '--config', file, '--trader', simA.url, '--prometheus', ruled!.url], { env: env('eve') });
    expect(text.stdout).toContain(`ExcessiveDrawdown instance=${new URL(simA.url).host}`);
    expect(text.stdout).toContain(`ExcessiveDrawdown instance=${new URL(simB.url).host}`);
    // Sim A calm again for what follows: a fresh one on the same port (a drawdown does not undo itself).
    await simA.close();
    simA = await startSim({ port: simA.port, token: 'a', seed: 3 });
  });
});

describe('Prometheus behind a proxy', () => {
  it('basic auth at a path prefix: works with the credentials in the URL, and the password is never printed', async () => {
    const url = proxyUrl.replace('http://', `http://ops:${PASSWORD}@`);
    const r = await runCli(['status', '--trader', simA.url, '--prometheus', url], { env: env('fay') });
    expectNoStack(r.stderr);
    expect(r.stdout).toMatch(/prometheus ok/);
    expect(r.stdout).toMatch(/^Drawdown +\d+\.\d%/m);
    const shown = await runCli(['config', 'show', '--prometheus', url], { env: env('fay') });
    expect(r.stdout + r.stderr + shown.stdout + shown.stderr).not.toContain(PASSWORD);
  });

  it('works with prometheus_auth and a password file; without credentials it says why', async () => {
    const secret = join(dir, 'prom-pass');
    writeFileSync(secret, `${PASSWORD}\n`);
    chmodSync(secret, 0o600);
    const file = join(dir, 'auth.yaml');
    writeFileSync(file, `prometheus: ${proxyUrl}\nprometheus_auth:\n  username: ops\n  password_file: ${secret}\n`);
    const ok = await runCli(['status', '--config', file, '--trader', simA.url], { env: env('gus') });
    expect(ok.stdout).toMatch(/prometheus ok/);
    // Another engineer's state: no alert evaluated earlier is held over the gap.
    const without = await runCli(['status', '--trader', simA.url, '--prometheus', proxyUrl], { env: env('ivy') });
    expectNoStack(without.stderr);
    expect(flat(without.stdout)).toContain("prometheus DOWN (authentication required (HTTP 401): check prometheus_auth or the URL's user)");
    expect(without.stdout).not.toContain('QUERY FAILED');
    expect(without.code).toBe(1);
  });

  it('https with the team\'s own CA: ca_file makes it trusted; without it, the reason says so', async () => {
    const file = join(dir, 'tls.yaml');
    writeFileSync(file, `ca_file: ${join(dir, 'ca.pem')}\n`);
    const ok = await runCli(['status', '--config', file, '--trader', simA.url, '--prometheus', tlsUrl], { env: env('hal') });
    expect(ok.stdout).toMatch(/prometheus ok/);
    const untrusted = await runCli(['status', '--trader', simA.url, '--prometheus', tlsUrl], { env: env('hal') });
    expect(flat(untrusted.stdout)).toMatch(/prometheus DOWN \(TLS: .*\(ca_file names the CA that signed it\)\)/);
  });
});
