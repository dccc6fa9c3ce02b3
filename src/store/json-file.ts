// A small JSON state file shared between processes (and engineers): read it,
// or change it under its lock: re-read, apply the change, write it whole. A
// file that cannot be read is never treated as empty and overwritten; a file
// that is not JSON is kept aside (`.corrupt-<time>`) and said so.

import fs from 'node:fs';
import { removeStaleTemps, writeFileAtomic } from './atomic-file.js';
import { withFileLock } from './lock.js';
import { StoreError, describeFsError } from './store-error.js';

export type ReadJson = { ok: true; value: unknown; missing: boolean } | { ok: false; reason: string; corrupt: boolean };

export function readJsonFile(path: string): ReadJson {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: undefined, missing: true };
    return { ok: false, reason: `cannot read ${path}: ${describeFsError(err)}`, corrupt: false };
  }
  try {
    return { ok: true, value: JSON.parse(text), missing: false };
  } catch {
    return { ok: false, reason: `${path} is not valid JSON`, corrupt: true };
  }
}

export interface Updated<T> {
  value: T;
  /** Said when something was not as expected but the change went through (a corrupt file kept aside). */
  warning?: string;
}

/**
 * Applies `change` to the file's current content under its lock. `decode`
 * turns what was read (undefined for a missing file) into the working value.
 * Throws a StoreError when the file cannot be read or written.
 */
export function updateJsonFile<T>(path: string, decode: (raw: unknown) => T, change: (current: T) => T, encode: (value: T) => string = (v) => `${JSON.stringify(v, null, 1)}\n`): Updated<T> {
  return withFileLock(path, () => {
    removeStaleTemps(path);
    const read = readJsonFile(path);
    let warning: string | undefined;
    let raw: unknown;
    if (read.ok) raw = read.value;
    else if (read.corrupt) {
      const aside = `${path}.corrupt-${Date.now()}`;
      try {
        fs.renameSync(path, aside);
      } catch (err) {
        throw new StoreError(`${read.reason}, and it cannot be moved aside: ${describeFsError(err)}`, err);
      }
      warning = `${read.reason}: kept it aside as ${aside} and started a new one`;
    } else throw new StoreError(`${read.reason}; nothing was written (it would have been lost)`);
    const next = change(decode(raw));
    writeFileAtomic(path, encode(next));
    return warning ? { value: next, warning } : { value: next };
  });
}
