// Memory after a long while, however the console is started: through the
// launcher's shebang, as `node bin/gptmon.js` (the launcher starts it again
// with the heap flags), and as `npm start` (the demo, simulator included).
// The three run side by side; each is read from /proc every 10 s.

import { readFileSync } from 'node:fs';
import { findProcess, memoryMb } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep, until } from './lib/stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = `${ROOT}bin/gptmon.js`;
const LIVE = /TRADING ACTIVE[\s\S]*Drawdown\s+\d+\.\d%/;

const parentOf = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

/** `onLive` is called once all three are on screen (`npm start` may build first: nothing else should start meanwhile). */
export async function measureMemory({ seconds, sim, stateDir, onLive = () => {} }) {
  const modes = [
    { name: '`npm start`', command: `sh -c 'cd ${ROOT} && exec npm start --silent'` },
    { name: '`./bin/gptmon.js tui`', command: `${BIN} tui --refresh 1s --trader ${sim.url}` },
    { name: '`node bin/gptmon.js tui`', command: `${process.execPath} ${BIN} tui --refresh 1s --trader ${sim.url}`, launcher: true },
  ];
  const running = [];
  for (const [i, m] of modes.entries()) {
    const marker = `memory-${process.pid}-${i}`;
    const pty = underPty(m.command, { env: { XDG_STATE_HOME: `${stateDir}/memory-${i}`, XDG_CONFIG_HOME: stateDir, GPTMON_BENCH_MARKER: marker } });
    const live = await until(() => LIVE.test(pty.screen()), 60_000, 20);
    // The demo's simulator is a process of its own (`gptmon sim --with-parent`): the console is the other one.
    const pid = live ? findProcess('node', marker, '\0sim\0') : undefined;
    const sim = live ? findProcess('node', marker) : undefined;
    running.push({ ...m, pty, pid, sim: sim !== pid ? sim : undefined, samples: [] });
  }
  onLive();
  const t0 = performance.now();
  for (;;) {
    const t = (performance.now() - t0) / 1000;
    for (const r of running) {
      if (!r.pid || r.died) continue;
      try {
        r.samples.push({ t, ...memoryMb(r.pid) });
      } catch {
        // Gone: what it showed last says why.
        r.died = { t, screen: r.pty.screen() };
      }
    }
    if (t >= seconds) break;
    await sleep(Math.min(10_000, (seconds - t) * 1000 + 1));
  }
  const out = running.map((r) => {
    const last = r.samples.at(-1) ?? { rss: NaN, anon: NaN };
    // Run through the launcher, the console is its child: the launcher's own cost is said beside it.
    const parent = r.launcher && r.pid ? memoryMb(parentOf(r.pid)) : undefined;
    let simulator;
    try {
      simulator = r.sim ? memoryMb(r.sim) : undefined;
    } catch {
      /* gone */
    }
    return { name: r.name, started: Boolean(r.pid), died: r.died, seconds: last.t, rssMb: last.rss, anonMb: last.anon, ...(parent ? { launcher: { rssMb: parent.rss, anonMb: parent.anon } } : {}), ...(simulator ? { simulator: { rssMb: simulator.rss, anonMb: simulator.anon } } : {}), samples: r.samples };
  });
  for (const r of running) await r.pty.stop();
  return out;
}
