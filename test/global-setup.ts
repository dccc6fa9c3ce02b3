// The CLI tests run the built gptmon (bin/gptmon.js loads dist/bundle), and
// the store's many-process tests import dist/store: against a dist/ older
// than src/ they would pass or fail on old code. So before a run, and before
// every rerun in watch mode, dist/ is rebuilt if any input is newer than it.
// (`npm test` builds first, so this finds it fresh.)

import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { BUNDLE, isStale, ROOT } from '../scripts/build-if-stale.mjs';

/** Written by `npm run build`: tsc's output (the store's many-process tests import it), then the bundle. */
export const BUILD_OUTPUTS = ['dist/cli/main.js', BUNDLE];

export function buildIsStale(root = ROOT): boolean {
  return isStale(BUILD_OUTPUTS, root);
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
