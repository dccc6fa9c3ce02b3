import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { deadPort } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';

const TOKEN = 's3cret-token-value';
const tmp = useTempDir();
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: TOKEN, seed: 5 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  // Every test starts from a trading, primary, full-size trader that has seen nothing.
  await fetch(`${sim.url}/sim/faults`, { method: 'DELETE' });
  for (const path of ['/admin/resume', '/admin/position-scale']) {
    await fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ scale: 1 }) });
  }
  await fetch(`${sim.url}/admin/failover`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ target: 'primary' }) });
  await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' });
});

const env = (extra: Record<string, string> = {}) => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: 'ana', GPTMON_TOKEN: TOKEN, ...extra });
const state = async () => (await (await fetch(`${sim.url}/admin/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, unknown>;
const adminRequests = async () => ((await (await fetch(`${sim.url}/sim/requests`)).json()) as Array<{ method: string; path: string; idempotency_key?: string }>).filter((r) => r.path.startsWith('/admin/') && r.method === 'POST');
const audit = () =>
  readFileSync(join(tmp.dir(), 'gptmon', 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('control actions against the simulator', () => {
  it.each([
    ['halt', [], { trading: 'halted' }],
    ['flatten', [], { open_positions: 0 }],
    ['failover', ['--target', 'secondary'], { site: 'secondary' }],
    ['fallback-model', [], { model: 'fallback' }],
    ['reduce', ['--scale', '0.5'], { position_scale: 0.5 }],
  ] as const)('%s changes the state, and says so only once it sees it', async (action, extra, expected) => {
    const r = await runCli([action, '--confirm', '--reason', 'test', '--trader', sim.url, ...extra], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${action}: verified in \\d+ms: trading `));
    expect(await state()).toMatchObject(expected);
    expect(audit().at(-1)).toMatchObject({ action, result: 'verified', operator: 'ana', reason: 'test', target: sim.url, via: 'cli' });
  });

  it('resume after halt, and repeating is harmless', async () => {
    for (const a of ['halt', 'halt', 'resume', 'resume']) expect((await runCli([a, '--confirm', '--trader', sim.url], { env: env() })).code).toBe(0);
    expect(await state()).toMatchObject({ trading: 'active' });
  });

  it('no --confirm and no terminal: exit 2, nothing sent, audited as refused', async () => {
    const r = await runCli(['halt', '--trader', sim.url], { env: env() });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'gptmon halt: refused: no --confirm and no terminal to ask on; nothing was sent\n' });
    const seen = ((await (await fetch(`${sim.url}/sim/requests`)).json()) as Array<{ path: string }>).filter((x) => x.path.startsWith('/admin'));
    expect(seen).toEqual([]);
    expect(await state()).toMatchObject({ trading: 'active' });
    expect(audit().at(-1)).toMatchObject({ action: 'halt', result: 'refused' });
  });

  it('a wrong token exits 1 as an authentication problem, and the token is never printed', async () => {
    const r = await runCli(['halt', '--confirm', '--trader', sim.url], { env: env({ GPTMON_TOKEN: 'wrong-token-value' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gptmon halt: FAILED: authentication refused (HTTP 401): check GPTMON_TOKEN, GPTMON_TOKEN_FILE or token_file\n');
    expect(r.stdout + r.stderr + readFileSync(join(tmp.dir(), 'gptmon', 'audit.log'), 'utf8')).not.toContain('wrong-token-value');
    expect(await adminRequests()).toHaveLength(1);
    expect(audit().at(-1)).toMatchObject({ result: 'failed' });
  });

  it('the simulator down: exit 1 within the deadline', async () => {
    const r = await runCli(['halt', '--confirm', '--deadline', '2s', '--trader', await deadPort()], { env: env(), timeoutMs: 10_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gptmon halt: FAILED: connection refused \(\d+ attempts\); the state could not be read \(connection refused\)\n$/);
    expectNoStack(r.stderr);
    expect(audit().at(-1)).toMatchObject({ result: 'failed' });
  });

  it('503 twice then 200: succeeds, with one idempotency key across the tries', async () => {
    await fetch(`${sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ path: '/admin/halt', status: 503, times: 2 }) });
    const r = await runCli(['halt', '--confirm', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    const posts = await adminRequests();
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.idempotency_key)).size).toBe(1);
    expect(posts[0]!.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(audit().at(-1)).toMatchObject({ result: 'verified', idempotency_key: posts[0]!.idempotency_key });
  });

  it('a POST that keeps failing is reported with what the state shows after it', async () => {
    // 503 on every try: the simulator applies nothing, and the state read after says so.
    await fetch(`${sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ path: '/admin/halt', status: 503, times: 50 }) });
    const r = await runCli(['halt', '--confirm', '--deadline', '1s', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gptmon halt: FAILED: HTTP 503 \(\d+ attempts\); the state shows trading active/);
  });

  it('a 4xx is not retried', async () => {
    await fetch(`${sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ path: '/admin/halt', status: 400, times: 5 }) });
    const r = await runCli(['halt', '--confirm', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gptmon halt: FAILED: refused (HTTP 400: injected)\n');
    expect(await adminRequests()).toHaveLength(1);
  });

  it('a token file others can read is refused, with the chmod advice', async () => {
    const tokenFile = tmp.file('token', `${TOKEN}\n`);
    chmodSync(tokenFile, 0o640);
    const config = tmp.file('gptmon.yaml', `trader: ${sim.url}\ntoken_file: ${tokenFile}\n`);
    const r = await runCli(['halt', '--confirm', '--config', config], { env: env({ GPTMON_TOKEN: '' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`gptmon halt: FAILED: token file ${tokenFile} is readable by others (mode 640): run chmod 600 ${tokenFile}\n`);
    expect(await adminRequests()).toHaveLength(0);
    chmodSync(tokenFile, 0o600);
    expect((await runCli(['halt', '--confirm', '--config', config], { env: env({ GPTMON_TOKEN: '' }) })).code).toBe(0);
  });

  it('plain http to a host other than loopback is refused unless allow_insecure', async () => {
    const r = await runCli(['halt', '--confirm', '--trader', 'http://10.255.255.1:8080'], { env: env() });
    expect(r).toMatchObject({ code: 1, stderr: 'gptmon halt: FAILED: refusing to send the token over plain http to 10.255.255.1:8080: use https, or set allow_insecure: true in the config\n' });
  });

  it('--dry-run prints the exact request with the token masked, and sends nothing', async () => {
    const r = await runCli(['failover', '--dry-run', '--reason', 'site A dark', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`POST ${sim.url}/admin/failover\nAuthorization: Bearer ********\nContent-Type: application/json\nIdempotency-Key: `);
    expect(r.stdout).toContain('{"target":"secondary","reason":"site A dark","operator":"ana"}');
    expect(r.stdout).not.toContain(TOKEN);
    expect(await adminRequests()).toHaveLength(0);
    expect(audit().at(-1)).toMatchObject({ action: 'failover', result: 'dry-run' });
  });

  it('halt --flatten: halts, then closes every position, verifying each', async () => {
    const r = await runCli(['halt', '--flatten', '--confirm', '--reason', 'drawdown 16%', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^halt: verified .*\nflatten: verified .*0 open positions/);
    expect(await state()).toMatchObject({ trading: 'halted', open_positions: 0 });
    expect(audit().slice(-4).map((e) => `${e.action} ${e.result}`)).toEqual(['halt attempt', 'halt verified', 'flatten attempt', 'flatten verified']);
  });

  it('halt --flatten stops at the first failure and says where', async () => {
    await fetch(`${sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ path: '/admin/close-positions', status: 409, times: 5 }) });
    const r = await runCli(['halt', '--flatten', '--confirm', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^halt: verified/);
    expect(r.stderr).toContain('gptmon flatten: FAILED: refused (HTTP 409: injected)');
    expect(await state()).toMatchObject({ trading: 'halted' });
  });

  it('gptmon audit reads it back', async () => {
    await runCli(['halt', '--confirm', '--reason', 'audit me', '--trader', sim.url], { env: env() });
    const text = await runCli(['audit', '--since', '1h'], { env: env() });
    expect(text.stdout).toMatch(/ ana +halt +verified audit me · trading halted/);
    const json = await runCli(['audit', '--json'], { env: env() });
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as Array<{ reason: string; host: string; duration_ms: number; result: string }>;
    expect(entries.slice(-2).map((e) => e.result)).toEqual(['attempt', 'verified']);
    expect(entries.at(-1)).toMatchObject({ reason: 'audit me' });
    expect(typeof entries.at(-1)!.host).toBe('string');
    expect(typeof entries.at(-1)!.duration_ms).toBe('number');
  });
});
