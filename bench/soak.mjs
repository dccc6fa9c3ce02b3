// A night in minutes: the simulator at `speed` times real time and the console
// refreshing every 250 ms (its shortest), read from /proc every 10 s. Memory
// read at one moment is somewhere on the garbage collector's sawtooth, so each
// end of the second half is its floor (the least of the readings in its last
// minute-and-a-half); the figure is what the change between the two floors
// would add over 8 hours of 1 s refreshes, against the first floor.

import { startSim } from '../dist/sim/index.js';
import { findProcess, memoryMb } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep, until } from './lib/stats.mjs';

const BIN = new URL('../bin/gptmon.js', import.meta.url).pathname;
const REFRESH_MS = 250;

const FLOOR_SECONDS = 90;

/** The figures from the readings: the floors at the half-way mark and at the end, and their drift over 8 h. */
export function soakFigures(samples, seconds, refreshMs = REFRESH_MS) {
  const floor = (from, to, key) => Math.min(...samples.filter((x) => x.t >= from && x.t <= to).map((x) => x[key]));
  const half = seconds / 2;
  const first = { anon: floor(half - FLOOR_SECONDS, half, 'anon'), rss: floor(half - FLOOR_SECONDS, half, 'rss') };
  const end = { anon: floor(seconds - FLOOR_SECONDS, seconds, 'anon'), rss: floor(seconds - FLOOR_SECONDS, seconds, 'rss') };
  // Refreshes between the two floors, and the refreshes of 8 hours at 1 s.
  const refreshes = (seconds - half) / (refreshMs / 1000);
  const scale = (8 * 3600) / refreshes;
  return {
    anonAtHalf: first.anon,
    rssAtHalf: first.rss,
    anonEnd: end.anon,
    rssEnd: end.rss,
    anonSlopeMbPer8h: (end.anon - first.anon) * scale,
    rssSlopeMbPer8h: (end.rss - first.rss) * scale,
    anonDrift8h: ((end.anon - first.anon) * scale) / first.anon,
    rssDrift8h: ((end.rss - first.rss) * scale) / first.rss,
  };
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
    return {
      seconds,
      speed,
      refreshMs: REFRESH_MS,
      refreshes: seconds / (REFRESH_MS / 1000),
      simulatedHours: (seconds * speed) / 3600,
      ...soakFigures(samples, seconds),
      samples,
    };
  } finally {
    await pty.stop();
    await sim.close();
  }
}
