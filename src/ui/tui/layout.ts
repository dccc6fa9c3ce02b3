// How the overview fits the terminal: two boxed columns from 100x30, two
// compact columns (titles instead of frames) down to 80x24, one column down
// to 60x20, and below that only a line saying what size is needed.

import { MIN_COLUMNS, MIN_ROWS } from './components/TooSmall.js';

export type LayoutKind = 'too-small' | 'one' | 'two-compact' | 'two-boxed';

export interface Layout {
  kind: LayoutKind;
  width: number;
  /** The frame is one row shorter than the terminal: Ink clears the screen on every frame of full height. */
  height: number;
  columnWidth: number;
  boxed: boolean;
}

export function layoutFor(columns: number, rows: number): Layout {
  const width = columns;
  const height = rows - 1;
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { kind: 'too-small', width, height, columnWidth: width, boxed: false };
  if (columns < 80 || rows < 24) return { kind: 'one', width, height, columnWidth: width, boxed: false };
  const boxed = rows >= 30;
  return { kind: boxed ? 'two-boxed' : 'two-compact', width, height, columnWidth: Math.floor(width / 2), boxed };
}

/** Rows a panel takes: its rows plus its frame (two lines) or title (one). */
export function panelHeight(rows: number, boxed: boolean): number {
  return rows + (boxed ? 2 : 1);
}
