// Ink 6.8's incremental renderer is off by one line per frame whenever the
// frame is shorter than the terminal (its cursorUp does not count the trailing
// newline), and a full-height frame makes Ink clear the whole screen on every
// frame. So Ink renders in debug mode into this sink, which hands over each
// whole frame, and the screen writes only the cells that changed, at their
// absolute positions: on the alternate screen gptmon owns every cell.

import { EventEmitter } from 'node:events';
import { terminalSafe } from '../../util/sanitize.js';
import { diffLine, toCells, type Cell } from './cells.js';

/** Begin/end synchronized update: the terminal shows the frame whole, or not at all. */
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

export interface Screen {
  /** What Ink writes to: a terminal-shaped object that keeps the last frame. */
  sink: NodeJS.WriteStream;
  /** Bytes written to the terminal so far (the benchmark reads this). */
  bytes(): number;
  close(): void;
}

export function createScreen(out: NodeJS.WriteStream, opts: { maxFps?: number } = {}): Screen {
  const sink = new EventEmitter() as EventEmitter & Record<string, unknown>;
  let previous: string[] = [];
  let previousCells: Cell[][] = [];
  let pending: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = 0;
  let written = 0;
  let closed = false;
  const minGap = Math.floor(1000 / (opts.maxFps ?? 20));

  const write = (s: string) => {
    if (!s) return;
    written += Buffer.byteLength(s);
    out.write(s);
  };

  const flush = () => {
    timer = undefined;
    if (pending === undefined || closed) return;
    const rows = out.rows || 24;
    // The last defence: whatever a component forgot to sanitise, only colour
    // and line breaks reach the terminal, never a title, clipboard or cursor move.
    const next = terminalSafe(pending).split('\n').slice(0, rows);
    pending = undefined;
    lastFlush = Date.now();
    let buf = '';
    const height = Math.max(next.length, previous.length);
    const cells: Cell[][] = [];
    for (let i = 0; i < height; i++) {
      const line = next[i] ?? '';
      if (line === (previous[i] ?? '') && i < previous.length) {
        cells[i] = previousCells[i]!;
        continue;
      }
      cells[i] = toCells(line);
      // A row never drawn is written whole; a row on screen only where it changed.
      buf += i < previous.length ? diffLine(previousCells[i]!, cells[i]!, i + 1) : `\x1b[${i + 1};1H\x1b[0m${line}\x1b[0m\x1b[K`;
    }
    previous = next;
    previousCells = cells;
    if (buf) write(SYNC_BEGIN + buf + SYNC_END);
  };

  // Getters, not values: Ink and the layout must see the size as it is now.
  Object.defineProperties(sink, {
    isTTY: { value: true },
    columns: { get: () => out.columns },
    rows: { get: () => out.rows },
  });
  Object.assign(sink, {
    write(frame: string | Uint8Array) {
      pending = typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8');
      // A burst of renders (typing, a poll landing) becomes one write.
      if (!timer) timer = setTimeout(flush, Math.max(0, minGap - (Date.now() - lastFlush)));
      return true;
    },
  });

  const onResize = () => {
    // Everything moved: forget what is on screen and draw it all again.
    previous = [];
    previousCells = [];
    write('\x1b[2J');
    sink.emit('resize');
  };
  out.on('resize', onResize);

  return {
    sink: sink as unknown as NodeJS.WriteStream,
    bytes: () => written,
    close: () => {
      if (timer) clearTimeout(timer);
      flush();
      closed = true;
      out.off('resize', onResize);
    },
  };
}
