// The CLI tests run the built gptmon (bin/gptmon.js loads dist/bundle), and
// the store's many-process tests import dist/store: against a dist/ older
// than src/ they would pass or fail on old code. So before a run, and before
// every rerun in watch mode, dist/ is rebuilt if any input is newer than it.
// (`npm test` builds first, so this finds it fresh.)

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_INPUTS = ['src', 'package.json', 'package-lock.json', 'build.mjs', 'tsconfig.json', 'tsconfig.build.json'];
/** Written last by `npm run build` (tsc, then the bundle). */
export const BUILD_OUTPUT = 'dist/bundle/main.js';

/** The newest modification time under a path (0 when it does not exist). */
export function newestMtime(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

export function buildIsStale(root = ROOT): boolean {
  const built = newestMtime(join(root, BUILD_OUTPUT));
  return built === 0 || Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p)))) > built;
}

function buildIfStale(): void {
  if (!buildIsStale()) return;
  process.stderr.write('gptmon tests: src/ is newer than dist/: npm run build\n');
  // A failed build throws: no test runs against what was there before.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export default function setup(project: TestProject): void {
  buildIfStale();
  project.onTestsRerun(() => buildIfStale());
}
