// When the console has its token from GPTMON_TOKEN, a step must not inherit
// the variable (its output is kept and shown), yet a step's `gptmon halt`
// needs the token. So it is written once to a file only this user can read,
// in a directory only this user can enter, named in the step's
// GPTMON_TOKEN_FILE, and removed when the console exits.

import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, chmodSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export type StepTokenFile = { ok: true; path: string; remove(): void } | { ok: false; reason: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const quietly = (fn: () => void) => {
  try {
    fn();
  } catch {
    /* gone already, or not ours to remove */
  }
};

/**
 * `<dir>/token-<host>-<pid>` (dir: stepTokenDir() of store/state-paths.ts),
 * mode 0600 in a 0700 directory. Files left by consoles of this host no
 * longer running are removed; a home shared between hosts keeps the other
 * hosts' files, whose processes it cannot see.
 */
export function writeStepTokenFile(dir: string, token: string, pid = process.pid): StepTokenFile {
  const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
  const path = join(dir, `token-${host}-${pid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return { ok: false, reason: `${dir} is not a directory` };
    if (process.getuid && st.uid !== process.getuid()) return { ok: false, reason: `${dir} belongs to another user` };
    if (st.mode & 0o077) chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) {
      const m = /^token-(.+)-(\d+)$/.exec(name);
      if (m && m[1] === host && (Number(m[2]) === pid || !alive(Number(m[2])))) quietly(() => unlinkSync(join(dir, name)));
    }
    // Created, never opened: a file or link planted under this name is refused.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${token}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { ok: false, reason: `cannot write the token file for steps in ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  return { ok: true, path, remove: () => quietly(() => unlinkSync(path)) };
}
