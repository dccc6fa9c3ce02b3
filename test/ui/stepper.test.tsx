import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { loadRunbooks } from '../../src/runbooks/load.js';
import { RunbookService } from '../../src/runbooks/service.js';
import { ProgressStore } from '../../src/store/progress-file.js';
import { runbookText } from '../helpers/runbook-files.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
afterEach(() => cleanup());

function setup() {
  const dir = tmp.dir();
  const marker = join(dir, 'restarted');
  tmp.file(
    'drawdown.md',
    runbookText('drawdown', { alerts: ['ExcessiveDrawdown'], steps: ['Say where we are: `echo step-one-output`', `Restart the thing: \`MODE=restart touch ${marker}\``, 'Think it over'] }),
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
    // Had `x` asked to run, the `j` after it would be typed there: the cursor moving shows it did not.
    r.stdin.write('x');
    r.stdin.write('j');
    await waitForFrame(r.lastFrame, (x) => /▶ +2\. Restart the thing/.test(x));
    expect(r.lastFrame()).not.toContain('y to run');
  });

  it('a multi-line step shows every line, says how many, and asks for the word of its most dangerous line', async () => {
    const dir = tmp.dir();
    const cache = join(dir, 'cache');
    mkdirSync(cache);
    tmp.file('clean.md', runbookText('clean', { steps: ['Check, then clean the cache:\n   ```sh\n   echo checking state\n   rm -rf ' + cache + '\n   ```', 'Think it over'] }));
    const runbooks = new RunbookService({ ...loadRunbooks(dir), progressFile: join(dir, 'progress.json'), operator: 'ana', stepTimeoutMs: 5000 });
    const e = new Engine(config);
    e.recordScrape(Date.now(), scrape(CALM));
    const r = renderConsole(stubController(e.snapshot(Date.now())), config, { columns: 100, rows: 30 }, { runbooks });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'runbook clean', '\r');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('for this runbook'));
    expect(f).toContain('  1 $ echo checking state');
    expect(f).toContain(`  2 $ rm -rf ${cache}`);
    expect(f).toMatch(/Command · 2 lines · changes trading or data \(line 2\): type rm to run/);
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, (x) => x.includes(`line 2 (rm -rf`) && x.includes('changes things: type rm to run all 2 lines'));
    // The first line's program is not the word: nothing runs.
    await typeKeys(r.stdin, 'echo', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('not confirmed: nothing was run'));
    expect(existsSync(cache)).toBe(true);
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, (x) => x.includes('type rm to run all 2 lines'));
    await typeKeys(r.stdin, 'rm', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('exit 0 in'));
    expect(existsSync(cache)).toBe(false);
    expect(r.lastFrame()).toContain('checking state');
  });

  it('a command longer than the room there is wraps and scrolls with pgdn/J and pgup/K', async () => {
    const dir = tmp.dir();
    const lines = Array.from({ length: 20 }, (_, i) => `echo line-${String(i + 1).padStart(2, '0')} ${'x'.repeat(i === 0 ? 120 : 5)}`);
    tmp.file('long.md', runbookText('long', { steps: ['Many lines:\n   ```sh\n' + lines.map((l) => `   ${l}`).join('\n') + '\n   ```', 'Then this'] }));
    const runbooks = new RunbookService({ ...loadRunbooks(dir), progressFile: join(dir, 'progress.json'), operator: 'ana', stepTimeoutMs: 5000 });
    const e = new Engine(config);
    e.recordScrape(Date.now(), scrape(CALM));
    const r = renderConsole(stubController(e.snapshot(Date.now())), config, { columns: 80, rows: 24 }, { runbooks });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'runbook long', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('for this runbook'));
    expect(f).toMatch(/20 lines · rows 1-\d+ of 21, pgdn\/pgup scroll/);
    // The first line is wrapped, not cut: its end is on the next row.
    expect(f).toMatch(/ 1 \$ echo line-01 x+\n +x+/);
    expect(f).not.toContain('line-20');
    expect(f).toContain('pgdn/J more');
    for (let i = 0; i < 25; i++) r.stdin.write('J');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('line-20'));
    expect(f).toMatch(/rows \d+-21 of 21/);
    expect(f).not.toContain('line-01');
    r.stdin.write('K');
    await waitForFrame(r.lastFrame, (x) => !x.includes('line-20'));
  });

  it('a failed run is marked failed; reopening puts the cursor on the first unmarked step', async () => {
    const dir = tmp.dir();
    tmp.file('fails.md', runbookText('fails', { steps: ['This fails: `echo failing; exit 3`', 'This is fine: `echo fine`', 'Then this'] }));
    const progressFile = join(dir, 'progress.json');
    const make = () => new RunbookService({ ...loadRunbooks(dir), progressFile, operator: 'ana', stepTimeoutMs: 5000 });
    const e = new Engine(config);
    e.recordScrape(Date.now(), scrape(CALM));
    const ctl = stubController(e.snapshot(Date.now()));
    const r = renderConsole(ctl, config, { columns: 100, rows: 30 }, { runbooks: make() });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'runbook fails', '\r');
    await waitForFrame(r.lastFrame, (x) => /▶Diagnosis +1\. This fails/.test(x));
    await typeKeys(r.stdin, 'x', 'y', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('exit 3 in'));
    expect(f).toMatch(/▶Diagnosis +✖ 1\. This fails/);
    expect(f).toContain('0/4 steps · 1 failed');
    expect(f).toMatch(/exit 3 \(failed\)/);
    await typeKeys(r.stdin, 'j', 'd');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('1/4 steps'));
    expect(f).toMatch(/✓ 2\. This is fine/);
    // Back out and open it again: the cursor is on step 3, the first with no mark.
    await typeKeys(r.stdin, 'k', 'k', '\x1b');
    await waitForFrame(r.lastFrame, (x) => !x.includes('for this runbook'));
    await typeKeys(r.stdin, ':', 'runbook fails', '\r');
    await waitForFrame(r.lastFrame, (x) => /▶ +3\. Then this/.test(x));
    cleanup();
    // And so does the next engineer's console, from the file.
    const r2 = renderConsole(ctl, config, { columns: 100, rows: 30 }, { runbooks: make() });
    await waitForFrame(r2.lastFrame, (x) => x.includes('Trading'));
    await typeKeys(r2.stdin, ':', 'runbook fails', '\r');
    f = await waitForFrame(r2.lastFrame, (x) => /▶ +3\. Then this/.test(x));
    expect(f).toMatch(/Diagnosis +✖ 1\. This fails/);
  });

  it('progress that cannot be read or kept is said so; the console keeps running', async () => {
    const dir = tmp.dir();
    tmp.file('drawdown.md', runbookText('drawdown', { steps: ['Say: `echo said`', 'Then this'] }));
    // Its directory is a file: every read and write of it fails.
    const notADir = tmp.file('not-a-dir', 'x');
    const runbooks = new RunbookService({ ...loadRunbooks(dir), progressFile: join(notADir, 'progress.json'), operator: 'ana', stepTimeoutMs: 5000 });
    const e = new Engine(config);
    e.recordScrape(Date.now(), scrape(CALM));
    const r = renderConsole(stubController(e.snapshot(Date.now())), config, { columns: 100, rows: 30 }, { runbooks });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'runbook drawdown', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('for this runbook'));
    expect(f).toContain('progress cannot be read:');
    r.stdin.write('d');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('not kept:'));
    expect(f).toMatch(/▶Diagnosis +1\. Say/);
    await typeKeys(r.stdin, 'x', 'y', '\r');
    f = await waitForFrame(r.lastFrame, (x) => /exit 0 in \d+ms; not kept:/.test(x));
    // Still answering keys.
    r.stdin.write('j');
    await waitForFrame(r.lastFrame, (x) => /▶ +2\. Then this/.test(x));
  });

  it('progress is read on the tick, not on every render: a mark made by another engineer shows at the next refresh', async () => {
    const dir = tmp.dir();
    tmp.file('drawdown.md', runbookText('drawdown', { steps: ['Say: `echo said`', 'Then this'] }));
    const progressFile = join(dir, 'progress.json');
    const runbooks = new RunbookService({ ...loadRunbooks(dir), progressFile, operator: 'ana', stepTimeoutMs: 5000 });
    const e = new Engine(config);
    e.recordScrape(Date.now(), scrape(CALM));
    const ctl = stubController(e.snapshot(Date.now()));
    const r = renderConsole(ctl, config, { columns: 100, rows: 30 }, { runbooks });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'runbook drawdown', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('0/3 steps · for this runbook'));
    const reads = vi.spyOn(runbooks, 'progress');
    // Renders without a tick: a command typed and cancelled, a move down and up.
    await typeKeys(r.stdin, ':', 'what');
    await waitForFrame(r.lastFrame, (x) => x.includes(':what'));
    await typeKeys(r.stdin, '\x1b', 'j');
    await waitForFrame(r.lastFrame, (x) => /▶ +2\. Then this/.test(x));
    r.stdin.write('k');
    await waitForFrame(r.lastFrame, (x) => /▶Diagnosis +1\. Say/.test(x));
    expect(reads).not.toHaveBeenCalled();
    // Another console marks step 1; this one sees it when its controller next publishes.
    new ProgressStore(progressFile).record('runbook:drawdown', 'drawdown', 'diagnosis:1', { status: 'done', at: Date.now(), operator: 'bo' });
    ctl.set({ ...ctl.getSnapshot() });
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('1/3 steps'), 'the mark from the file');
    expect(f).toMatch(/Diagnosis +✓ 1\. Say/);
    expect(f).toContain('done by bo');
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
