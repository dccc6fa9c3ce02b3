import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN } from '../helpers/cli.js';
import { runbookText } from '../helpers/runbook-files.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

// Quitting the real console while a runbook step is still running.
let sim: RunningSim;
let dir: string;
const tmux = new Tmux();

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-e2e-'));
  sim = await startSim({ port: 0, token: 'e2e-step-token', seed: 11 });
});

afterAll(async () => {
  await tmux.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

/** The processes of a process group that are still running (a killed one nobody reaped is a zombie, not running). */
function runningInGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') out.push(Number(name));
    } catch {
      /* gone while we looked */
    }
  }
  return out;
}

describe('quitting the console', () => {
  it('stops a running step at once, with its process group, and removes the token file', async () => {
    const team = join(dir, 'team');
    mkdirSync(team);
    const pidFile = join(dir, 'step.pid');
    writeFileSync(join(team, 'stuck.md'), runbookText('stuck', { steps: [`Wait a while: \`echo $$ > ${pidFile}; sleep 30; echo never\``] }));
    const configFile = join(dir, 'gptmon.yaml');
    writeFileSync(configFile, `runbooks_dir: ${team}\nstep_timeout: 2m\n`);
    const state = join(dir, 'state');
    const env = { XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir, GPTMON_TOKEN: 'e2e-step-token' };
    tmux.start(`sh -c '${process.execPath} ${BIN} tui --config ${configFile} --trader ${sim.url}; echo "EXITED $?"; sleep 60'`, { columns: 100, rows: 30 }, env);
    await tmux.waitForText('TRADING ACTIVE');
    tmux.text(':runbook stuck');
    tmux.keys('Enter');
    await tmux.waitForText('for this runbook');
    tmux.keys('x');
    await tmux.waitForText('y to run');
    tmux.text('y');
    tmux.keys('Enter');
    await tmux.waitForText('running echo');
    const pgid = await waitFor('the step to start', () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')));
    expect(runningInGroup(pgid).length).toBeGreaterThan(0);
    // The console handed the token over as a file while it ran.
    expect(readdirSync(join(state, 'gptmon', 'run'))).toEqual([expect.stringMatching(/^token-.+-\d+$/)]);

    tmux.keys('q');
    // Well before sleep 30 would have ended by itself.
    await tmux.waitForText('EXITED 0', 10_000);
    await waitFor('the step’s process group to be gone', () => runningInGroup(pgid).length === 0, 5_000, 100);
    expect(readdirSync(join(state, 'gptmon', 'run'))).toEqual([]);
  });
});
