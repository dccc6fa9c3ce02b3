// An incident run from the console in a real terminal (tmux, 80x24) against
// `gptmon sim`: declared with `:incident start` and the suggested severity,
// named in the header of every view, a note and a tick typed in the incident
// view, another engineer's note from the command line showing up, resolved
// with `R`; and `gptmon incident status` agrees with the console each time.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN, expectNoStack, runCli } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';

let sim: RunningSim;
let dir: string;
const tmux = new Tmux();

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-incident-tui-'));
  sim = await startSim({ port: 0, token: 'inc-tui-token', seed: 11 });
});

// The console gone before its directory is: it writes the incidents there.
afterAll(async () => {
  await tmux.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

describe('an incident in the console', () => {
  it('declares, shows it in the header at 80x24, takes a note and a tick, sees a note from the CLI, resolves; incident status agrees', async () => {
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir };
    const status = async () => {
      const r = await runCli(['incident', 'status', '--trader', sim.url], { env: { ...env, USER: 'bo' }, timeoutMs: 20_000 });
      expectNoStack(r.stderr);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    // --read-only: declaring, notes, ticks and the resolution change nothing on the trader.
    tmux.start(`sh -c '${process.execPath} ${BIN} tui --read-only --trader ${sim.url}; echo "EXITED $?"; sleep 60'`, { columns: 80, rows: 24 }, env);
    await tmux.waitForText('TRADING ACTIVE');

    sim.setScenario('drawdown');
    sim.advance(60);
    await tmux.waitForText(/✖ CRIT ExcessiveDrawdown/);

    tmux.text(':incident start');
    tmux.keys('Enter');
    await tmux.waitForText('Incident title:');
    tmux.text('Drawdown past 15%');
    tmux.keys('Enter');
    // The severity the alerts suggest is offered: Enter takes it.
    const sev = await tmux.waitForText('Severity 1-4: 2');
    expect(sev).toContain('suggested SEV2');
    tmux.keys('Enter');
    await tmux.waitForText('Incident commander: ana');
    tmux.keys('Enter');
    const declared = await tmux.waitForText(/declared INC-\d{8}-1: SEV2 "Drawdown past 15%", commander ana/);
    const id = /INC-\d{8}-1/.exec(declared)![0];
    const header = () => tmux.screen().split('\n')[0]!;
    expect(header()).toMatch(new RegExp(`TRADING ACTIVE +✖ SEV2 ${id} \\d+s`));
    expect(declared).toContain('Timeline, newest first (UTC)');
    expect(declared).toMatch(/ana +declared SEV2 "Drawdown past 15%"/);

    let said = await status();
    expect(said).toMatch(new RegExp(`^${id} +SEV2 +"Drawdown past 15%" +open`));
    expect(said).toMatch(/commander ana · checklist \d+\/17 · firing now: .*ExcessiveDrawdown/);

    // The header stays in every view.
    tmux.keys('Escape');
    await tmux.waitForText('Breakers');
    expect(header()).toMatch(new RegExp(`SEV2 ${id}`));
    tmux.keys('I');
    const view = await tmux.waitForText('Timeline, newest first');
    // Every key of the view fits in 80 columns, read-only mark included.
    expect(view.trimEnd().split('\n').at(-1)).toMatch(/ n note {2}c tick {2}s sev {2}C commander {2}R resolve… {2}\/ filter {2}esc back {2}\[read-only\]$/);

    tmux.keys('n');
    await tmux.waitForText(`Note for ${id}:`);
    tmux.text('positions reviewed with risk');
    tmux.keys('Enter');
    await tmux.waitForText(/ana +note: positions reviewed with risk/);

    tmux.keys('c');
    await tmux.waitForText('Tick item:');
    tmux.text('gather logs');
    tmux.keys('Enter');
    await tmux.waitForText(`${id}: ticked 9. Gather logs`);

    said = await status();
    expect(said).toMatch(/ana +note: positions reviewed with risk/);
    expect(said).toMatch(/ana +ticked "Gather logs"/);

    // Another engineer's note, from the command line, reaches the console's timeline.
    const note = await runCli(['incident', 'note', 'broker called back', '--trader', sim.url], { env: { ...env, USER: 'bo' }, timeoutMs: 20_000 });
    expect(note.code, note.stderr).toBe(0);
    await tmux.waitForText(/bo +note: broker called back/);

    tmux.keys('R');
    await tmux.waitForText(`Resolve ${id}; summary:`);
    tmux.text('halted by hand, drawdown back under 10%');
    tmux.keys('Enter');
    const resolved = await tmux.waitForText(`${id}: resolved: halted by hand, drawdown back under 10%`);
    expect(resolved).toContain('No incident is open.');
    expect(header()).not.toMatch(/SEV\d/);

    said = await status();
    expect(said).toMatch(new RegExp(`^${id} +SEV2 +"Drawdown past 15%" +resolved`));
    expect(said).toMatch(/ana +resolved: halted by hand, drawdown back under 10%/);

    tmux.keys('q');
    await tmux.waitForText('EXITED 0');
  });
});
