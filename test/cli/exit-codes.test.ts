// `gptmon status` exits as its worst row and its worst firing alert say, and
// never 0 on what it could not see (Nagios: 0 OK, 1 warning, 2 critical, 3 unknown).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { deadPort } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';
import { startTraderStub, type TraderStub } from '../helpers/trader-stub.js';

const tmp = useTempDir();
let trader: TraderStub;
beforeAll(async () => {
  trader = await startTraderStub();
});
afterAll(() => trader.close());

const status = (url: string) => runCli(['status', '--trader', url], { env: { XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir() } });

describe('gptmon status exit codes', () => {
  it('calm: 0', async () => {
    trader.set({});
    const r = await status(trader.url);
    expect(r.stdout.split('\n')[0]).toMatch(/^GPT-Trader OK/);
    expect(r.code).toBe(0);
  });

  it('only a warning line crossed (drawdown 10.6%): WARNING, exit 1, the row WARN, DrawdownWarning medium', async () => {
    trader.set({ portfolio_drawdown: 0.106 });
    const r = await status(trader.url);
    expect(r.stdout).toMatch(/^GPT-Trader WARNING/);
    expect(r.stdout).toMatch(/^Drawdown +10\.6% +WARN/m);
    expect(r.stdout).toMatch(/alerts: 1 firing \(DrawdownWarning\)/);
    expect(r.code).toBe(1);
  });

  it.each([['NaN', NaN], ['missing', undefined]])('drawdown %s: WARNING, exit 1, never OK', async (why, value) => {
    trader.set({ portfolio_drawdown: value });
    const r = await status(trader.url);
    expect(r.stdout).toMatch(/^GPT-Trader WARNING/);
    expect(r.stdout).toMatch(new RegExp(`^why: Drawdown: no data \\(${why}\\)`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^Drawdown +— +WARN .*no data \\(${why}\\)`, 'm'));
    expect(r.code).toBe(1);
  });

  it('several series: the worst with its labels, and CRITICAL', async () => {
    trader.set({ portfolio_drawdown: undefined }, 'portfolio_drawdown{desk="a"} 0.01\nportfolio_drawdown{desk="b"} 0.5');
    const r = await status(trader.url);
    expect(r.stdout).toMatch(/^Drawdown +50\.0% +CRIT +>10│15% +desk=b$/m);
    expect(r.code).toBe(2);
  });

  it('unreadable lines are named and make it a warning', async () => {
    trader.set({}, 'broken{ 1\nalso broken');
    const r = await status(trader.url);
    expect(r.stdout).toMatch(/why: \/metrics: 2 lines unreadable/);
    expect(r.code).toBe(1);
  });

  it('the trader dark: UNKNOWN (3) with how long, until SystemDown has fired; then CRITICAL (2)', async () => {
    const dead = await deadPort();
    const first = await status(dead);
    expect(first.stdout).toMatch(/^GPT-Trader UNKNOWN/);
    expect(first.code).toBe(3);
    // A run a minute and more into the outage: the state the runs before it left (cron, every 20 s).
    const now = Date.now();
    mkdirSync(join(tmp.dir(), 'gptmon'), { recursive: true });
    writeFileSync(
      join(tmp.dir(), 'gptmon', 'alert-state.json'),
      JSON.stringify({ version: 2, trader: dead, savedAt: now - 20_000, tracks: { SystemDown: { alert: 'SystemDown', track: { state: 'pending', activeAt: now - 70_000, value: 0 } } }, histograms: {} }),
    );
    const later = await status(dead);
    expect(later.stdout).toMatch(/^GPT-Trader CRITICAL/);
    expect(later.stdout).toMatch(/^why: SystemDown firing: the trader has not answered for 1m1\ds/m);
    expect(later.code).toBe(2);
  });

  it('the trader dark before SystemDown has fired says how long it has not answered', async () => {
    const dead = await deadPort();
    const now = Date.now();
    mkdirSync(join(tmp.dir(), 'gptmon'), { recursive: true });
    writeFileSync(join(tmp.dir(), 'gptmon', 'alert-state.json'), JSON.stringify({ version: 2, trader: dead, savedAt: now - 20_000, tracks: { SystemDown: { alert: 'SystemDown', track: { state: 'pending', activeAt: now - 40_000, value: 0 } } }, histograms: {} }));
    const r = await status(dead);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^why: trader not answering for 4\ds$/m);
    expect(r.stdout).toMatch(/alerts: 0 firing, 1 pending/);
  });
});
