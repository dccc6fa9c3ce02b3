// Appending a line to a log (the audit log): whole, or not at all.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendLineWhole } from '../../src/store/atomic-file.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();

describe('appendLineWhole', () => {
  it('appends each line after the last, creating the file and its directory', () => {
    const file = join(tmp.dir(), 'state', 'audit.log');
    appendLineWhole(file, '{"a":1}');
    appendLineWhole(file, '{"b":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a line cut by an earlier writer stays on its own line', () => {
    const file = tmp.file('audit.log', '{"a":1}\n{"cut');
    appendLineWhole(file, '{"b":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"cut\n{"b":2}\n');
  });

  it('a write cut short by a file-size limit is taken back and reported', () => {
    const file = tmp.file('audit.log', `${'x'.repeat(1000)}\n`);
    const module = fileURLToPath(new URL('../../dist/store/atomic-file.js', import.meta.url));
    // ulimit -f counts 512-byte blocks in bash: 4 blocks = 2048 bytes, so a 4 KB line cannot fit.
    const script = `const { appendLineWhole } = await import(${JSON.stringify(module)}); try { appendLineWhole(${JSON.stringify(file)}, ${JSON.stringify('y'.repeat(4096))}); console.log('written'); } catch (e) { console.log(e.message); }`;
    const r = spawnSync('bash', ['-c', `ulimit -f 4; exec "${process.execPath}" --input-type=module -e "$0"`, script], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/cannot write .*audit\.log: file too large/);
    expect(readFileSync(file, 'utf8')).toBe(`${'x'.repeat(1000)}\n`);
  });
});
