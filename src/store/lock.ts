// A lock around a read-modify-write of a shared state file, so two engineers
// (two gptmon processes) acknowledging or marking steps at the same moment both
// keep what they wrote. The lock is a file beside the data created with
// O_EXCL; a lock left by a process that died (kill -9, a dropped SSH session)
// is recognised and broken, so nobody waits on a ghost. Held for milliseconds.

import fs from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ensureDir } from './atomic-file.js';
import { StoreError, describeFsError } from './store-error.js';

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  timeoutMs?: number;
  /** A lock older than this is broken whoever holds it: no writer holds one for long. */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  at: number;
  nonce: string;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** A short synchronous pause: the critical sections are synchronous, and short. */
const pause = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by another user (the second engineer).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const h = JSON.parse(fs.readFileSync(path, 'utf8')) as Holder;
    return typeof h.pid === 'number' && typeof h.at === 'number' ? h : undefined;
  } catch {
    return undefined;
  }
}

function isStale(path: string, holder: Holder | undefined, staleMs: number): boolean {
  if (holder && holder.host === hostname()) return !alive(holder.pid) || Date.now() - holder.at > staleMs;
  // Unreadable (a writer killed between create and write) or another host's: by age alone.
  try {
    return Date.now() - fs.statSync(path).mtimeMs > (holder ? staleMs : Math.min(staleMs, 2000));
  } catch {
    return false;
  }
}

/** Breaks a stale lock only if it is still the one judged stale (another process may have broken it and taken a new one). */
function breakStale(path: string, judged: Holder | undefined): void {
  const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.renameSync(path, aside);
  } catch {
    return;
  }
  const taken = readHolder(aside);
  if (judged && taken && taken.nonce !== judged.nonce) {
    // A fresh lock was moved aside by mistake: put it back.
    try {
      fs.linkSync(aside, path);
    } catch {
      /* a third writer took the lock meanwhile; the holder we displaced will find its lock gone */
    }
  }
  fs.rmSync(aside, { force: true });
}

/** Runs `fn` holding the lock for `target`; throws a StoreError when the lock cannot be had. */
export function withFileLock<T>(target: string, fn: () => T, opts: LockOptions = {}): T {
  const path = `${target}.lock`;
  // Generous: a holder keeps it for milliseconds, but forty writers queue on a busy disk.
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleMs = opts.staleMs ?? 10_000;
  const me: Holder = { pid: process.pid, host: hostname(), at: Date.now(), nonce: Math.random().toString(36).slice(2) };
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  let madeDir = false;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'wx', 0o666);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !madeDir) {
        // The first write ever: the state directory does not exist yet.
        ensureDir(dirname(path));
        madeDir = true;
        continue;
      }
      if (code !== 'EEXIST') throw new StoreError(`cannot lock ${target}: ${describeFsError(err)}`, err);
    }
    if (fd !== undefined) {
      try {
        me.at = Date.now();
        fs.writeSync(fd, JSON.stringify(me));
      } finally {
        fs.closeSync(fd);
      }
      break;
    }
    const holder = readHolder(path);
    if (isStale(path, holder, staleMs)) {
      breakStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
      throw new StoreError(`${target} is locked by ${who} (${path}); try again, or remove the lock file if that process is gone`);
    }
    pause(wait);
    wait = Math.min(wait * 2, 50);
  }
  try {
    return fn();
  } finally {
    // Only our own lock: if it was broken as stale meanwhile, it is someone else's now.
    if (readHolder(path)?.nonce === me.nonce) fs.rmSync(path, { force: true });
  }
}
