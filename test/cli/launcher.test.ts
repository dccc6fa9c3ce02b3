import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

// The launcher as shipped, in front of a stand-in for the built CLI: what it
// does when the command's promise settles, and when it never does.

const tmp = useTempDir();

function install(mainSource: string): void {
  mkdirSync(join(tmp.dir(), 'bin'), { recursive: true });
  mkdirSync(join(tmp.dir(), 'dist', 'bundle'), { recursive: true });
  copyFileSync(BIN, join(tmp.dir(), 'bin', 'gptmon.js'));
  tmp.file('package.json', '{"type": "module"}\n');
  tmp.file('dist/bundle/main.js', mainSource);
}

function launch(mainSource: string, args = ['halt', '--confirm'], nodeArgs: string[] = []) {
  install(mainSource);
  return spawnSync(process.execPath, [...nodeArgs, join(tmp.dir(), 'bin', 'gptmon.js'), ...args], { encoding: 'utf8', timeout: 10_000 });
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

  it('starts the console and the demo again with the small young generation when run as `node bin/gptmon.js`; nothing else', () => {
    const main = 'export const main = async (argv) => { process.stdout.write(JSON.stringify({ flags: process.execArgv, args: argv.slice(2) })); return 4; };\n';
    for (const command of ['tui', 'demo']) {
      const r = launch(main, [command, '--refresh', '1s']);
      // The console's exit code and output are the launcher's.
      expect(r.status).toBe(4);
      expect(JSON.parse(r.stdout)).toEqual({ flags: ['--max-semi-space-size=1', '--v8-pool-size=1'], args: [command, '--refresh', '1s'] });
    }
    expect(JSON.parse(launch(main, ['halt', '--confirm']).stdout).flags).toEqual([]);
    // Started with a young-generation size already (the shebang, npm start): started once.
    expect(JSON.parse(launch(main, ['tui'], ['--max-semi-space-size=2']).stdout).flags).toEqual(['--max-semi-space-size=2']);
  });

  it('a console whose launcher is killed outright (kill -9) ends as on a hang-up, at once', async () => {
    // The console's stand-in says where it is, and what ended it.
    const main = `import { writeFileSync } from 'node:fs';
export const main = () => new Promise(() => {
  process.on('SIGHUP', () => { writeFileSync('hup', 'hup'); process.exit(0); });
  writeFileSync('pid', String(process.pid));
  setInterval(() => {}, 60_000);
});
`;
    install(main);
    const launcher = spawn(process.execPath, [join(tmp.dir(), 'bin', 'gptmon.js'), 'tui'], { cwd: tmp.dir(), stdio: 'ignore' });
    const pid = await waitFor('the console started', () => existsSync(join(tmp.dir(), 'pid')) && Number(readFileSync(join(tmp.dir(), 'pid'), 'utf8')), 10_000, 20);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      expect(pid).not.toBe(launcher.pid);
      expect(existsSync(join(tmp.dir(), 'hup'))).toBe(false);
      launcher.kill('SIGKILL');
      await waitFor('the console hung up', () => existsSync(join(tmp.dir(), 'hup')), 10_000, 20);
      await waitFor('the console gone', () => !alive(), 10_000, 20);
    } finally {
      // A console left behind by a failure here is not left running.
      if (alive()) process.kill(pid, 'SIGKILL');
    }
  });
});
