// `node bench/ink-floor/measure.mjs [seconds]`: the minimal Ink app at 100x30
// under a pseudo-terminal, for each Node and Ink pair found: Ink 6.8 (ours) on
// this Node, and the latest Ink on Node 22/24 when GPTMON_INK_LATEST (a
// node_modules with ink@latest and react) and GPTMON_NODE22/GPTMON_NODE24
// (node binaries, e.g. .ci/run's cache) are set. CPU after a warm-up, RSS and
// private memory (RssAnon) at the end.

import { readFileSync } from 'node:fs';
import { cpuSeconds, findProcess, rssMb } from '../lib/proc.mjs';
import { underPty } from '../lib/pty.mjs';
import { sleep } from '../lib/stats.mjs';

const seconds = Number(process.argv[2] ?? 60);
const ours = new URL('../../node_modules', import.meta.url).pathname;
const app = new URL('./app.mjs', import.meta.url).pathname;
const rssAnonMb = (pid) => Number(/RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

const pairs = [[process.execPath, ours, `Ink 6.8 on Node ${process.version}`]];
for (const v of ['22', '24']) {
  const node = process.env[`GPTMON_NODE${v}`];
  if (node && process.env.GPTMON_INK_LATEST) pairs.push([node, process.env.GPTMON_INK_LATEST, `latest Ink on Node ${v}`], [node, ours, `Ink 6.8 on Node ${v}`]);
}

for (const [node, modules, label] of pairs) {
  const marker = `ink-floor-${Math.random().toString(36).slice(2)}`;
  const pty = underPty(`${node} ${app}`, { env: { INK_NODE_MODULES: modules, GPTMON_BENCH_MARKER: marker } });
  await sleep(10_000);
  const pid = findProcess('node', marker);
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const share = (cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000);
  console.log(`${label}: ${(share * 100).toFixed(2)}% of a core, RSS ${rssMb(pid).toFixed(1)} MB, private ${rssAnonMb(pid).toFixed(1)} MB`);
  await pty.stop();
}
