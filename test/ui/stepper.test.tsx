import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { loadRunbooks } from '../../src/runbooks/load.js';
import { RunbookService } from '../../src/runbooks/service.js';
import { runbookText } from '../helpers/runbook-files.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const tick = () => new Promise((r) => setTimeout(r, 30));
afterEach(() => cleanup());

function setup() {
  const dir = tmp.dir();
  const marker = join(dir, 'restarted');
  tmp.file(
    'drawdown.md',
    runbookText('drawdown', { alerts: ['ExcessiveDrawdown'], steps: ['Say where we are: `echo step-one-output`', `Restart the thing: \`touch ${marker}; echo restart\``, 'Think it over'] }),
  );
  const loaded = loadRunbooks(dir);
  const runbooks = new RunbookService({ ...loaded, progressFile: join(dir, 'progress.json'), operator: 'ana', stepTimeoutMs: 5000 });
  const e = new Engine(config);
  e.recordScrape(Date.now(), scrape({ ...CALM, portfolio_drawdown: 0.16 }));
  return { runbooks, marker, ctl: stubController(e.snapshot(Date.now())) };
}

describe('the runbook stepper in the console', () => {
  it('opens from an alert with r, marks steps, runs a harmless command once confirmed', async () => {
    const { runbooks, ctl } = setup();
    const r = renderConsole(ctl, config, { columns: 100, rows: 30 }, { runbooks });
    await waitForFrame(r.lastFrame, (f) => f.includes('▶✖ CRIT ExcessiveDrawdown'));
    r.stdin.write('r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('Test drawdown · drawdown · 0/4 steps · for ExcessiveDrawdown'));
    expect(f).toMatch(/▶Diagnosis +1\. Say where we are/);
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, (x) => x.includes('Run echo step-one-output? y to run'));
    await typeKeys(r.stdin, 'y', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('exit 0 in'));
    expect(f).toContain('step-one-output');
    expect(f).toMatch(/ran \ds ago by ana: exit 0/);
    r.stdin.write('d');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('1/4 steps'));
    expect(f).toMatch(/Diagnosis +✓ 1\. Say where we are/);
    expect(f).toMatch(/▶ +2\. Restart the thing/);
    // Progress is kept for the alert: another engineer's console sees it.
    expect(runbooks.progress(ctl.getSnapshot().alerts.find((a) => a.name === 'ExcessiveDrawdown')!.key).progress!.steps['diagnosis:1']).toMatchObject({ status: 'done', operator: 'ana' });
  });

  it('a destructive step asks for its program name, and y is not enough', async () => {
    const { runbooks, ctl, marker } = setup();
    const r = renderConsole(ctl, config, { columns: 100, rows: 30 }, { runbooks });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'runbook drawdown', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('for this runbook'));
    r.stdin.write('j');
    await waitForFrame(r.lastFrame, (x) => /▶ +2\. Restart the thing/.test(x));
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, (x) => x.includes('changes things: type touch to run it'));
    await typeKeys(r.stdin, 'y', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('not confirmed: nothing was run'));
    expect(existsSync(marker)).toBe(false);
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, (x) => x.includes('type touch to run it'));
    await typeKeys(r.stdin, 'touch', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('exit 0 in'));
    expect(existsSync(marker)).toBe(true);
  });

  it('read-only: no x to run, marking still allowed', async () => {
    const { runbooks, ctl } = setup();
    const r = renderConsole(ctl, config, { columns: 100, rows: 30 }, { runbooks, readOnly: true });
    await waitForFrame(r.lastFrame, (f) => f.includes('ExcessiveDrawdown'));
    r.stdin.write('r');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('0/4 steps'));
    expect(f).not.toMatch(/\bx run\b/);
    r.stdin.write('x');
    await tick();
    expect(r.lastFrame()).not.toContain('y to run');
  });
});
