import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { BIN, runCli } from '../helpers/cli.js';
import { ensureTmux, Tmux } from '../helpers/tmux.js';

// The trader says something hostile in a health message: an OSC 2 that would
// retitle the terminal and an OSC 52 that would write the clipboard. The real
// `gptmon tui` in a real terminal (tmux) must show the words, and do neither.
const HOSTILE = '\x1b]2;PWNED\x07\x1b]52;c;UFdORUQ=\x07broker said no';

let sim: RunningSim;
let dir: string;
const tmux = new Tmux();

beforeAll(async () => {
  ensureTmux();
  dir = mkdtempSync(join(tmpdir(), 'gptmon-e2e-'));
  sim = await startSim({ port: 0, token: 'e2e-token', seed: 11 });
  const res = await fetch(`${sim.url}/sim/health-message`, { method: 'POST', body: JSON.stringify({ component: 'api', message: HOSTILE, healthy: false }) });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await tmux.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
});

describe('a hostile health message', () => {
  it('shows in the console as text, and neither retitles the terminal nor writes the clipboard', async () => {
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), USER: 'ana', TERM: 'xterm-256color', HOME: dir };
    // The console waits for Enter, so the title and the clipboard are set up before it writes anything.
    tmux.start(`sh -c 'echo READY; read go; ${process.execPath} ${BIN} tui --trader ${sim.url}; echo "EXITED $?"; sleep 60'`, { columns: 160, rows: 40 }, env);
    await tmux.waitForText('READY');
    tmux.acceptClipboard();
    tmux.setPaneTitle('gptmon-e2e');
    expect(tmux.title()).toBe('gptmon-e2e');
    tmux.keys('Enter');

    const screen = await tmux.waitForText(/✖ api broker/);
    expect(tmux.title()).toBe('gptmon-e2e');
    expect(tmux.buffers()).toBe('');
    // The words are all there, and nothing of the sequences shows.
    expect(screen).toContain('✖ api broker said no');
    expect(screen).not.toContain('PWNED');

    tmux.keys('q');
    await tmux.waitForText('EXITED 0');
    expect(tmux.title()).toBe('gptmon-e2e');
  });

  it('comes out of `gptmon status` without an escape, and out of `status --json` as received', async () => {
    const env = { XDG_STATE_HOME: join(dir, 'state-status') };
    const text = await runCli(['status', '--trader', sim.url], { env });
    expect(text.stdout).toContain('api FAIL (');
    expect(text.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(text.stdout).toContain('api FAIL (broker said no)');

    const json = await runCli(['status', '--json', '--trader', sim.url], { env });
    const doc = JSON.parse(json.stdout) as { trader: { components: Array<{ name: string; message?: string }> } };
    expect(doc.trader.components.find((c) => c.name === 'api')?.message).toBe(HOSTILE);
  });
});
