import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';

// On a terminal, without --confirm: the preview, then the action's name typed.
let sim: RunningSim;
let dir: string;
let tmux: Tmux | undefined;
const TOKEN = 'tty-token';

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-tty-'));
  sim = await startSim({ port: 0, token: TOKEN, seed: 9 });
});
afterEach(() => tmux?.kill());
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

const run = (args: string) => {
  tmux = new Tmux();
  tmux.start(`sh -c '${process.execPath} ${BIN} ${args} --trader ${sim.url}; echo "EXITED $?"; sleep 30'`, { columns: 100, rows: 20 }, { GPTMON_TOKEN: TOKEN, XDG_STATE_HOME: dir, USER: 'ana', HOME: dir });
  return tmux;
};
const posts = async () => ((await (await fetch(`${sim.url}/sim/requests`)).json()) as Array<{ method: string; path: string }>).filter((r) => r.method === 'POST' && r.path.startsWith('/admin'));

describe('a control on a terminal without --confirm', () => {
  it('shows what will happen and the current state, and a wrong word sends nothing', async () => {
    await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' });
    const t = run('halt --reason "drawdown 16%"');
    const screen = await t.waitForText('Type halt to go ahead:');
    expect(screen).toContain(`About to stop all trading on ${sim.url}`);
    expect(screen).toMatch(/Now: trading active, \d+ open positions, site primary, model primary/);
    expect(screen).toContain('Reason: drawdown 16%');
    t.text('hlat');
    t.keys('Enter');
    const after = await t.waitForText('EXITED 2');
    expect(after).toContain('gptmon halt: refused: typed "hlat", not "halt"; nothing was sent');
    expect(await posts()).toEqual([]);
  });

  it('the right word halts, verified', async () => {
    const t = run('halt --reason "drawdown 16%"');
    await t.waitForText('Type halt to go ahead:');
    t.text('halt');
    t.keys('Enter');
    const after = await t.waitForText('EXITED 0');
    expect(after).toMatch(/halt: verified in \d+ms: trading halted/);
  });

  it.each([
    ['C-c', 'cancelled with Ctrl-C at the prompt'],
    ['C-d', 'no answer at the prompt (end of input)'],
  ])('%s at the prompt is a refusal: exit 2, nothing sent, audited, no stack', async (key, why) => {
    await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' });
    const t = run('halt --reason "ctrl test"');
    await t.waitForText('Type halt to go ahead:');
    t.keys(key);
    const after = await t.waitForText(/EXITED \d+/);
    expect(after).toContain('EXITED 2');
    expect(after).toContain(`gptmon halt: refused: ${why}; nothing was sent`);
    expect(after).not.toMatch(/internal error|\n\s+at /);
    expect(await posts()).toEqual([]);
    const last = JSON.parse(readFileSync(join(dir, 'gptmon', 'audit.log'), 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ action: 'halt', result: 'refused', reason: 'ctrl test', detail: `${why}; nothing was sent` });
  });

  it('Ctrl-C while the current state is still being read is a refusal too', async () => {
    const hung = await startSim({ port: 0, token: TOKEN, seed: 9, scenario: 'system-down' });
    try {
      tmux = new Tmux();
      // Ctrl-C in cooked mode signals the whole foreground group: the shell traps it to stay and report.
      tmux.start(`bash -c 'trap "echo" INT; ${process.execPath} ${BIN} halt --reason "hung" --trader ${hung.url}; echo "EXITED $?"; sleep 30'`, { columns: 100, rows: 20 }, { GPTMON_TOKEN: TOKEN, XDG_STATE_HOME: dir, USER: 'ana', HOME: dir });
      await tmux.waitForText('About to stop all trading');
      tmux.keys('C-c');
      const after = await tmux.waitForText(/EXITED \d+/);
      expect(after).toContain('EXITED 2');
      expect(after).toContain('gptmon halt: refused: cancelled with Ctrl-C before the prompt; nothing was sent');
      const last = JSON.parse(readFileSync(join(dir, 'gptmon', 'audit.log'), 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(last).toMatchObject({ action: 'halt', result: 'refused', reason: 'hung' });
    } finally {
      await hung.close();
    }
  });
});
