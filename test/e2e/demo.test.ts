// `npm start`'s console: the simulator runs beside it as its own process, the
// console's `:scenario` reaches it, and it never outlives the console, even
// one killed with -9.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

let dir: string;
const tmux = new Tmux();

beforeAll(() => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-demo-'));
});
afterAll(async () => {
  await tmux.stop();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

const answers = (url: string) => fetch(`${url}/sim/scenario`).then((r) => (r.ok ? r.json() as Promise<{ name: string }> : undefined), () => undefined);

describe('gptmon demo', () => {
  it('opens on a simulator in its own process, switches its scenario, and takes it down with it', async () => {
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir };
    tmux.start(`${process.execPath} ${BIN} demo`, { columns: 100, rows: 30 }, env);
    const screen = await tmux.waitForText(/SIM http:\/\/127\.0\.0\.1:\d+ +■ TRADING ACTIVE/, 30_000);
    const url = /SIM (http:\/\/127\.0\.0\.1:\d+)/.exec(screen)![1]!;
    expect((await answers(url))?.name).toBe('calm');

    tmux.text(':scenario drawdown');
    tmux.keys('Enter');
    await tmux.waitForText('the simulator is running the drawdown scenario');
    await waitFor('the simulator to run the drawdown', async () => (await answers(url))?.name === 'drawdown' || undefined);

    // The console's process is the pane's (or, run as `node bin/gptmon.js`, the launcher's child); the simulator is a process of its own under it.
    const consolePid = tmux.panePid();
    const childrenOf = (pid: string | number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean);
    const below = [...childrenOf(consolePid), ...childrenOf(consolePid).flatMap(childrenOf)];
    const commands = below.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1).join(' '));
    expect(commands.some((c) => / sim --port \d+ --with-parent/.test(c))).toBe(true);
    process.kill(consolePid, 'SIGKILL');
    await waitFor('the simulator to stop with its console', async () => ((await answers(url)) === undefined ? true : undefined), 15_000);
  }, 60_000);
});
