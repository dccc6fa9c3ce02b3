// `gptmon review daily` against a real Prometheus scraping the simulator:
// the figures are the day's (a peak that has passed is still the peak), each
// checked against what the test reads from Prometheus's raw samples itself.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { ensureInstalled, startPrometheus, tail, type Daemon } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';

let dir: string;
let sim: RunningSim;
let prom: Daemon | undefined;

beforeAll(async () => {
  ensureInstalled(['prometheus']);
  dir = mkdtempSync(join(tmpdir(), 'gptmon-review-'));
  sim = await startSim({ port: 0, token: 't', seed: 11 });
  prom = await startPrometheus(dir, { target: new URL(sim.url).host });
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

const env = () => ({ XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana' });

/** Every raw sample Prometheus holds of a series over the last hour. */
async function raw(series: string): Promise<number[]> {
  const body = (await (await fetch(`${prom!.url}/api/v1/query?query=${encodeURIComponent(`${series}[1h]`)}`)).json()) as { data: { result: Array<{ values: Array<[number, string]> }> } };
  return body.data.result.flatMap((r) => r.values.map((v) => Number(v[1])));
}

const latest = async (expr: string) => {
  const body = (await (await fetch(`${prom!.url}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { data: { result: Array<{ value: [number, string] }> } };
  return body.data.result[0] ? Number(body.data.result[0].value[1]) : undefined;
};

describe('review daily over a day in Prometheus', () => {
  it("a breach that has passed is still the day's peak: the risk limit is an issue though exposure is back within now", async () => {
    sim.setScenario('risk-breach');
    sim.advance(40);
    await waitFor('Prometheus to see exposure past $1M', async () => ((await latest('total_exposure')) ?? 0) > 1_000_000, 20_000).catch((err) => {
      throw new Error(`${err}\n${tail(prom!.log)}`);
    });
    sim.setScenario('calm');
    sim.advance(120);
    await waitFor('Prometheus to see exposure back under $800K', async () => ((await latest('total_exposure')) ?? Infinity) < 800_000, 20_000);
    // And trades counted: two samples of the counter at least.
    await waitFor('two trades_total samples', async () => (await raw('trades_total')).length >= 2, 20_000);

    const ddBefore = Math.max(...(await raw('portfolio_drawdown')));
    const r = await runCli(['review', 'daily', '--json', '--prometheus', prom!.url, '--trader', sim.url], { env: env() });
    expectNoStack(r.stderr);
    const doc = JSON.parse(r.stdout);
    expect(doc.basis).toBe('day');
    const peak = Math.max(...(await raw('total_exposure')));
    // Prometheus's max_over_time over the day is the largest raw sample: the test's own reading.
    expect(doc.figures.total_exposure).toEqual({ basis: 'day', value: peak });
    expect(doc.limits[0]).toMatchObject({ key: 'max_exposure', state: 'over', peak });
    // The drawdown still moves (the simulator runs on): the day's max lies between the samples before and after the run.
    const ddAfter = Math.max(...(await raw('portfolio_drawdown')));
    expect(doc.figures.max_drawdown.value).toBeGreaterThanOrEqual(ddBefore);
    expect(doc.figures.max_drawdown.value).toBeLessThanOrEqual(ddAfter);
    expect((await raw('portfolio_drawdown')).some((v) => v === doc.figures.max_drawdown.value)).toBe(true);
    expect(doc.figures.trades.value).toBeGreaterThan(0);
    expect(doc.issues).toContain(`Risk limit max_exposure passed: Exposure $${(peak / 1e6).toFixed(2)}M > $1.00M`);
    expect(r.code).toBe(1);

    const text = await runCli(['review', 'daily', '--prometheus', prom!.url, '--trader', sim.url], { env: env() });
    expect(text.stdout).not.toContain('history needs Prometheus');
    expect(text.stdout).not.toContain('(now');
    expect(text.stdout).toMatch(/^peaks: cpu \d+\.\d% · mem/m);
    expect(text.stdout).toMatch(/^risk limits \(peak\/limit\): Exposure \$[\d.]+M\/\$1\.00M OVER/m);
  }, 90_000);

  it('Prometheus unreachable: every figure says why, exit 3', async () => {
    const ddBefore = Math.max(...(await raw('portfolio_drawdown')));
    const r = await runCli(['review', 'daily', '--json', '--prometheus', 'http://127.0.0.1:9', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.figures.win_rate).toMatchObject({ basis: 'day', error: expect.stringMatching(/refused/) });
  });
});
