import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');

function critical() {
  const e = new Engine(config);
  e.recordScrape(T0, scrape({ ...CALM, portfolio_drawdown: 0.162, memory_usage: 0.95 }));
  for (let s = 1; s <= 70; s += 10) e.recordScrape(T0 + s * 1000, scrape({ ...CALM, portfolio_drawdown: 0.162, memory_usage: 0.95 }));
  return e.snapshot(T0 + 70_000);
}

const SIZE = { columns: 100, rows: 30 };
afterEach(() => cleanup());

describe('keys', () => {
  it('a, a comment, enter, a duration, enter: acknowledges the selected alert', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('▶✖ CRIT ExcessiveDrawdown'));
    r.stdin.write('a');
    await waitForFrame(r.lastFrame, (f) => f.includes('Ack comment'));
    await typeKeys(r.stdin, 'closing positions', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('Ack for how long') && f.includes(': 1h'));
    await typeKeys(r.stdin, '\u007f', '\u007f', '30m', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 30m'));
    expect(ctl.acks).toEqual([{ alertname: 'ExcessiveDrawdown', labels: {}, operator: 'ana', comment: 'closing positions', forMs: 1_800_000 }]);
  });

  it('esc cancels an acknowledgement half typed', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('ExcessiveDrawdown'));
    r.stdin.write('a');
    await waitForFrame(r.lastFrame, (f) => f.includes('Ack comment'));
    r.stdin.write('\u001b');
    await waitForFrame(r.lastFrame, (f) => !f.includes('Ack comment'));
    expect(ctl.acks).toEqual([]);
  });

  it('--read-only: no ack key, no :halt, and a does nothing', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE, { readOnly: true });
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('ExcessiveDrawdown'));
    expect(f).toContain('[read-only]');
    expect(f).not.toMatch(/\ba ack\b/);
    // Had `a` opened a prompt, the `?` after it would be typed there: the help view shows it did not.
    r.stdin.write('a');
    r.stdin.write('?');
    const help = await waitForFrame(r.lastFrame, (x) => x.includes('Keys in overview'));
    expect(help).not.toContain('Ack comment');
    expect(help).not.toContain('acknowledge');
    expect(help).not.toContain(':halt');
    expect(ctl.acks).toEqual([]);
  });

  it('? lists the keys of the view it came from, esc goes back', async () => {
    const r = renderConsole(stubController(critical()), config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    r.stdin.write('?');
    const help = await waitForFrame(r.lastFrame, (f) => f.includes('Keys in overview'));
    for (const line of ['enter      details of the selected alert', 'a          acknowledge the selected alert', 'q          quit']) expect(help).toContain(line);
    // The commands go on below the first page.
    r.stdin.write('J');
    expect(await waitForFrame(r.lastFrame, (f) => f.includes('Keys in overview') && !f.includes('lines 1-'))).toContain(':halt');
    r.stdin.write('\u001b');
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'), 'the overview again');
  });

  it(': with tab completion opens the alerts view; / filters it', async () => {
    const r = renderConsole(stubController(critical()), config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'al', '\t');
    await waitForFrame(r.lastFrame, (f) => f.includes(':alerts'));
    r.stdin.write('\r');
    const list = await waitForFrame(r.lastFrame, (f) => /Alerts \d+ ─/.test(f));
    expect(list).toContain('ExcessiveDrawdown');
    expect(list).toContain('MemoryCritical');
    await typeKeys(r.stdin, '/', 'memory');
    const filtered = await waitForFrame(r.lastFrame, (f) => f.includes('/memory:'));
    expect(filtered).toContain('MemoryCritical');
    expect(filtered).not.toContain('ExcessiveDrawdown');
  });

  it('an unknown command says so', async () => {
    const r = renderConsole(stubController(critical()), config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'frob', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('unknown command :frob'));
  });

  it('enter opens the details with the playbook actions; j moves the selection', async () => {
    const r = renderConsole(stubController(critical()), config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('▶✖ CRIT ExcessiveDrawdown'));
    r.stdin.write('j');
    await waitForFrame(r.lastFrame, (f) => /▶. \w+ +(?!ExcessiveDrawdown)/.test(f) && !f.includes('▶✖ CRIT ExcessiveDrawdown'));
    r.stdin.write('k');
    await waitForFrame(r.lastFrame, (f) => f.includes('▶✖ CRIT ExcessiveDrawdown'));
    r.stdin.write('\r');
    const detail = await waitForFrame(r.lastFrame, (f) => f.includes('What the playbook says to do'));
    expect(detail).toContain('1. Stop all trading immediately');
    expect(detail).toContain('Condition portfolio_drawdown > 0.15');
    expect(detail).toMatch(/Respond +in \dm\d\ds \(critical: within 5m, On-call \+ Management\)/);
  });

  it('p pauses, and says so in the header', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    r.stdin.write('p');
    await waitForFrame(r.lastFrame, (f) => f.split('\n')[0]!.includes('PAUSED'));
    expect(ctl.isPaused()).toBe(true);
    r.stdin.write('p');
    await waitForFrame(r.lastFrame, (f) => !f.split('\n')[0]!.includes('PAUSED'));
  });
});
