// A night in minutes: the simulator at `speed` times real time and the console
// refreshing every 250 ms (its shortest), read from /proc every 10 s. Memory
// read at one moment is somewhere on the garbage collector's sawtooth (it
// climbs for minutes, then a full collection drops it), so what is compared
// is the floor after each drop: the figure is what the slope through those
// floors would add over 8 hours of 1 s refreshes, against the first floor.
// Fewer than three drops in the run: too short to say.

import { startSim } from '../dist/sim/index.js';
import { findProcess, memoryMb } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep, until } from './lib/stats.mjs';

const BIN = new URL('../bin/gptmon.js', import.meta.url).pathname;
const REFRESH_MS = 250;

/** A reading right after memory fell by more than 1 MB: where a full collection left it. */
const DROP_MB = 1;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}

/** The floors the collector left (after the first minute), and their drift over 8 h of 1 s refreshes. */
export function soakFigures(samples, refreshMs = REFRESH_MS) {
  const floors = samples.filter((x, i) => i > 0 && x.t >= 60 && samples[i - 1].anon - x.anon > DROP_MB);
  if (floors.length < 3) return { floors, error: `too short to tell: ${floors.length} full collection(s) seen, 3 needed` };
  const perRefresh = (key) => slope(floors.map((f) => ({ x: f.t / (refreshMs / 1000), y: f[key] })));
  const eightHours = 8 * 3600;
  const [first, last] = [floors[0], floors.at(-1)];
  return {
    floors,
    anonAtHalf: first.anon,
    rssAtHalf: first.rss,
    anonEnd: last.anon,
    rssEnd: last.rss,
    anonSlopeMbPer8h: perRefresh('anon') * eightHours,
    rssSlopeMbPer8h: perRefresh('rss') * eightHours,
    anonDrift8h: (perRefresh('anon') * eightHours) / first.anon,
    rssDrift8h: (perRefresh('rss') * eightHours) / first.rss,
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
      ...soakFigures(samples),
      samples,
    };
  } finally {
    await pty.stop();
    await sim.close();
  }
}
