// The screen writer. Ink 6.8's incremental renderer is off by one line per
// frame whenever the frame is shorter than the terminal (its cursorUp does not
// count the trailing newline), and a full-height frame makes Ink clear the
// whole screen on every frame. So Ink renders in debug mode into this sink,
// which hands over each whole frame, and the screen writes only the cells that
// changed, at their absolute positions: on the alternate screen gptmon owns
// every cell.
//
// Ink draws the structure, and only when it changes. What changes every
// second (values, ages, sparklines, the clock) is in live regions: boxes Ink
// laid out, whose text a plain function of the latest snapshot gives, painted
// here without a React commit (`repaint`). A region that did not change costs
// one string comparison; one that did, the cells it covers.

import { EventEmitter } from 'node:events';
import { terminalSafe } from '../../util/sanitize.js';
import { blankRow, copyCells, diffCells, paintCells, type CellRow } from './cells.js';

/** Begin/end synchronized update: the terminal shows the frame whole, or not at all. */
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

/** Where a region is on screen (0-based) and how wide. */
export interface Place {
  row: number;
  col: number;
  width: number;
}

/** A box of one row whose text is painted from the latest data, between Ink's frames. */
export interface LiveRegion {
  /** Where Ink laid it out, asked after each of Ink's frames; undefined when it is not on screen. */
  place(): Place | undefined;
  /** Its text now (SGR allowed); cut or padded to its width. */
  text(): string;
}

/** What the console's live regions need of the screen. */
export interface LivePaint {
  /** Paints the region from now on; the function returned stops that. */
  add(region: LiveRegion): () => void;
  /** The data changed inside regions only: paint them at the next frame slot. */
  repaint(): void;
}

export interface Screen extends LivePaint {
  /** What Ink writes to: a terminal-shaped object that keeps the last frame. */
  sink: NodeJS.WriteStream;
  /** Bytes written to the terminal so far (the benchmark reads this). */
  bytes(): number;
  /** Frames Ink handed over so far (each one a React commit that reached the screen). */
  inkFrames(): number;
  close(): void;
}

interface Held {
  region: LiveRegion;
  place?: Place | undefined;
  /** The text last painted, to skip a region that did not change. */
  last?: string;
}

