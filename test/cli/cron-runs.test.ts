// `gptmon status` run every 20 s (cron, Nagios) agrees with Prometheus about
// the latency alerts: each run carries the histogram counts of the last one as
// its baseline, and the alert states, so HighAPILatency pends for its 2m and
// fires, as the rule in Prometheus would. Each run is a fresh monitor (a fresh
// process), under a fake clock and the simulator's manual one.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnce } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config/load.js';
import { Monitor } from '../../src/monitor/monitor.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let sim: RunningSim;
beforeAll(async () => {
  sim = await startSim({ port: 0, token: 't', seed: 21, manualClock: true, scenario: 'api-rate-limit' });
  sim.advance(30);
});
afterAll(() => sim.close());

describe('one-shot runs every 20 s', () => {
  it('fire HighAPILatency after its 2m, as Prometheus would, and need no second scrape once a baseline is carried', async () => {
    const { config } = loadConfig({ trader: sim.url }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    const stateFile = join(tmp.dir(), 'alert-state.json');
    let now = Date.parse('2026-11-25T03:00:00Z');
    const seen: string[] = [];
    let waits = 0;
    for (let run = 0; run <= 8; run++) {
      const monitor = new Monitor({ config, ackFile: join(tmp.dir(), 'acks.json'), clock: () => now });
      const snap = await readOnce(monitor, config, {
        stateFile,
        wait: async (ms) => {
          waits++;
          now += ms;
          sim.advance(ms / 1000);
        },
      });
      await monitor.close();
      seen.push(snap.alerts.find((a) => a.name === 'HighAPILatency')?.state ?? 'none');
      now += 20_000;
      sim.advance(20);
    }
    // Pending from the first run with a quantile (the second scrape of run 0), firing once 2m have passed.
    expect(seen.slice(0, 6).every((s) => s === 'pending')).toBe(true);
    expect(seen.at(-1)).toBe('firing');
    // Only the first run had no baseline to compare against.
    expect(waits).toBe(1);
  });
});
