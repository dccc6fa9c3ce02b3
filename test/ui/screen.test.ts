import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createScreen } from '../../src/ui/tui/screen.js';

/** A terminal that records what is written to it. */
function fakeTerminal(columns = 40, rows = 6) {
  const t = new EventEmitter() as EventEmitter & { columns: number; rows: number; out: string[]; write(s: string): boolean };
  t.columns = columns;
  t.rows = rows;
  t.out = [];
  t.write = (s: string) => (t.out.push(s), true);
  return t;
}

const settle = () => new Promise((r) => setTimeout(r, 80));

describe('the screen writer', () => {
  it('draws the first frame whole, then only the cells that changed, each at its place', async () => {
    const term = fakeTerminal();
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    screen.sink.write('header\nvalue 1\nfooter');
    await settle();
    expect(term.out).toHaveLength(1);
    expect(term.out[0]).toContain('\x1b[1;1H\x1b[0mheader');
    expect(term.out[0]).toContain('\x1b[3;1H\x1b[0mfooter');
    const before = screen.bytes();
    screen.sink.write('header\nvalue 2\nfooter');
    await settle();
    expect(term.out).toHaveLength(2);
    expect(term.out[1]).toBe('\x1b[?2026h\x1b[2;7H\x1b[0m2\x1b[0m\x1b[?2026l');
    expect(screen.bytes() - before).toBeLessThan(before / 2);
    screen.close();
  });

  it('writes nothing when nothing changed, and one write for a burst of frames', async () => {
    const term = fakeTerminal();
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    screen.sink.write('a\nb');
    await settle();
    screen.sink.write('a\nb');
    await settle();
    expect(term.out).toHaveLength(1);
    for (let i = 0; i < 5; i++) screen.sink.write(`a\n${i}`);
    await settle();
    expect(term.out).toHaveLength(2);
    expect(term.out[1]).toContain('4');
    screen.close();
  });

  it('clears lines a shorter frame no longer uses, and redraws everything after a resize', async () => {
    const term = fakeTerminal();
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    let resized = 0;
    screen.sink.on('resize', () => resized++);
    screen.sink.write('a\nb\nc');
    await settle();
    screen.sink.write('a');
    await settle();
    expect(term.out[1]).toContain('\x1b[2;1H\x1b[0m\x1b[K');
    expect(term.out[1]).toContain('\x1b[3;1H\x1b[0m\x1b[K');
    term.columns = 30;
    term.emit('resize');
    expect(resized).toBe(1);
    expect(screen.sink.columns).toBe(30);
    screen.sink.write('a');
    await settle();
    expect(term.out.at(-1)).toContain('\x1b[1;1H\x1b[0ma');
    screen.close();
  });
});

describe('cells', () => {
  it('keeps each character with its style, whatever SGR codes drew it', async () => {
    const { toCells } = await import('../../src/ui/tui/cells.js');
    expect(toCells('a\x1b[1m\x1b[31mb\x1b[39mc\x1b[22md\x1b[38;5;208me\x1b[0mf')).toEqual([
      { ch: 'a', style: '' },
      { ch: 'b', style: '1;31' },
      { ch: 'c', style: '1' },
      { ch: 'd', style: '' },
      { ch: 'e', style: '38;5;208' },
      { ch: 'f', style: '' },
    ]);
    expect(toCells('✖ ▁█').map((c) => c.ch)).toEqual(['✖', ' ', '▁', '█']);
  });

  it('rewrites a changed run with its style, and merges runs close together', async () => {
    const { diffLine, toCells } = await import('../../src/ui/tui/cells.js');
    expect(diffLine(toCells('Drawdown 3.1% ok'), toCells('Drawdown \x1b[31m16.2%\x1b[39m CRIT'), 4)).toBe('\x1b[4;10H\x1b[0;31m16.2%\x1b[0m CRIT\x1b[0m');
    expect(diffLine(toCells('a1b2c'), toCells('a9b9c'), 1)).toBe('\x1b[1;2H\x1b[0m9b9\x1b[0m');
    expect(diffLine(toCells('same'), toCells('same'), 1)).toBe('');
  });
});
