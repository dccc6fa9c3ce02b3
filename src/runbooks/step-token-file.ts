// When the console has its token from GPTMON_TOKEN, a step must not inherit
// the variable (its output is kept and shown), yet a step's `gptmon halt`
// needs the token. So it is written once to a file only this user can read,
// in a directory only this user can enter, named in the step's
// GPTMON_TOKEN_FILE, and removed when the console exits.

import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, chmodSync, unlinkSync, writeSync } from 'node:fs';
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

/** `<stateDir>/run/token-<pid>`, mode 0600 in a 0700 directory; files of consoles no longer running are removed. */
export function writeStepTokenFile(stateDir: string, token: string, pid = process.pid): StepTokenFile {
  const dir = join(stateDir, 'run');
  const path = join(dir, `token-${pid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return { ok: false, reason: `${dir} is not a directory` };
    if (process.getuid && st.uid !== process.getuid()) return { ok: false, reason: `${dir} belongs to another user` };
    if (st.mode & 0o077) chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) {
      const m = /^token-(\d+)$/.exec(name);
      if (m && (Number(m[1]) === pid || !alive(Number(m[1])))) quietly(() => unlinkSync(join(dir, name)));
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