export function createScreen(out: NodeJS.WriteStream, opts: { maxFps?: number } = {}): Screen {
  const sink = new EventEmitter() as EventEmitter & Record<string, unknown>;
  /** What the terminal shows, a row of cells per line; rows not drawn yet are undefined. */
  let shown: CellRow[] = [];
  let columns = out.columns || 80;
  /** Ink's last frame, a line per row. */
  let frame: string[] = [];
  /** Rows that had regions painted over Ink's line. */
  let liveRows = new Set<number>();
  let scratch = blankRow(columns);
  const regions = new Set<Held>();
  let pendingFrame: string | undefined;
  let pendingPaint = false;
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = 0;
  let written = 0;
  let frames = 0;
  let closed = false;
  const minGap = Math.floor(1000 / (opts.maxFps ?? 20));

  const write = (s: string) => {
    if (!s) return;
    written += Buffer.byteLength(s);
    out.write(s);
  };

  const schedule = () => {
    if (!timer && !closed) timer = setTimeout(flush, Math.max(0, minGap - (Date.now() - lastFlush)));
  };

  /** Paints one region's `text` into `row` (cells of the line it is on). */
  const paintRegion = (h: Held, row: CellRow, text = h.region.text()): void => {
    h.last = text;
    // The last defence, for regions too: only colour reaches the terminal.
    paintCells(terminalSafe(text).replace(/\n/g, ' '), row, h.place!.col, h.place!.width);
  };

  /** Ink's new frame, with every region painted over it. */
  const drawFrame = (text: string): string => {
    const rows = out.rows || 24;
    // The last defence: whatever a component forgot to sanitise, only colour
    // and line breaks reach the terminal, never a title, clipboard or cursor move.
    const next = terminalSafe(text).split('\n').slice(0, rows);
    // Ink laid everything out again: ask each region where it is now.
    const byRow = new Map<number, Held[]>();
    for (const h of regions) {
      h.place = h.region.place();
      h.last = undefined;
      if (!h.place || h.place.row >= next.length || h.place.col >= columns) continue;
      const list = byRow.get(h.place.row);
      if (list) list.push(h);
      else byRow.set(h.place.row, [h]);
    }
    let buf = '';
    const wasLive = liveRows;
    liveRows = new Set(byRow.keys());
    const height = Math.max(next.length, shown.length, frame.length);
    for (let i = 0; i < height; i++) {
      const line = next[i];
      const live = byRow.get(i);
      if (line === undefined) {
        // A row the new frame no longer uses: blank it.
        if (shown[i]) buf += `\x1b[${i + 1};1H\x1b[0m\x1b[K`;
        continue;
      }
      if (!live && !wasLive.has(i) && line === frame[i] && shown[i]) continue;
      paintCells(line, scratch, 0, columns);
      if (live) for (const h of live) paintRegion(h, scratch);
      const before = shown[i];
      if (!before) {
        // A row never drawn is written whole.
        shown[i] = blankRow(columns);
        buf += `\x1b[${i + 1};1H\x1b[0m\x1b[K${diffCells(shown[i]!, scratch, i + 1)}`;
      } else buf += diffCells(before, scratch, i + 1);
      copyCells(scratch, shown[i]!);
    }
    shown.length = next.length;
    frame = next;
    return buf;
  };

  /** The data moved on inside the regions: only what changed in them. */
  const drawRegions = (): string => {
    let buf = '';
    for (const h of regions) {
      const p = h.place;
      const row = p && shown[p.row];
      if (!p || !row) continue;
      // A region whose text did not change costs this comparison and nothing more.
      const text = h.region.text();
      if (text === h.last) continue;
      copyCells(row, scratch, p.col, Math.min(columns, p.col + p.width));
      paintRegion(h, scratch, text);
      buf += diffCells(row, scratch, p.row + 1, p.col, Math.min(columns, p.col + p.width));
      copyCells(scratch, row, p.col, Math.min(columns, p.col + p.width));
    }
    return buf;
  };

  const flush = () => {
    timer = undefined;
    if (closed || (pendingFrame === undefined && !pendingPaint)) return;
    lastFlush = Date.now();
    const buf = pendingFrame !== undefined ? drawFrame(pendingFrame) : drawRegions();
    pendingFrame = undefined;
    pendingPaint = false;
    if (buf) write(SYNC_BEGIN + buf + SYNC_END);
  };

  // Getters, not values: Ink and the layout must see the size as it is now.
  Object.defineProperties(sink, {
    isTTY: { value: true },
    columns: { get: () => out.columns },
    rows: { get: () => out.rows },
  });
  Object.assign(sink, {
    write(data: string | Uint8Array) {
      pendingFrame = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
      frames++;
      // A burst of renders (typing, a poll landing) becomes one write.
      schedule();
      return true;
    },
  });

  const onResize = () => {
    // Everything moved: forget what is on screen and draw it all again.
    columns = out.columns || 80;
    scratch = blankRow(columns);
    shown = [];
    frame = [];
    liveRows = new Set();
    write('\x1b[2J');
    sink.emit('resize');
  };
  out.on('resize', onResize);

  return {
    sink: sink as unknown as NodeJS.WriteStream,
    bytes: () => written,
    inkFrames: () => frames,
    add(region) {
      const h: Held = { region };
      regions.add(h);
      return () => {
        regions.delete(h);
      };
    },
    repaint() {
      pendingPaint = true;
      schedule();
    },
    close: () => {
      if (timer) clearTimeout(timer);
      flush();
      closed = true;
      out.off('resize', onResize);
    },
  };
}
