import { afterEach, describe, expect, it } from 'vitest';
import { runSim, type SimCliOptions } from '../../src/cli/sim.js';
import { SCENARIOS } from '../../src/sim/index.js';
import { closeAll, start } from './helpers.js';

afterEach(closeAll);

function capture(): { out: string[]; err: string[]; io: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

const launched: AbortController[] = [];
afterEach(() => {
  for (const ctl of launched.splice(0)) ctl.abort(); // stops any server a failed test left running
});

/** Runs the command until it is listening (or has given up); returns its URL and a stop function. */
async function launch(opts: SimCliOptions, env: NodeJS.ProcessEnv = {}) {
  const c = capture();
  const ctl = new AbortController();
  launched.push(ctl);
  let url = '';
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const exit = runSim(opts, { ...c.io, env, signal: ctl.signal, onListening: (u) => ((url = u), listening()) });
  await Promise.race([ready, exit]);
  return { ...c, url, exit, stop: (): Promise<number> => (ctl.abort(), exit) };
}

describe('gptmon sim command', () => {
  it('--list prints every scenario with its line', async () => {
    const c = capture();
    expect(await runSim({ list: true }, c.io)).toBe(0);
    expect(c.out).toHaveLength(SCENARIOS.length);
    SCENARIOS.forEach((s, i) => expect(c.out[i]).toMatch(new RegExp(`^${s.name}\\s+\\S`)));
    expect(c.out.join('\n')).toContain('db-saturation');
    expect(c.err).toEqual([]);
  });

  const bad: [string, SimCliOptions][] = [
    ['port', { port: 'http' }],
    ['port', { port: '70000' }],
    ['port', { port: '-1' }],
    ['seed', { seed: '1.5' }],
    ['seed', { seed: 'abc' }],
    ['speed', { speed: '0' }],
    ['speed', { speed: 'fast' }],
    ['scenario', { scenario: 'meteor' }],
    ['host', { host: '  ' }],
    ['token', { token: 'has space' }],
  ];
  for (const [what, opts] of bad) {
    it(`refuses a bad ${what} (${JSON.stringify(opts)}) with exit 2 and one line`, async () => {
      const c = capture();
      expect(await runSim(opts, { ...c.io, env: {} })).toBe(2);
      expect(c.out).toEqual([]);
      expect(c.err).toHaveLength(1);
      expect(c.err[0]).toMatch(new RegExp(`^gptmon sim: .*${what}`));
      expect(c.err[0]).not.toMatch(/\n|at .*\.ts/);
    });
  }

  it('listens, prints where first, serves with the given token, stops cleanly', async () => {
    const run = await launch({ port: '0', scenario: 'drawdown', seed: '7', token: 'cli-token', speed: '2' });
    expect(run.out[0]).toMatch(/^gptmon sim listening on http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(run.out[0]).toBe(`gptmon sim listening on ${run.url}`);
    const text = run.out.join('\n');
    for (const part of ['drawdown', 'seed: 7', 'cli-token', `curl -X POST ${run.url}/sim/scenario`]) expect(text).toContain(part);
    const ok = await fetch(`${run.url}/admin/state`, { headers: { authorization: 'Bearer cli-token' } });
    expect(ok.status).toBe(200);
    expect((await fetch(`${run.url}/sim/scenario`).then((r) => r.json())) as unknown).toMatchObject({ name: 'drawdown' });
    expect(await run.stop()).toBe(0);
    await expect(fetch(`${run.url}/metrics`)).rejects.toThrow();
  });

  it('takes the token from GPTMON_TOKEN, else makes one up and prints it', async () => {
    const fromEnv = await launch({ port: '0' }, { GPTMON_TOKEN: 'env-token' });
    expect(fromEnv.out.join('\n')).toContain('env-token');
    const authorized = await fetch(`${fromEnv.url}/admin/state`, { headers: { authorization: 'Bearer env-token' } });
    expect(authorized.status).toBe(200);
    expect(await fromEnv.stop()).toBe(0);

    const made = await launch({ port: '0' });
    const token = /token: ([0-9a-f]{32})\b/.exec(made.out.join('\n'))?.[1];
    expect(token).toBeDefined();
    expect((await fetch(`${made.url}/admin/state`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await made.stop()).toBe(0);
  });

  it('exits 1 with one line when the port is taken', async () => {
    const busy = await start();
    const run = await launch({ port: String(busy.port) });
    expect(await run.exit).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^gptmon sim: cannot listen on 127\.0\.0\.1:\d+: address already in use$/)]);
    expect(run.out).toEqual([]);
  });
});
