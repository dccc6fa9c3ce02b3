import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, buildIsStale } from './global-setup.js';
import { useTempDir } from './helpers/temp.js';

const tmp = useTempDir();

describe('the built CLI the tests run', () => {
  it('is not older than the source (the global setup rebuilt it)', () => {
    expect(buildIsStale(), 'dist/ is older than src/: the CLI tests would run old code').toBe(false);
  });

  it('counts as stale when any source file is newer than the bundle, or when there is none', () => {
    const root = tmp.dir();
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
    expect(buildIsStale(root)).toBe(true);
    for (const output of BUILD_OUTPUTS) {
      mkdirSync(join(root, output, '..'), { recursive: true });
      writeFileSync(join(root, output), '');
    }
    const now = Date.now() / 1000;
    utimesSync(join(root, 'src', 'cli', 'main.ts'), now - 60, now - 60);
    utimesSync(join(root, 'src', 'cli'), now - 60, now - 60);
    utimesSync(join(root, 'src'), now - 60, now - 60);
    expect(buildIsStale(root)).toBe(false);
    utimesSync(join(root, 'src', 'cli', 'main.ts'), now + 60, now + 60);
    expect(buildIsStale(root)).toBe(true);
  });
});
