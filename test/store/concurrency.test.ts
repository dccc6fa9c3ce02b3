// Several engineers writing the same state files at the same moment: real
// processes, real files, every write kept.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAckFile } from '../../src/store/ack-file.js';
import { ProgressStore } from '../../src/store/progress-file.js';
import { withFileLock } from '../../src/store/lock.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const dist = (p: string) => fileURLToPath(new URL(`../../dist/${p}`, import.meta.url));

/** Runs a module script in a child node process; resolves with its exit code and output. */
function child(script: string, opts: { uid?: number; gid?: number } = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (out += d.toString()));
    // A node this user may not run (a binary under root's home) fails the test at once, not by timeout.
    c.on('error', (err) => resolve({ code: null, out: `cannot run ${process.execPath}: ${err.message}` }));
    c.on('close', (code) => resolve({ code, out }));
  });
}

describe('shared state files under concurrent writers', () => {
  it('40 processes acknowledging at once, twice each, keep all 80 acks', async () => {
    const file = join(tmp.dir(), 'acks.json');
    const now = Date.now();
    const script = (n: number) => `
      const { updateAckFile } = await import(${JSON.stringify(dist('store/ack-file.js'))});
      for (const k of [0, 1]) {
        const id = 'p${n}-' + k;
        const r = updateAckFile(${JSON.stringify(file)}, ${now}, (l) => [...l, { id, alertname: 'A', matchers: { alertname: 'A' }, operator: 'x', comment: '', createdAt: ${now}, expiresAt: ${now} + 3600000, where: 'local' }]);
        if (!r.ok) { console.log(r.reason); process.exit(1); }
      }
    `;
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => child(script(n))));
    expect(results.filter((r) => r.code !== 0).map((r) => r.out)).toEqual([]);
    const read = readAckFile(file);
    expect(read.ok && read.value.length).toBe(80);
    // No lock or temp file is left behind.
    expect(readdirSync(tmp.dir()).sort()).toEqual(['acks.json']);
  }, 60_000); // forty Node start-ups on two busy cores can take longer than the default 20 s

  it('two processes marking 300 steps each keep all 600 marks', async () => {
    const file = join(tmp.dir(), 'runbook-progress.json');
    const script = (who: string) => `
      const { ProgressStore } = await import(${JSON.stringify(dist('store/progress-file.js'))});
      const store = new ProgressStore(${JSON.stringify(file)});
      for (let i = 0; i < 300; i++) store.record('K', 'memory', '${who}:' + i, { status: 'done', at: i, operator: '${who}' });
    `;
    const results = await Promise.all([child(script('ana')), child(script('ben'))]);
    expect(results.map((r) => r.out)).toEqual(['', '']);
    const steps = new ProgressStore(file).get('K')!.steps;
    expect(Object.keys(steps)).toHaveLength(600);
  });

  it('breaks a lock left by a process killed while holding it', async () => {
    const target = join(tmp.dir(), 'acks.json');
    const held = await child(`
      const { withFileLock } = await import(${JSON.stringify(dist('store/lock.js'))});
      withFileLock(${JSON.stringify(target)}, () => process.kill(process.pid, 'SIGKILL'));
    `);
    expect(held.code).toBe(null);
    expect(existsSync(`${target}.lock`)).toBe(true);
    const started = Date.now();
    expect(withFileLock(target, () => 'mine')).toBe('mine');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it('gives up on a live lock with a reason naming who holds it', () => {
    const target = join(tmp.dir(), 'acks.json');
    writeFileSync(`${target}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), nonce: 'other' }));
    expect(() => withFileLock(target, () => 1, { timeoutMs: 100 })).toThrow(new RegExp(`locked by process ${process.pid}`));
  });

  // Root reads everything: this one runs as a user, the cross-user tests below as root.
  it.skipIf(process.getuid?.() === 0)('a file that cannot be read is reported, never overwritten as if empty', () => {
    const file = join(tmp.dir(), 'runbook-progress.json');
    writeFileSync(file, JSON.stringify({ version: 1, progress: { K: { runbook: 'm', steps: { a: { status: 'done' } } } } }));
    chmodSync(file, 0o000);
    expect(() => new ProgressStore(file).record('K', 'm', 'b', { status: 'done' })).toThrow(/cannot read .*permission denied.*nothing was written/);
    chmodSync(file, 0o600);
    expect(Object.keys(new ProgressStore(file).get('K')!.steps)).toEqual(['a']);
  });

  const nobody = process.getuid?.() === 0 && spawnSync('id', ['-u', 'nobody']).status === 0;
  it.runIf(nobody)('a progress file written by one user is read and extended by another in a group-shared directory', async () => {
    const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    const dir = join(tmp.dir(), 'shared');
    spawnSync('mkdir', [dir]);
    chmodSync(tmp.dir(), 0o755);
    chownSync(dir, 0, gid);
    chmodSync(dir, 0o2775);
    const file = join(dir, 'runbook-progress.json');
    new ProgressStore(file).record('K', 'memory', 'diagnosis:1', { status: 'done', operator: 'root' });
    expect(statSync(file).mode & 0o777).toBe(0o660);
    expect(statSync(file).gid).toBe(gid);
    const res = await child(
      `const { ProgressStore } = await import(${JSON.stringify(dist('store/progress-file.js'))});
       new ProgressStore(${JSON.stringify(file)}).record('K', 'memory', 'diagnosis:2', { status: 'done', operator: 'nobody' });`,
      { uid, gid },
    );
    expect(res).toEqual({ code: 0, out: '' });
    expect(statSync(file).uid).toBe(uid);
    expect(Object.keys(new ProgressStore(file).get('K')!.steps).sort()).toEqual(['diagnosis:1', 'diagnosis:2']);
    // A file the other user cannot read is reported and left alone, never overwritten as if empty.
    chmodSync(file, 0o600);
    chownSync(file, 0, 0);
    const refused = await child(
      `const { ProgressStore } = await import(${JSON.stringify(dist('store/progress-file.js'))});
       try { new ProgressStore(${JSON.stringify(file)}).record('K', 'memory', 'diagnosis:3', { status: 'done' }); } catch (e) { console.log(e.message); }`,
      { uid, gid },
    );
    expect(refused.out).toMatch(/cannot read .*permission denied.*nothing was written/);
    expect(Object.keys(new ProgressStore(file).get('K')!.steps).sort()).toEqual(['diagnosis:1', 'diagnosis:2']);
  });

  it.runIf(nobody)('a rename refused by a sticky directory is reported as such', async () => {
    const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    const dir = join(tmp.dir(), 'sticky');
    spawnSync('mkdir', [dir]);
    chmodSync(tmp.dir(), 0o755);
    chownSync(dir, 0, gid);
    chmodSync(dir, 0o3775);
    const file = join(dir, 'runbook-progress.json');
    new ProgressStore(file).record('K', 'memory', 'diagnosis:1', { status: 'done' });
    const res = await child(
      `const { ProgressStore } = await import(${JSON.stringify(dist('store/progress-file.js'))});
       try { new ProgressStore(${JSON.stringify(file)}).record('K', 'memory', 'diagnosis:2', { status: 'done' }); } catch (e) { console.log(e.message); }`,
      { uid, gid },
    );
    expect(res.out).toMatch(/sticky directory/);
    expect(Object.keys(new ProgressStore(file).get('K')!.steps)).toEqual(['diagnosis:1']);
    expect(readFileSync(file, 'utf8')).toContain('diagnosis:1');
  });
});
