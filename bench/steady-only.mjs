// A look at the steady state alone (no start-up, memory or soak runs):
// `node bench/steady-only.mjs [seconds] [warmup]`, after `npm run build`.
process.env.NODE_ENV ??= 'production';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
const { startSim } = await import('../dist/sim/index.js');
const { measureSteady } = await import('./console.mjs');
const seconds = Number(process.argv[2] ?? 60);
const warmup = Number(process.argv[3] ?? 30);
const stateDir = mkdtempSync(join(tmpdir(), 'gptmon-bench-'));
const running = await startSim({ port: 0, token: 'bench-token', seed: 42 });
try {
  const load0 = loadavg()[0];
  const s = await measureSteady({ seconds, warmup, sim: { url: running.url, token: 'bench-token' }, stateDir });
  const pct = (x) => `${(x * 100).toFixed(2)}%`;
  console.log(`load ${load0.toFixed(2)}→${loadavg()[0].toFixed(2)}; gptmon ${pct(s.cpuShare)} RssAnon ${s.memory.anon.toFixed(1)} MB RSS ${s.rssMb.toFixed(1)} MB; htop ${s.reference.htop?.cpuShare !== undefined ? pct(s.reference.htop.cpuShare) : '-'}; btop ${s.reference.btop?.cpuShare !== undefined ? pct(s.reference.btop.cpuShare) : '-'}; ${s.bytesPerRefresh.toFixed(0)} B/refresh, ${s.requestsPerTick.toFixed(2)} req/tick`);
} finally {
  await running.close();
  rmSync(stateDir, { recursive: true, force: true });
}
