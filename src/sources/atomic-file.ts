// A temp file beside the real one, flushed, then renamed over it: a crash at
// any point leaves the old file or the new one, never half of one.

import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, text: string): void {
  fs.mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, path);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  // Make the rename itself durable.
  try {
    const dir = fs.openSync(dirname(path), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    /* not every filesystem lets a directory be fsynced */
  }
}
