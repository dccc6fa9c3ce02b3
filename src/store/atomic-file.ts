// Writing a state file so that nothing accepted is lost: a temp file beside
// the real one, written whole and flushed, then renamed over it, so a crash at
// any point leaves the old file or the new one, never half of one. In a
// directory shared by a team (group-writable, e.g. chmod 2775) files are made
// group-readable and -writable so the next engineer can extend them.

import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StoreError, describeFsError } from './store-error.js';

/** 0660 in a group-writable directory, so a second engineer can read and extend it; 0600 otherwise. */
export function fileModeFor(dir: string): number {
  try {
    return fs.statSync(dir).mode & 0o020 ? 0o660 : 0o600;
  } catch {
    return 0o600;
  }
}

export function ensureDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new StoreError(`cannot create ${dir}: ${describeFsError(err)}`, err);
  }
}

/** Writes all of `data` at the fd's position, or throws: a short write is a failed write. */
export function writeWhole(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) {
    const n = fs.writeSync(fd, data, done, data.length - done);
    if (n <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    done += n;
  }
}

const tempPrefix = (path: string) => `.${basename(path)}.`;

/**
 * Temp files of `path` left by a writer killed before its rename. Callers hold
 * the file's lock, so no live writer of this file has one open.
 */
export function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(prefix) && n.endsWith('.tmp')) {
      try {
        fs.rmSync(join(dir, n), { force: true });
      } catch {
        /* another user's, in a sticky directory: theirs to clean */
      }
    }
  }
}

/**
 * `durable: false` skips both flushes: still whole or absent after a kill -9
 * (the rename is atomic), but not promised to survive a crash of the machine.
 * Only for state worth nothing after a reboot, written often.
 */
export function writeFileAtomic(path: string, text: string, { durable = true }: { durable?: boolean } = {}): void {
  const dir = dirname(path);
  ensureDir(dir);
  const mode = fileModeFor(dir);
  const tmp = join(dir, `${tempPrefix(path)}${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
  } catch (err) {
    throw new StoreError(`cannot write ${path}: ${describeFsError(err)}`, err);
  }
  try {
    // The umask would take the group bits away: set the mode the directory asks for.
    fs.fchmodSync(fd, mode);
    writeWhole(fd, Buffer.from(text, 'utf8'));
    if (durable) fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new StoreError(`cannot write ${path}: ${describeFsError(err)}`, err);
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, path);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EACCES') {
      let sticky = false;
      try {
        sticky = (fs.statSync(dir).mode & 0o1000) !== 0;
      } catch {
        /* reported below as it is */
      }
      if (sticky) throw new StoreError(`cannot replace ${path}: ${dir} is a sticky directory (chmod +t) and the file belongs to another user; share state in a directory without the sticky bit (chmod 2775)`, err);
    }
    throw new StoreError(`cannot replace ${path}: ${describeFsError(err)}`, err);
  }
  if (!durable) return;
  // Make the rename itself durable.
  try {
    const d = fs.openSync(dir, 'r');
    fs.fsyncSync(d);
    fs.closeSync(d);
  } catch {
    /* not every filesystem lets a directory be fsynced */
  }
}

/**
 * Appends one line, whole or not at all: a write cut short (a full disk, a
 * file-size limit) is taken back, so the next line is not glued to half of
 * this one. A file that does not end in a newline (cut by an older writer)
 * gets one first, so its damage stays on its own line.
 */
export function appendLineWhole(path: string, line: string): void {
  const dir = dirname(path);
  ensureDir(dir);
  const mode = fileModeFor(dir);
  let fd: number;
  let created = false;
  try {
    try {
      fd = fs.openSync(path, 'wx', mode);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      fd = fs.openSync(path, 'a+');
    }
  } catch (err) {
    throw new StoreError(`cannot write ${path}: ${describeFsError(err)}`, err);
  }
  try {
    if (created) fs.fchmodSync(fd, mode);
    const size = fs.fstatSync(fd).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const data = Buffer.from(`${prefix}${line.endsWith('\n') ? line : `${line}\n`}`, 'utf8');
    try {
      writeWhole(fd, data);
      fs.fsyncSync(fd);
    } catch (err) {
      try {
        fs.ftruncateSync(fd, size);
      } catch {
        /* the damage stays, on its own line thanks to the prefix next time */
      }
      throw err;
    }
  } catch (err) {
    throw new StoreError(`cannot write ${path}: ${describeFsError(err)}`, err);
  } finally {
    fs.closeSync(fd);
  }
}
