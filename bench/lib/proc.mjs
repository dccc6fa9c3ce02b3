// CPU and memory of a process from /proc, the way `top` reads them.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU time in seconds. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

export function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The newest process named `comm` whose command line or environment contains `needle` (and whose command line does not contain `unless`). */
export function findProcess(comm, needle, unless) {
  let best;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const name = readFileSync(`/proc/${d}/comm`, 'utf8').trim();
      // Node 24 names its main thread MainThread, and /proc/PID/comm shows the main thread's name.
      if (name !== comm && !(comm === 'node' && name === 'MainThread')) continue;
      const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (unless && cmdline.includes(unless)) continue;
      if (!cmdline.includes(needle) && !readFileSync(`/proc/${d}/environ`, 'utf8').includes(needle)) continue;
      if (!best || Number(d) > best) best = Number(d);
    } catch {
      /* gone */
    }
  }
  return best;
}

/** Resident memory in MB: all of it (RSS), and the private part (RssAnon: what each console costs a shared host). */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  };
  return { rss: kb('VmRSS'), anon: kb('RssAnon') };
}

/** The process's children (their pids), from /proc. */
export function childrenOf(pid) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}
