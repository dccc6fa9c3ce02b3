import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blankRow, cellsText, diffCells, paintCells, type CellRow } from '../../src/ui/tui/cells.js';
import { createScreen } from '../../src/ui/tui/screen.js';
import { virtualScreen } from '../helpers/vscreen.mjs';

/** A terminal that records what is written to it, and shows it as a terminal would. */
function fakeTerminal(columns = 40, rows = 6) {
  const t = new EventEmitter() as EventEmitter & { columns: number; rows: number; out: string[]; write(s: string): boolean };
  t.columns = columns;
  t.rows = rows;
  t.out = [];
  t.write = (s: string) => (t.out.push(s), true);
  return t;
}

/** What `writes` would show on a terminal of that size, drawn from blank. */
function shown(writes: string[], columns = 40, rows = 6): string {
  const screen = virtualScreen(columns, rows);
  for (const w of writes) screen.feed(w);
  return screen.text().trimEnd();
}

// The screen writer waits for its next frame slot: time is moved on by hand, not slept through.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());
const settle = () => vi.advanceTimersByTime(100);

describe('the screen writer', () => {
  it('draws the first frame whole, then only the cells that changed, each at its place', () => {
    const term = fakeTerminal();
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    screen.sink.write('header\nvalue 1\nfooter');
    settle();
    expect(term.out).toHaveLength(1);
    expect(shown(term.out)).toBe('header\nvalue 1\nfooter');
    const before = screen.bytes();
    screen.sink.write('header\nvalue 2\nfooter');
    settle();
    expect(term.out).toHaveLength(2);
    expect(shown(term.out)).toBe('header\nvalue 2\nfooter');
    // The update alone, on a blank terminal: the one cell that changed, where it belongs.
    expect(shown(term.out.slice(1))).toBe('\n      2');
    expect(screen.bytes() - before).toBeLessThan(before / 2);
    screen.close();
  });

  it('writes nothing when nothing changed, and one write for a burst of frames', () => {
    const term = fakeTerminal();
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    screen.sink.write('a\nb');
    settle();
    screen.sink.write('a\nb');
    settle();
    expect(term.out).toHaveLength(1);
    for (let i = 0; i < 5; i++) screen.sink.write(`a\n${i}`);
    settle();
    expect(term.out).toHaveLength(2);
    expect(shown(term.out)).toBe('a\n4');
    screen.close();
  });

  it('clears lines a shorter frame no longer uses, and redraws everything after a resize', () => {
    const term = fakeTerminal();
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    let resized = 0;
    screen.sink.on('resize', () => resized++);
    screen.sink.write('a\nb\nc');
    settle();
    screen.sink.write('a');
    settle();
    expect(shown(term.out)).toBe('a');
    term.columns = 30;
    term.emit('resize');
    expect(resized).toBe(1);
    expect(screen.sink.columns).toBe(30);
    const afterResize = term.out.length;
    screen.sink.write('a');
    settle();
    // The same frame as before, yet drawn whole: the resize may have moved everything.
    expect(shown(term.out.slice(afterResize), 30)).toBe('a');
    expect(shown(term.out, 30)).toBe('a');
    screen.close();
  });
});

/** A line as a row of cells `columns` wide. */
function cells(line: string, columns = 40): CellRow {
  const row = blankRow(columns);
  paintCells(line, row, 0, columns);
  return row;
}

describe('cells', () => {
  it('keeps each character with its style, whatever SGR codes drew it', () => {
    const row = cells('a\x1b[1m\x1b[31mb\x1b[39mc\x1b[22md\x1b[38;5;208me\x1b[0mf', 8);
    expect(row.ch).toEqual(['a', 'b', 'c', 'd', 'e', 'f', ' ', ' ']);
    expect(row.st).toEqual(['', '1;31', '1', '', '38;5;208', '', '', '']);
    expect(cellsText(cells('✖ ▁█', 5))).toBe('✖ ▁█ ');
  });

  it('gives a wide character two columns, joins marks to their character, and cuts at the edge', () => {
    // 界 is two columns: what follows it is one column further on.
    expect(cells('a界b', 5).ch).toEqual(['a', '界', '', 'b', ' ']);
    // A combining accent draws in the cell of its letter.
    expect(cells('e\u0301x', 3).ch).toEqual(['e\u0301', 'x', ' ']);
    // A wide character that would straddle the edge is a blank; nothing is drawn past the width.
    expect(cells('ab界', 3).ch).toEqual(['a', 'b', ' ']);
    const row = blankRow(6);
    paintCells('xxxxxxxx', row, 2, 3);
    expect(cellsText(row)).toBe('  xxx ');
  });

  it('rewrites a changed run with its style, and merges runs close together', () => {
    const before = 'Drawdown 3.1% ok';
    const after = 'Drawdown \x1b[31m16.2%\x1b[39m CRIT';
    const screen = virtualScreen(40, 6);
    screen.feed(`\x1b[4;1H${before}`);
    screen.feed(diffCells(cells(before), cells(after), 4));
    expect(screen.text().split('\n')[3]).toBe('Drawdown 16.2% CRIT');
    expect(screen.styleAt(4, 10)).toBe('fg=31');
    expect(screen.styleAt(4, 14)).toBe('fg=31');
    expect(screen.styleAt(4, 16)).toBe('');
    // Only from the first change on: on a blank terminal the update shows nothing before column 10.
    expect(shown([diffCells(cells(before), cells(after), 4)]).split('\n')[3]).toBe('         16.2% CRIT');
    // Two changes one cell apart are one run: the cell between is rewritten with them.
    expect(shown([diffCells(cells('a1b2c'), cells('a9b9c'), 1)])).toBe(' 9b9');
    expect(diffCells(cells('same'), cells('same'), 1)).toBe('');
    // A wide character is written once, and the run never starts on its right half.
    expect(diffCells(cells('a界b'), cells('a界c'), 1)).toBe('\x1b[1;4H\x1b[0mc\x1b[0m');
    expect(diffCells(cells('a界b'), cells('a国b'), 1)).toBe('\x1b[1;2H\x1b[0m国\x1b[0m');
  });
});
