import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { actionFor } from '../../src/ui/tui/keys.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const SIZE = { columns: 100, rows: 30 };
afterEach(() => cleanup());

function critical() {
  const e = new Engine(config);
  for (let s = 0; s <= 70; s += 10) e.recordScrape(T0 + s * 1000, scrape({ ...CALM, portfolio_drawdown: 0.162 }));
  return e.snapshot(T0 + 70_000);
}

/** The console with the drawdown alert selected, at the ack's duration prompt (1h offered). */
async function atDuration() {
  const ctl = stubController(critical());
  const r = renderConsole(ctl, config, SIZE);
  await waitForFrame(r.lastFrame, (f) => f.includes('▶✖ CRIT ExcessiveDrawdown'));
  r.stdin.write('a');
  await waitForFrame(r.lastFrame, (f) => f.includes('Ack comment'));
  await typeKeys(r.stdin, 'on it', '\r');
  await waitForFrame(r.lastFrame, (f) => f.includes('Ack for how long (e.g. 30m, 2h): 1h'), 'the duration prompt with 1h offered');
  return { ctl, r };
}

const ack = (forMs: number, comment = 'on it') => [{ alertname: 'ExcessiveDrawdown', labels: {}, operator: 'ana', comment, forMs }];

describe('a prompt', () => {
  it('replaces the offered value with the first key typed: 45m at "1h" is a 45m ack', async () => {
    const { ctl, r } = await atDuration();
    await typeKeys(r.stdin, '45m', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 45m'));
    expect(ctl.acks).toEqual(ack(45 * 60_000));
  });

  it('replaces it one key at a time, too', async () => {
    const { ctl, r } = await atDuration();
    await typeKeys(r.stdin, '4', '5', 'm', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 45m'));
    expect(ctl.acks).toEqual(ack(45 * 60_000));
  });

  it('clears the offered value with one Backspace', async () => {
    const { ctl, r } = await atDuration();
    r.stdin.write('\u007f');
    await waitForFrame(r.lastFrame, (f) => /\(e\.g\. 30m, 2h\): +esc cancels/.test(f), 'the prompt empty');
    await typeKeys(r.stdin, '20m', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 20m'));
    expect(ctl.acks).toEqual(ack(20 * 60_000));
  });

  it('keeps the offered value with →, to type after it', async () => {
    const { ctl, r } = await atDuration();
    await typeKeys(r.stdin, '\u001b[C', '30m');
    await waitForFrame(r.lastFrame, (f) => f.includes('2h): 1h30m'));
    r.stdin.write('\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 90m'));
    expect(ctl.acks).toEqual(ack(90 * 60_000));
  });

  it('erases the line with Ctrl-U', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('ExcessiveDrawdown'));
    await typeKeys(r.stdin, 'a', 'wrong words');
    await waitForFrame(r.lastFrame, (f) => f.includes('Ack comment (enter to go on): wrong words'));
    await typeKeys(r.stdin, '\u0015', 'right', '\r', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 1h'));
    expect(ctl.acks).toEqual(ack(3_600_000, 'right'));
  });

  it('takes keys that arrive before it is drawn: a whole ack in one read, or in reads with no render between', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('▶✖ CRIT ExcessiveDrawdown'));
    r.stdin.write('aclosing positions\r45m\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 45m'));
    expect(ctl.acks).toEqual(ack(45 * 60_000, 'closing positions'));
    // No await between these reads: each prompt is typed into before it is drawn.
    for (const piece of ['a', 'closing', ' positions', '\r', '2', '0m', '\r']) r.stdin.write(piece);
    await waitForFrame(r.lastFrame, (f) => f.includes('acknowledged ExcessiveDrawdown for 20m'));
    expect(ctl.acks.at(-1)).toEqual(ack(20 * 60_000, 'closing positions')[0]);
  });

  it('Ctrl-C cancels the prompt and the console stays up; in a view Ctrl-C quits', async () => {
    const ctl = stubController(critical());
    const r = renderConsole(ctl, config, SIZE);
    await waitForFrame(r.lastFrame, (f) => f.includes('ExcessiveDrawdown'));
    await typeKeys(r.stdin, 'a', 'half a comm');
    await waitForFrame(r.lastFrame, (f) => f.includes('Ack comment (enter to go on): half a comm'));
    r.stdin.write('\u0003');
    await waitForFrame(r.lastFrame, (f) => !f.includes('Ack comment') && f.includes('a ack'), 'the footer back');
    r.stdin.write('?');
    await waitForFrame(r.lastFrame, (f) => f.includes('Keys in overview'), 'the help view: still answering keys');
    expect(ctl.acks).toEqual([]);
    expect(actionFor('ctrl-c', 'overview', false)).toBe('quit');
  });

  it('the help lists the prompt keys from the same table, and marks the keys that change trading', async () => {
    const r = renderConsole(stubController(critical()), config, { columns: 100, rows: 60 });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    r.stdin.write('?');
    const help = await waitForFrame(r.lastFrame, (f) => f.includes('At a prompt'));
    expect(help).toMatch(/H +! halt trading/);
    expect(help).toMatch(/F +! fail over/);
    expect(help).toMatch(/a +acknowledge/);
    for (const line of [/backspace +erase a character, or all of an offered value/, /ctrl-u +erase the line/, /esc +cancel/, /tab +complete/, /→\/end +keep the offered value/]) expect(help).toMatch(line);
  });
});
