// A night in minutes: the simulator at `speed` times real time and the console
// refreshing every 250 ms (its shortest), its memory read every 10 s. Memory
// read at any moment is somewhere on the garbage collector's sawtooth (it
// climbs for minutes between full collections, and a quiet console may go
// twenty minutes without one), so each reading is taken right after a full
// collection asked for through the console's inspector: what is read is what
// the console holds. The figure is what the slope through the floors of the
// run's second half (after the first half's warm-up, as "after 10 minutes"
// is), a minute each, would add over 8 hours of 1 s refreshes, against the
// first of them. The JS heap is also read without compiled code
// (`objects`): what a leak would grow, apart from V8 still optimising code,
// which is bounded by the program's size.

import { startSim } from '../dist/sim/index.js';
import { connectInspector, freePort } from './lib/inspector.mjs';
import { findProcess, memoryMb } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep, until } from './lib/stats.mjs';

const BIN = new URL('../bin/gptmon.js', import.meta.url).pathname;
const REFRESH_MS = 250;
const EVERY_MS = 10_000;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}

/** Readings a minute apart from each other at 10 s each: a window's lowest is its floor. */
const WINDOW = 6;

/**
 * The second half of the run in windows of a minute, each window's lowest
 * reading (a collection can still find a scrape or a frame in flight, a few
 * hundred KB), and the drift of those floors over 8 h of 1 s refreshes.
 */
export function soakFigures(samples, refreshMs = REFRESH_MS) {
  const half = (samples.at(-1)?.t ?? 0) / 2;
  const second = samples.filter((x) => x.t >= half);
  const floors = [];
  for (let i = 0; i + WINDOW <= second.length; i += WINDOW) {
    const w = second.slice(i, i + WINDOW);
    const floor = { t: w.reduce((a, x) => a + x.t, 0) / WINDOW };
    for (const key of ['anon', 'rss', 'heap', 'objects']) floor[key] = Math.min(...w.map((x) => x[key]));
    floors.push(floor);
  }
  if (floors.length < 3) return { floors, error: `too short to tell: ${floors.length} minute(s) in the second half, 3 needed` };
  const eightHours = 8 * 3600;
  const per8h = (key) => slope(floors.map((f) => ({ x: f.t / (refreshMs / 1000), y: f[key] }))) * eightHours;
  const [first, last] = [floors[0], floors.at(-1)];
  const figure = (key) => ({ start: first[key], end: last[key], low: Math.min(...floors.map((f) => f[key])), high: Math.max(...floors.map((f) => f[key])), per8h: per8h(key), drift8h: per8h(key) / first[key] });
  return { floors, anon: figure('anon'), rss: figure('rss'), heap: figure('heap'), objects: figure('objects') };
}

export async function measureSoak({ seconds, speed, stateDir }) {
  const token = 'soak-token';
  const sim = await startSim({ port: 0, token, seed: 7, speed });
  const marker = `soak-${process.pid}`;
  const port = await freePort();
  const env = { XDG_STATE_HOME: `${stateDir}/soak`, XDG_CONFIG_HOME: stateDir, GPTMON_BENCH_MARKER: marker, GPTMON_TOKEN: token, NODE_OPTIONS: `--inspect=127.0.0.1:${port}` };
  const pty = underPty(`${BIN} tui --refresh ${REFRESH_MS}ms --trader ${sim.url}`, { env });
  let inspector;
  try {
    await until(() => /TRADING/.test(pty.screen()), 30_000, 20);
    const pid = findProcess('node', marker);
    if (!pid) return { error: 'did not start' };
    inspector = await connectInspector(port);
    const samples = [];
    const t0 = performance.now();
    for (;;) {
      const heap = await inspector.collect();
      const t = (performance.now() - t0) / 1000;
      samples.push({ t, ...heap, ...memoryMb(pid) });
      if (t >= seconds) break;
      await sleep(Math.min(EVERY_MS, (seconds - t) * 1000 + 1));
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
    inspector?.close();
    await pty.stop();
    await sim.close();
  }
}
