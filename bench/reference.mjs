// What on-call already leaves open all night, measured the same way and at the
// same time as the console: htop and btop under the same pseudo-terminal size,
// at their default refresh.

import { existsSync } from 'node:fs';
import { cpuSeconds, findProcess, memoryMb } from './lib/proc.mjs';
import { underPty } from './lib/pty.mjs';
import { sleep } from './lib/stats.mjs';

const TOOLS = ['htop', 'btop'];

/** Starts each tool that is installed; `cpu()` and `memory()` read it while it runs. */
export async function startReference() {
  const out = [];
  for (const tool of TOOLS) {
    const path = `/usr/bin/${tool}`;
    if (!existsSync(path)) {
      out.push({ tool, installed: false });
      continue;
    }
    const pty = underPty(path, { env: { HOME: '/tmp' } });
    await sleep(2000);
    const pid = findProcess(tool, tool);
    out.push({ tool, installed: true, pty, pid, cpu: () => (pid ? cpuSeconds(pid) : NaN), memory: () => (pid ? { rssMb: memoryMb(pid).rss, anonMb: memoryMb(pid).anon } : {}) });
  }
  return out;
}

export async function stopReference(started) {
  for (const o of started) {
    if (!o.pty) continue;
    o.pty.send('q');
    await o.pty.stop();
  }
}
