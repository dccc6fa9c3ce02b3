// The console under a real pseudo-terminal at 100x30 against the simulator:
// time to the first live frame, then a steady minute (CPU, memory, bytes per
// refresh, connections, requests), then how fast a threshold crossing shows.

import { cpuSeconds, findProcess, memoryMb, rssMb } from './lib/proc.mjs';
import { startReference, stopReference } from './reference.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep, summary, until } from './lib/stats.mjs';

const BIN = new URL('../bin/gptmon.js', import.meta.url).pathname;
const LIVE = /TRADING ACTIVE[\s\S]*Drawdown\s+\d+\.\d%/;

function tuiCommand(sim) {
  // As a user runs it: the launcher itself, with the flags on its first line.
  return `${BIN} tui --refresh 1s --trader ${sim.url}`;
}

const stats = async (sim) => (await fetch(`${sim.url}/sim/stats`)).json();
const scenario = (sim, name, advance) =>
  fetch(`${sim.url}/sim/scenario`, { method: 'POST', body: JSON.stringify({ name }) }).then(() => (advance ? fetch(`${sim.url}/sim/advance`, { method: 'POST', body: JSON.stringify({ seconds: advance }) }) : undefined));

export async function measureFirstFrame({ runs, sim, stateDir }) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pty = underPty(tuiCommand(sim), { env: { XDG_STATE_HOME: `${stateDir}/ff-${i}`, XDG_CONFIG_HOME: stateDir } });
    const live = await pty.shows(LIVE, 10_000);
    times.push(live !== undefined ? live - t0 : NaN);
    await pty.stop();
  }
  return summary(times);
}

/**
 * The steady state: after `warmup` seconds, CPU over `seconds`, with htop and
 * btop (when installed) measured over the same window under the same
 * terminal size, so a busy machine is busy for all three.
 */
export async function measureSteady({ seconds, warmup, sim, stateDir }) {
  const marker = `steady-${process.pid}`;
  await scenario(sim, 'calm');
  // Found again by this variable in its environment, to read its CPU and memory.
  const pty = underPty(tuiCommand(sim), { env: { XDG_STATE_HOME: `${stateDir}/steady`, XDG_CONFIG_HOME: stateDir, GPTMON_BENCH_MARKER: marker } });
  await until(() => LIVE.test(pty.screen()), 10_000);
  const pid = findProcess('node', marker);
  const others = await startReference();
  await sleep(warmup * 1000);
  const others0 = others.map((o) => o.cpu());
  const framesBefore = pty.frames().length;
  const s0 = await stats(sim);
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const t1 = performance.now();
  const cpu1 = cpuSeconds(pid);
  const s1 = await stats(sim);
  const others1 = others.map((o) => o.cpu());
  const rss = rssMb(pid);
  const memory = memoryMb(pid);
  const reference = Object.fromEntries(others.map((o, i) => [o.tool, o.pid ? { installed: true, cpuShare: (others1[i] - others0[i]) / ((t1 - t0) / 1000), ...o.memory(), bytesPerSecond: o.pty.bytesBetween(t0, t1) / ((t1 - t0) / 1000) } : { installed: o.installed, error: o.installed ? 'did not start' : undefined }]));
  await stopReference(others);
  const frames = pty.frames();
  const steadyFrames = frames.slice(framesBefore);
  const elapsed = (t1 - t0) / 1000;
  const polls = Math.round(elapsed);
  const fullRedraw = Math.max(...frames.slice(0, framesBefore));

  // Detection: the simulator jumps past 15% drawdown; how long until the alert is on screen?
  const detection = [];
  for (let i = 0; i < 5; i++) {
    await scenario(sim, 'calm', 120);
    await until(() => !/ExcessiveDrawdown.*firing/.test(pty.screen()), 20_000);
    // Cross at a random point of the poll cycle, as a real incident would.
    await sleep(1000 + Math.random() * 1000);
    const tc = performance.now();
    await scenario(sim, 'drawdown', 60);
    const seen = await pty.shows(/ExcessiveDrawdown.*firing/, 10_000);
    detection.push(seen !== undefined ? seen - tc : NaN);
  }
  await scenario(sim, 'calm', 120);
  await pty.stop();
  return {
    cpuShare: (cpu1 - cpu0) / elapsed,
    rssMb: rss,
    memory,
    reference,
    bytesPerRefresh: pty.bytesBetween(t0, t1) / polls,
    fullRedrawBytes: fullRedraw,
    framesPerSecond: steadyFrames.length / elapsed,
    // Less one: the connection this benchmark's own /sim/stats request opened.
    connectionsPerMinute: ((s1.connections - s0.connections - 1) / elapsed) * 60,
    requestsPerTick: (s1.requests - s0.requests) / polls,
    detectionMs: summary(detection),
    seconds: elapsed,
  };
}

/**
 * The steady state alone on another Node (its bin directory first on PATH, so
 * the launcher's `env node` finds it): CPU over `seconds` after `warmup`, and
 * memory at the end. For the Node versions users run (22, 24) beside the
 * machine's.
 */
export async function measureSteadyOn({ nodeBinDir, seconds, warmup, sim, stateDir }) {
  const marker = `steady-on-${process.pid}-${seconds}-${Math.random().toString(36).slice(2, 6)}`;
  await scenario(sim, 'calm');
  const pty = underPty(tuiCommand(sim), { env: { PATH: `${nodeBinDir}:${process.env.PATH}`, XDG_STATE_HOME: `${stateDir}/${marker}`, XDG_CONFIG_HOME: stateDir, GPTMON_BENCH_MARKER: marker } });
  try {
    if (!(await until(() => LIVE.test(pty.screen()), 15_000))) return { error: 'did not start' };
    const pid = findProcess('node', marker);
    await sleep(warmup * 1000);
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const elapsed = (performance.now() - t0) / 1000;
    return { cpuShare: (cpuSeconds(pid) - cpu0) / elapsed, memory: memoryMb(pid), seconds: elapsed };
  } finally {
    await pty.stop();
  }
}
