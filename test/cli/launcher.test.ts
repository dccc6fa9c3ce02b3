import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

// The launcher as shipped, in front of a stand-in for the built CLI: what it
// does when the command's promise settles, and when it never does.

const tmp = useTempDir();

function launch(mainSource: string) {
  mkdirSync(join(tmp.dir(), 'bin'));
  mkdirSync(join(tmp.dir(), 'dist', 'bundle'), { recursive: true });
  copyFileSync(BIN, join(tmp.dir(), 'bin', 'gptmon.js'));
  tmp.file('package.json', '{"type": "module"}\n');
  tmp.file('dist/bundle/main.js', mainSource);
  return spawnSync(process.execPath, [join(tmp.dir(), 'bin', 'gptmon.js'), 'halt', '--confirm'], { encoding: 'utf8', timeout: 10_000 });
}

describe('the launcher', () => {
  it('exits with the code the command settles on', () => {
    const r = launch('export const main = async () => 3;\n');
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
  });

  it('a command whose promise never settles is an internal error (70), never a silent exit 0', () => {
    // Nothing left to wait on and the promise still pending: Node would exit 0.
    const r = launch('export const main = () => new Promise(() => {});\n');
    expect(r.status).toBe(70);
    expect(r.stderr).toBe('gptmon: internal error: the command did not finish\n');
  });

  it('a command that throws is an internal error in one line', () => {
    const r = launch("export const main = async () => { throw new Error('boom'); };\n");
    expect(r.status).toBe(70);
    expect(r.stderr).toBe('gptmon: internal error: boom (GPTMON_DEBUG=1 shows the stack)\n');
  });
});
