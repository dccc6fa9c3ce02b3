// A night in minutes: the simulator at `speed` times real time and the console
// refreshing every 250 ms (its shortest), read from /proc every 10 s. Flat
// memory means the slope over the second half is about nothing: the figure is
// what that slope would add over 8 hours of 1 s refreshes, against the memory
// after the first minutes.

import { startSim } from '../dist/sim/index.js';
import { findProcess, memoryMb } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep, until } from './lib/stats.mjs';

const BIN = new URL('../bin/gptmon.js', import.meta.url).pathname;
const REFRESH_MS = 250;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}

export async function measureSoak({ seconds, speed, stateDir }) {
  const token = 'soak-token';
  const sim = await startSim({ port: 0, token, seed: 7, speed });
  const marker = `soak-${process.pid}`;
  const pty = underPty(`${BIN} tui --refresh ${REFRESH_MS}ms --trader ${sim.url}`, { env: { XDG_STATE_HOME: `${stateDir}/soak`, XDG_CONFIG_HOME: stateDir, GPTMON_BENCH_MARKER: marker, GPTMON_TOKEN: token } });
  try {
    await until(() => /TRADING/.test(pty.screen()), 30_000, 20);
    const pid = findProcess('node', marker);
    if (!pid) return { error: 'did not start' };
    const samples = [];
    const t0 = performance.now();
    for (;;) {
      const t = (performance.now() - t0) / 1000;
      samples.push({ t, ...memoryMb(pid) });
      if (t >= seconds) break;
      await sleep(Math.min(10_000, (seconds - t) * 1000 + 1));
    }
    const half = samples.filter((s) => s.t >= seconds / 2);
    const refreshes = seconds / (REFRESH_MS / 1000);
    // Per refresh, then over the refreshes of 8 hours at 1 s.
    const perRefresh = (key) => slope(half.map((s) => ({ x: s.t / (REFRESH_MS / 1000), y: s[key] })));
    const eightHours = 8 * 3600;
    const base = half[0];
    const last = samples.at(-1);
    return {
      seconds,
      speed,
      refreshMs: REFRESH_MS,
      refreshes,
      simulatedHours: (seconds * speed) / 3600,
      anonSlopeMbPer8h: perRefresh('anon') * eightHours,
      rssSlopeMbPer8h: perRefresh('rss') * eightHours,
      anonAtHalf: base.anon,
      rssAtHalf: base.rss,
      anonEnd: last.anon,
      rssEnd: last.rss,
      // What 8 hours would add, as a share of the memory at the half-way mark.
      anonDrift8h: (perRefresh('anon') * eightHours) / base.anon,
      rssDrift8h: (perRefresh('rss') * eightHours) / base.rss,
      samples,
    };
  } finally {
    await pty.stop();
    await sim.close();
  }
}
