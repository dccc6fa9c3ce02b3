import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A temp dir removed after each test; `file(name, text)` writes into it. */
export function useTempDir(): { dir: () => string; file: (name: string, text: string | Buffer) => string } {
  let current: string | undefined;
  afterEach(() => {
    if (current) rmSync(current, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    current = undefined;
  });
  const dir = () => (current ??= mkdtempSync(join(tmpdir(), 'gptmon-test-')));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir(), name);
      writeFileSync(path, text);
      return path;
    },
  };
}
