// One night through the real console in a real terminal: a drawdown past 15%,
// its recovery, then a daily loss. At every step the strip reads live alerts
// first and resolved ones below, and the header never reads calmer than that.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';

let sim: RunningSim;
let dir: string;
const tmux = new Tmux();

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-night-'));
  sim = await startSim({ port: 0, token: 'night-token', seed: 12 });
});
afterAll(async () => {
  await tmux.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

/** The alert strip's lines, top to bottom: state and name of each. */
function strip(screen: string): Array<{ name: string; state: string }> {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => /┌ Alerts/.test(l));
  return lines
    .slice(top + 1)
    .map((l) => /[✖▲●·] (?:CRIT|HIGH|MED|LOW) +([A-Za-z]+) .*?(firing|pending|resolved)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, state: m[2]! }));
}

const rank = { firing: 0, pending: 1, resolved: 2 } as const;
const liveFirst = (rows: Array<{ state: string }>) => rows.every((r, i) => i === 0 || rank[rows[i - 1]!.state as keyof typeof rank] <= rank[r.state as keyof typeof rank]);

describe('a night in the console', () => {
  it('drawdown, recovery, daily loss: live alerts always above resolved ones', async () => {
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir };
    tmux.start(`${process.execPath} ${BIN} tui --trader ${sim.url}`, { columns: 100, rows: 30 }, env);
    await tmux.waitForText('TRADING ACTIVE');

    sim.setScenario('drawdown');
    sim.advance(60);
    let s = await tmux.waitForText(/✖ CRIT ExcessiveDrawdown +1\d\.\d% > 15% +firing/);
    expect(s.split('\n')[0]).toMatch(/✖ CRIT 1/);
    expect(strip(s)[0]).toEqual({ name: 'ExcessiveDrawdown', state: 'firing' });

    sim.setScenario('calm');
    sim.advance(120);
    s = await tmux.waitForText(/ExcessiveDrawdown .*resolved/);
    expect(strip(s).every((r) => r.state === 'resolved')).toBe(true);

    sim.setScenario('flash-crash');
    sim.advance(40);
    s = await tmux.waitForText(/DailyLossLimit .*firing/);
    const rows = strip(s);
    expect(liveFirst(rows)).toBe(true);
    expect(rows[0]).toMatchObject({ state: 'firing' });
    expect(rows.filter((r) => r.state === 'resolved').map((r) => r.name)).toContain('ExcessiveDrawdown');
    expect(s.split('\n')[0]).toMatch(/✖ CRIT \d/);
    tmux.keys('q');
  });
});
