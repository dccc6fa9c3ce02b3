// What on-call already leaves open all night, measured the same way: htop and
// btop under the same pseudo-terminal size, at their default refresh.

import { existsSync } from 'node:fs';
import { cpuSeconds, findProcess } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep } from './lib/stats.mjs';

export async function measureReference(seconds) {
  const out = {};
  for (const tool of ['htop', 'btop']) {
    if (!existsSync(`/usr/bin/${tool}`)) {
      out[tool] = { installed: false };
      continue;
    }
    const pty = underPty(`/usr/bin/${tool}`, { env: { HOME: '/tmp' } });
    await sleep(3000);
    const pid = findProcess(tool, tool);
    if (!pid) {
      out[tool] = { installed: true, error: 'did not start' };
      await pty.stop();
      continue;
    }
    const c0 = cpuSeconds(pid);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const t1 = performance.now();
    const c1 = cpuSeconds(pid);
    out[tool] = { installed: true, cpuShare: (c1 - c0) / ((t1 - t0) / 1000), bytesPerSecond: pty.bytesBetween(t0, t1) / ((t1 - t0) / 1000) };
    pty.send('q');
    await pty.stop();
  }
  return out;
}
