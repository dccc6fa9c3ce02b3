// A terminal row as cells: the text drawn in each column and the SGR style it
// is drawn in. Comparing cells, not lines, lets the screen rewrite only the
// characters that changed (a digit, a sparkline bar) instead of the whole line.
// Rows are kept as two arrays filled in place: painting a line allocates no
// cell objects, and measuring is ASCII first, Unicode width only for the rest,
// each distinct character measured once.

import stringWidth from 'string-width';

export interface CellRow {
  /** The character in each column; '' for the right half of a wide one. */
  ch: string[];
  /** The SGR parameters in force in each column, normalised: '' for the default style. */
  st: string[];
}

export function blankRow(columns: number): CellRow {
  return { ch: new Array<string>(columns).fill(' '), st: new Array<string>(columns).fill('') };
}

/** Marks, variation selectors, joiners and skin tones: drawn in the cell of the character before them. */
const JOINS = /^(?:[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200d\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]|\udb40[\udd00-\uddef]|\ud83c[\udffb-\udfff])$/;
const JOINED = -1;

/** Columns a character (with any marks joined to it) takes, or JOINED: measured once, then remembered. */
const widths = new Map<string, number>();
function widthOf(text: string, alone = true): number {
  let w = widths.get(text);
  if (w === undefined) {
    w = alone && JOINS.test(text) ? JOINED : stringWidth(text);
    if (widths.size < 4096) widths.set(text, w);
  }
  return w;
}

const FLAG_OFF: Record<number, number> = { 22: (1 << 1) | (1 << 2), 23: 1 << 3, 24: 1 << 4, 25: 1 << 5, 27: 1 << 7, 28: 1 << 8, 29: 1 << 9 };

/** An SGR state: flags as bits 1-9, colours as their parameters. */
class Sgr {
  flags = 0;
  fg = '';
  bg = '';
  key = '';

  reset(): void {
    this.flags = 0;
    this.fg = '';
    this.bg = '';
    this.key = '';
  }

  apply(params: string): void {
    const codes = params === '' ? [0] : params.split(';').map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c === 0) {
        this.flags = 0;
        this.fg = '';
        this.bg = '';
      } else if (c === 38 || c === 48) {
        // 38;5;n or 38;2;r;g;b: the colour takes the following parameters with it.
        const n = codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
        const value = codes.slice(i, i + 1 + n).join(';');
        if (c === 38) this.fg = value;
        else this.bg = value;
        i += n;
      } else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) this.fg = String(c);
      else if (c === 39) this.fg = '';
      else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) this.bg = String(c);
      else if (c === 49) this.bg = '';
      else if (FLAG_OFF[c]) this.flags &= ~FLAG_OFF[c]!;
      else if (c >= 1 && c <= 9) this.flags |= 1 << c;
    }
    let key = '';
    for (let f = 1; f <= 9; f++) if (this.flags & (1 << f)) key += key ? `;${f}` : String(f);
    if (this.fg) key += key ? `;${this.fg}` : this.fg;
    if (this.bg) key += key ? `;${this.bg}` : this.bg;
    this.key = key;
  }
}

const sgr = new Sgr();

/**
 * Paints `line` (text and SGR) into `row` from column `from`, over exactly
 * `width` columns: what is longer is cut (a wide character that would straddle
 * the edge becomes a space), what is shorter is padded with blanks.
 */
export function paintCells(line: string, row: CellRow, from: number, width: number): void {
  const end = Math.min(from + width, row.ch.length);
  let col = from;
  sgr.reset();
  let style = '';
  for (let i = 0; i < line.length && col <= end; ) {
    const code = line.charCodeAt(i);
    if (code === 0x1b && line.charCodeAt(i + 1) === 0x5b) {
      let j = i + 2;
      while (j < line.length && !isFinal(line.charCodeAt(j))) j++;
      if (line.charCodeAt(j) === 0x6d) {
        sgr.apply(line.slice(i + 2, j));
        style = sgr.key;
      }
      i = j + 1;
      continue;
    }
    // The fast path: printable ASCII is one column, nothing to measure.
    if (code >= 0x20 && code < 0x7f) {
      if (col >= end) break;
      row.ch[col] = line[i]!;
      row.st[col++] = style;
      i++;
      continue;
    }
    const size = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const ch = line.slice(i, i + size);
    i += size;
    if (code < 0x20 || code === 0x7f) continue;
    const w = widthOf(ch);
    if (w === JOINED) {
      // Into the cell before (the left half of a wide one); a zero-width joiner takes the next character too.
      const wide = col - 2 >= from && row.ch[col - 1] === '';
      const at = wide ? col - 2 : col - 1;
      if (at < from) continue;
      let text = row.ch[at]! + ch;
      if (ch === '\u200d' && i < line.length) {
        const next = line.charCodeAt(i) >= 0xd800 && line.charCodeAt(i) <= 0xdbff ? 2 : 1;
        text += line.slice(i, i + next);
        i += next;
      }
      row.ch[at] = text;
      // A joined sequence can become wide (an emoji with its presentation selector).
      if (!wide && widthOf(text, false) === 2 && at + 1 < end) {
        row.ch[at + 1] = '';
        row.st[at + 1] = row.st[at]!;
        col = at + 2;
      }
      continue;
    }
    if (w === 0) continue;
    if (col + w > end) {
      // A wide character cut at the edge: a blank in its place.
      if (col < end) {
        row.ch[col] = ' ';
        row.st[col++] = style;
      }
      break;
    }
    row.ch[col] = ch;
    row.st[col++] = style;
    if (w === 2) {
      row.ch[col] = '';
      row.st[col++] = style;
    }
  }
  for (; col < end; col++) {
    row.ch[col] = ' ';
    row.st[col] = '';
  }
}

const isFinal = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * What to write to turn `before` into `after` on screen row `row` (1-based),
 * looking only at columns `from` to `to`: cursor moves and styled characters
 * for the changed runs. Runs closer than a cursor move costs are merged.
 */
export function diffCells(before: CellRow, after: CellRow, row: number, from = 0, to = after.ch.length): string {
  let out = '';
  let i = from;
  while (i < to) {
    if (after.ch[i] === before.ch[i] && after.st[i] === before.st[i]) {
      i++;
      continue;
    }
    let end = i + 1;
    let gap = 0;
    for (let j = i + 1; j < to; j++) {
      if (after.ch[j] === before.ch[j] && after.st[j] === before.st[j]) {
        if (++gap > 6) break;
      } else {
        end = j + 1;
        gap = 0;
      }
    }
    // Never start on, or stop before, the right half of a wide character.
    while (i > from && after.ch[i] === '') i--;
    while (end < to && after.ch[end] === '') end++;
    out += `\x1b[${row};${i + 1}H`;
    let style: string | undefined;
    for (let k = i; k < end; k++) {
      const ch = after.ch[k]!;
      if (ch === '') continue;
      const st = after.st[k]!;
      if (st !== style) {
        out += st ? `\x1b[0;${st}m` : '\x1b[0m';
        style = st;
      }
      out += ch;
    }
    i = end;
  }
  return out ? `${out}\x1b[0m` : '';
}

/** Copies columns `from` to `to` of one row into another. */
export function copyCells(from: CellRow, into: CellRow, start = 0, end = from.ch.length): void {
  for (let i = start; i < end; i++) {
    into.ch[i] = from.ch[i]!;
    into.st[i] = from.st[i]!;
  }
}

/** The text of a row, for tests and the benchmark: what a terminal would show. */
export function cellsText(row: CellRow): string {
  return row.ch.join('');
}
