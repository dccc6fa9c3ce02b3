// However the console ends, the terminal is given back: signals whose default
// would kill it on the alternate screen, and a quit while every source hangs.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

let sim: RunningSim;
let dir: string;

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-signals-'));
  sim = await startSim({ port: 0, token: 'sig-token', seed: 4 });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

const env = () => ({ XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir });

/** The console under a shell in tmux; the shell reports its exit status when it ends. */
function open(tmux: Tmux, args: string): void {
  tmux.start(`sh -c 'echo BEFORE-GPTMON; ${process.execPath} ${BIN} tui ${args}; echo "EXITED $?"; sleep 60'`, { columns: 100, rows: 30 }, env());
}

/** The console's pid: the node process running the CLI, a child of the pane's shell. */
function consolePid(tmux: Tmux): number {
  const shell = tmux.panePid();
  const out = execFileSync('pgrep', ['-P', String(shell)], { encoding: 'utf8' }).trim().split('\n');
  return Number(out[0]);
}

describe('the console gives the terminal back', () => {
  it.each([
    ['SIGQUIT', 131],
    ['SIGUSR1', 138],
    ['SIGUSR2', 140],
    ['SIGALRM', 142],
  ] as const)('on %s: alternate screen off, exit %i', async (signal, code) => {
    const tmux = new Tmux();
    try {
      open(tmux, `--trader ${sim.url}`);
      await tmux.waitForText('TRADING ACTIVE');
      expect(tmux.alternateOn()).toBe(true);
      process.kill(consolePid(tmux), signal);
      const after = await tmux.waitForText(`EXITED ${code}`);
      expect(tmux.alternateOn()).toBe(false);
      expect(after).toContain('BEFORE-GPTMON');
      expect(after).not.toContain('TRADING');
    } finally {
      tmux.kill();
    }
  });

  it('q quits at once while every source hangs (requests in flight are abandoned, not awaited)', async () => {
    const hung = await startSim({ port: 0, token: 'sig-token', seed: 4, scenario: 'system-down' });
    const config = join(dir, 'slow.yaml');
    // A long request timeout: waiting for in-flight requests would hold the quit for 60 s.
    writeFileSync(config, `trader: ${hung.url}\ntimeout: 60s\n`);
    const tmux = new Tmux();
    try {
      open(tmux, `--config ${config}`);
      await tmux.waitForText('GPTMON');
      // The first poll is out and hanging.
      await waitFor('the trader to receive a poll', async () => ((await (await fetch(`${hung.url}/sim/requests`)).json()) as unknown[]).length > 0, 10_000);
      tmux.keys('q');
      await tmux.waitForText('EXITED 0', 10_000);
      expect(tmux.alternateOn()).toBe(false);
    } finally {
      tmux.kill();
      await hung.close();
    }
  });
});
