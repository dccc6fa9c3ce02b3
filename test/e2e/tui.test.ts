import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';

// The real `gptmon tui` in a real terminal (tmux) against `gptmon sim` over HTTP.
let sim: RunningSim;
let dir: string;
const tmux = new Tmux();

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-e2e-'));
  sim = await startSim({ port: 0, token: 'e2e-token', seed: 11 });
});

afterAll(async () => {
  await tmux.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

describe('gptmon tui in a terminal', () => {
  it('shows a drawdown turning critical, takes an ack from the keyboard, and quits cleanly', async () => {
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir };
    tmux.start(`sh -c 'echo BEFORE-GPTMON; ${process.execPath} ${BIN} tui --trader ${sim.url}; echo "EXITED $?"; sleep 60'`, { columns: 80, rows: 24 }, env);
    await tmux.waitForText('TRADING ACTIVE');
    expect(tmux.alternateOn()).toBe(true);
    expect(tmux.screen()).toContain('no alerts firing');

    sim.setScenario('drawdown');
    sim.advance(60);
    const critical = await tmux.waitForText(/✖ CRIT ExcessiveDrawdown/);
    expect(critical).toMatch(/✖ CRIT 1/);
    expect(critical).toMatch(/Drawdown +1[5-9]\.\d% ✖ CRIT/);

    tmux.keys('a');
    await tmux.waitForText('Ack comment');
    tmux.text('flattening now');
    await tmux.waitForText('flattening now');
    tmux.keys('Enter');
    await tmux.waitForText('Ack for how long');
    tmux.keys('Enter');
    const acked = await tmux.waitForText(/ExcessiveDrawdown .*acked ana/);
    expect(acked).toContain('acknowledged ExcessiveDrawdown for 1h (kept locally)');

    tmux.keys('q');
    const after = await tmux.waitForText('EXITED 0');
    expect(tmux.alternateOn()).toBe(false);
    // The shell's screen is back as it was, not the console's last frame.
    expect(after).toContain('BEFORE-GPTMON');
    expect(after).not.toContain('TRADING ACTIVE');
  });
});
