// A trader that exposes 100k series besides the contract's still shows its
// contract metrics: the body is read as it streams, under max_scrape_bytes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';
import { startTraderStub, type TraderStub } from '../helpers/trader-stub.js';

const tmp = useTempDir();
let trader: TraderStub;
beforeAll(async () => {
  trader = await startTraderStub();
});
afterAll(() => trader.close());

describe('a large /metrics', () => {
  it('100k series of other things: the contract metrics are read, the rest skipped', async () => {
    const lines: string[] = ['# TYPE app_requests_total counter'];
    for (let i = 0; i < 100_000; i++) lines.push(`app_requests_total{route="/r${i % 500}",pod="p${i}"} ${i}`);
    trader.set({ portfolio_drawdown: 0.112 }, lines.join('\n'));
    const r = await runCli(['status', '--trader', trader.url], { env: { XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir() }, timeoutMs: 20_000 });
    expect(r.stdout).toMatch(/^Drawdown +11\.2% +WARN/m);
    expect(r.stdout).toContain('metrics ok');
    expect(r.code).toBe(1);
  });
});
