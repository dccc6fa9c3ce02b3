// A line of Ink's output as cells: one character and the SGR style it is drawn
// in. Comparing cells, not lines, lets the screen rewrite only the characters
// that changed (a digit, a sparkline bar) instead of the whole line.

export interface Cell {
  ch: string;
  /** The SGR parameters in force, normalised: '' for the default style. */
  style: string;
}

interface Style {
  fg?: string;
  bg?: string;
  flags: Set<number>;
}

const FLAG_OFF: Record<number, number[]> = { 22: [1, 2], 23: [3], 24: [4], 25: [5], 27: [7], 28: [8], 29: [9] };

function apply(style: Style, params: string): void {
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) {
      style.fg = undefined;
      style.bg = undefined;
      style.flags.clear();
    } else if (c === 38 || c === 48) {
      // 38;5;n or 38;2;r;g;b: the colour takes the following parameters with it.
      const n = codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
      const value = codes.slice(i, i + 1 + n).join(';');
      if (c === 38) style.fg = value;
      else style.bg = value;
      i += n;
    } else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) style.fg = String(c);
    else if (c === 39) style.fg = undefined;
    else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) style.bg = String(c);
    else if (c === 49) style.bg = undefined;
    else if (FLAG_OFF[c]) for (const f of FLAG_OFF[c]!) style.flags.delete(f);
    else if (c >= 1 && c <= 9) style.flags.add(c);
  }
}

function key(style: Style): string {
  return [...[...style.flags].sort((a, b) => a - b).map(String), style.fg, style.bg].filter(Boolean).join(';');
}

export function toCells(line: string): Cell[] {
  const cells: Cell[] = [];
  const style: Style = { flags: new Set() };
  let current = '';
  for (let i = 0; i < line.length; ) {
    if (line[i] === '\x1b' && line[i + 1] === '[') {
      let j = i + 2;
      while (j < line.length && !/[A-Za-z]/.test(line[j]!)) j++;
      if (line[j] === 'm') {
        apply(style, line.slice(i + 2, j));
        current = key(style);
      }
      i = j + 1;
      continue;
    }
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    cells.push({ ch, style: current });
    i += ch.length;
  }
  return cells;
}

/**
 * What to write to turn `before` into `after` on screen row `row` (1-based):
 * cursor moves and styled characters for the changed runs only. Runs closer
 * than a cursor move costs are merged.
 */
export function diffLine(before: Cell[], after: Cell[], row: number): string {
  let out = '';
  const width = Math.max(before.length, after.length);
  let i = 0;
  while (i < width) {
    if (same(before[i], after[i])) {
      i++;
      continue;
    }
    let end = i + 1;
    let gap = 0;
    for (let j = i + 1; j < width; j++) {
      if (same(before[j], after[j])) {
        if (++gap > 6) break;
      } else {
        end = j + 1;
        gap = 0;
      }
    }
    out += `\x1b[${row};${i + 1}H`;
    let style: string | undefined;
    for (let k = i; k < Math.min(end, after.length); k++) {
      const c = after[k]!;
      if (c.style !== style) {
        out += `\x1b[0${c.style ? `;${c.style}` : ''}m`;
        style = c.style;
      }
      out += c.ch;
    }
    if (end > after.length) out += '\x1b[0m\x1b[K';
    i = end;
  }
  return out ? `${out}\x1b[0m` : '';
}

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  return a === b || (!!a && !!b && a.ch === b.ch && a.style === b.style);
}
