import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN, expectNoStack, runCli, type CliResult } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

// The controls' guarantees under what goes wrong: a token that cannot be sent,
// a trader that holds the POST, an audit log that cannot be written, a process
// killed mid-POST, credentials in the trader URL. Real HTTP against the simulator.

const TOKEN = 'safety-token-value';
const tmp = useTempDir();
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: TOKEN, seed: 11 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/sim/scenario`, { method: 'POST', body: JSON.stringify({ name: 'calm' }) });
  await fetch(`${sim.url}/admin/resume`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' });
});

const env = (extra: Record<string, string> = {}) => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: 'ana', GPTMON_TOKEN: TOKEN, ...extra });
const trading = async () => ((await (await fetch(`${sim.url}/admin/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { trading: string }).trading;
const adminRequests = async () => ((await (await fetch(`${sim.url}/sim/requests`)).json()) as Array<{ path: string; method: string; idempotency_key: string | null }>).filter((r) => r.path.startsWith('/admin/'));
const auditFile = () => join(tmp.dir(), 'gptmon', 'audit.log');
const auditLines = (file = auditFile()) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const configWith = (lines: string) => tmp.file('gptmon.yaml', `trader: ${sim.url}\n${lines}`);

describe('a token that cannot go in a header', () => {
  it('a token file with a second line: exit 1 at once, nothing sent, the file named, the token not printed', async () => {
    const tokenFile = tmp.file('token', `${TOKEN}\n# rotated 2026-11\n`);
    chmodSync(tokenFile, 0o600);
    const r = await runCli(['halt', '--confirm', '--config', configWith(`token_file: ${tokenFile}\n`)], { env: env({ GPTMON_TOKEN: '' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`gptmon halt: FAILED: token file ${tokenFile} has more than one line; it must hold the token alone, on one line\n`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(await adminRequests()).toEqual([]);
    expect(auditLines().at(-1)).toMatchObject({ action: 'halt', result: 'failed' });
  });

  it('GPTMON_TOKEN with a control character: exit 1, nothing sent, the variable named', async () => {
    const r = await runCli(['halt', '--confirm', '--trader', sim.url], { env: env({ GPTMON_TOKEN: `${TOKEN}\x01` }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`gptmon halt: FAILED: GPTMON_TOKEN has a control character at character ${TOKEN.length + 1}; a token is one line of printable ASCII\n`);
    expect(await adminRequests()).toEqual([]);
  });

  it('GPTMON_TOKEN_FILE names a private file, and wins over the config', async () => {
    const good = tmp.file('token-env', `${TOKEN}\r\n`);
    chmodSync(good, 0o600);
    const r = await runCli(['halt', '--confirm', '--config', configWith('token_file: /nonexistent/token\n')], { env: env({ GPTMON_TOKEN: '', GPTMON_TOKEN_FILE: good }) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await trading()).toBe('halted');
    chmodSync(good, 0o644);
    const open = await runCli(['resume', '--confirm', '--trader', sim.url], { env: env({ GPTMON_TOKEN: '', GPTMON_TOKEN_FILE: good }) });
    expect(open).toMatchObject({ code: 1, stderr: `gptmon resume: FAILED: token file ${good} (GPTMON_TOKEN_FILE) is readable by others (mode 644): run chmod 600 ${good}\n` });
  });
});

describe('every control ends within its deadline plus a second', () => {
  it('a trader that holds every request: the read-back after the failed POST stays inside the deadline', async () => {
    await fetch(`${sim.url}/sim/scenario`, { method: 'POST', body: JSON.stringify({ name: 'system-down' }) });
    const started = Date.now();
    const r = await runCli(['halt', '--confirm', '--deadline', '3s', '--trader', sim.url], { env: env(), timeoutMs: 15_000 });
    const took = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gptmon halt: FAILED: timed out after .*; the state could not be read \(timed out after .*\)\n$/);
    // The contract of --deadline: an answer by the deadline plus one second (it used to take the
    // deadline plus a whole request timeout). Timed by the command itself, so a slow start-up on a
    // busy machine does not count; the wall clock only has to agree roughly.
    const lines = auditLines();
    expect(lines.map((e) => e.result)).toEqual(['attempt', 'failed']);
    expect(lines[1]!.duration_ms as number).toBeLessThan(3000 + 1000);
    expect(took).toBeLessThan(5500);
  });
});

describe('the audit trail is complete, or the command says it is not', () => {
  it('an audit directory that is a file: the trader is halted, verified, and the command exits 1 with AUDIT FAILED', async () => {
    const notADir = tmp.file('not-a-dir', 'a file\n');
    const config = configWith(`audit_log: ${notADir}/audit.log\n`);
    const r = await runCli(['halt', '--confirm', '--config', config], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^halt: verified in \d+ms: trading halted/);
    expect(r.stderr).toMatch(/^gptmon halt: AUDIT FAILED: cannot .*not-a-dir.*: a part of the path is a file, not a directory\n$/);
    expectNoStack(r.stderr);
    expect(await trading()).toBe('halted');
    // A refusal stays a refusal (2), and says its audit failed too.
    const refused = await runCli(['resume', '--config', config], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('gptmon resume: refused: no --confirm');
    expect(refused.stderr).toContain('gptmon resume: AUDIT FAILED: ');
    const dry = await runCli(['resume', '--dry-run', '--config', config], { env: env() });
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('gptmon resume: AUDIT FAILED: ');
  });

  it('a full disk (a file-size limit): verified halt, exit 1, AUDIT FAILED, and no partial line left in the log', async () => {
    const log = join(tmp.dir(), 'audit-full.log');
    // Old entries filling the file to just under 8 KiB: no new line fits.
    const old = (reason: string) => `${JSON.stringify({ time: '2026-11-01T00:00:00.000Z', operator: 'old', host: 'h', action: 'halt', reason, target: sim.url, result: 'verified', duration_ms: 1, via: 'cli' })}\n`;
    let text = '';
    while (text.length + old('x'.repeat(100)).length <= 8100) text += old('x'.repeat(100));
    text += old('y'.repeat(8150 - text.length - old('').length));
    writeFileSync(log, text);
    const config = configWith(`audit_log: ${log}\n`);
    const r = await runLimited(['halt', '--confirm', '--config', config], 8, env());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^halt: verified in \d+ms: trading halted/);
    expect(r.stderr).toMatch(/^gptmon halt: AUDIT FAILED: cannot write .*audit-full\.log: file too large/);
    expect(await trading()).toBe('halted');
    expect(statSync(log).size).toBe(text.length);
    expect(auditLines(log)).toHaveLength(text.split('\n').length - 1);
  });

  it('kill -9 while the POST is out: the attempt line stays, and gptmon audit shows it without an end', async () => {
    await fetch(`${sim.url}/sim/scenario`, { method: 'POST', body: JSON.stringify({ name: 'system-down' }) });
    const child = spawn(process.execPath, [BIN, 'halt', '--confirm', '--reason', 'drawdown', '--trader', sim.url], { env: { PATH: process.env.PATH, HOME: tmp.dir(), ...env() }, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    const post = await waitFor('the held POST', async () => (await adminRequests()).find((x) => x.method === 'POST'));
    expect(existsSync(auditFile())).toBe(true);
    child.kill('SIGKILL');
    await exited;
    const lines = auditLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ action: 'halt', result: 'attempt', operator: 'ana', reason: 'drawdown', target: sim.url, idempotency_key: post.idempotency_key });
    const shown = await runCli(['audit'], { env: env() });
    expect(shown.stdout).toMatch(/ ana +halt +attempt +drawdown · no end recorded: whether it took effect is unknown/);
  });

  it('gptmon audit --json is one JSON array; a corrupt line is named by its number', async () => {
    await runCli(['halt', '--confirm', '--reason', 'first', '--trader', sim.url], { env: env() });
    writeFileSync(auditFile(), `${readFileSync(auditFile(), 'utf8')}{"time": "2026-11-25T10:00:0\n`);
    await runCli(['resume', '--confirm', '--reason', 'second', '--trader', sim.url], { env: env() });
    const r = await runCli(['audit', '--json'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${auditFile()}:3: not an audit entry\n`);
    const entries = JSON.parse(r.stdout) as Array<{ action: string; result: string }>;
    expect(entries.map((e) => `${e.action} ${e.result}`)).toEqual(['halt attempt', 'halt verified', 'resume attempt', 'resume verified']);
    const human = await runCli(['audit'], { env: env() });
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(`${auditFile()}:3: not an audit entry\n`);
    expect(human.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('credentials in the trader URL', () => {
  const withCredentials = () => sim.url.replace('http://', 'http://ops:hunter2pw@');

  it('are masked in --dry-run and in the audit log, and never printed', async () => {
    const dry = await runCli(['halt', '--dry-run', '--trader', withCredentials()], { env: env() });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`POST ${sim.url.replace('http://', 'http://ops:***@')}/admin/halt\n`);
    const real = await runCli(['halt', '--confirm', '--trader', withCredentials()], { env: env() });
    expect(real.code).toBe(0);
    await fetch(`${sim.url}/sim/scenario`, { method: 'POST', body: JSON.stringify({ name: 'system-down' }) });
    const failed = await runCli(['resume', '--confirm', '--deadline', '1s', '--trader', withCredentials()], { env: env() });
    expect(failed.code).toBe(1);
    const log = readFileSync(auditFile(), 'utf8');
    for (const text of [dry.stdout, dry.stderr, real.stdout, real.stderr, failed.stdout, failed.stderr, log]) expect(text).not.toContain('hunter2pw');
    expect(new Set(auditLines().map((e) => e.target))).toEqual(new Set([sim.url.replace('http://', 'http://ops:***@')]));
  });
});

/** The CLI under a file-size limit (KiB), as a full disk would stop it. */
function runLimited(args: string[], limitKb: number, extraEnv: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('bash', ['-c', `ulimit -f ${limitKb}; exec ${quoted}`], { env: { PATH: process.env.PATH, HOME: '/nonexistent-gptmon-home', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
