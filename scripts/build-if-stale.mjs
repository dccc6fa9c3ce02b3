// `npm start` runs this first: it rebuilds the bundle only when a source is
// newer than it, so a checkout that is already built opens in about a second
// instead of repeating a full build every time. The tests' global setup uses
// the same rule for their own outputs.

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What a build reads: a change to any of them makes the outputs stale. */
export const BUILD_INPUTS = ['src', 'package.json', 'package-lock.json', 'build.mjs', 'tsconfig.json', 'tsconfig.build.json'];
/** What bin/gptmon.js loads, written by build.mjs. */
export const BUNDLE = 'dist/bundle/main.js';

/** The newest modification time under a path (0 when it does not exist). */
export function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

/** True when any output is missing or older than the newest input. */
export function isStale(outputs, root = ROOT) {
  const inputs = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p))));
  return outputs.some((o) => {
    const built = newestMtime(join(root, o));
    return built === 0 || inputs > built;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && isStale([BUNDLE])) {
  process.stderr.write('gptmon: the source is newer than the bundle: building it\n');
  // Only the bundle: the console needs nothing else, and esbuild takes about a second.
  execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
