// Enough of a terminal to read what gptmon's screen writer drew: absolute
// cursor moves, erase to end of line, clear screen, and SGR kept per cell
// (the other escapes are skipped). Plain JavaScript: the benchmark (bench/)
// runs it under node, the tests under vitest.

/** An SGR parameter list applied to a style (`1;31` → bold, red), as a sorted list of what is on. */
function applySgr(style, params) {
  const on = new Map(style ? style.split(' ').map((s) => s.split('=')) : []);
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const n = codes[i];
    if (n === 0) on.clear();
    else if (n === 1) on.set('bold', '1');
    else if (n === 2) on.set('dim', '1');
    else if (n === 7) on.set('inverse', '1');
    else if (n === 22) (on.delete('bold'), on.delete('dim'));
    else if (n === 27) on.delete('inverse');
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) on.set('fg', String(n));
    else if (n === 38 && codes[i + 1] === 5) (on.set('fg', `5;${codes[i + 2]}`), (i += 2));
    else if (n === 39) on.delete('fg');
  }
  return [...on].map(([k, v]) => `${k}=${v}`).sort().join(' ');
}

export function virtualScreen(columns, rows) {
  const blank = () => ({ ch: ' ', style: '' });
  const grid = Array.from({ length: rows }, () => Array.from({ length: columns }, blank));
  let r = 0;
  let c = 0;
  let style = '';
  return {
    feed(text) {
      for (let i = 0; i < text.length; ) {
        if (text[i] === '\x1b') {
          const m = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(text.slice(i, i + 32));
          if (!m) {
            i++;
            continue;
          }
          const [, params, cmd] = m;
          if (cmd === 'H') {
            const [row = 1, col = 1] = params.split(';').map((x) => Number(x) || 1);
            r = row - 1;
            c = col - 1;
          } else if (cmd === 'K') for (let k = c; k < columns; k++) grid[r] && (grid[r][k] = blank());
          else if (cmd === 'J' && params === '2') for (const line of grid) for (let k = 0; k < columns; k++) line[k] = blank();
          else if (cmd === 'm' && !params.startsWith('?')) style = applySgr(style, params);
          i += m[0].length;
          continue;
        }
        const ch = String.fromCodePoint(text.codePointAt(i));
        if (ch === '\n') {
          r++;
          c = 0;
        } else if (ch !== '\r' && r < rows && c < columns) grid[r][c++] = { ch, style };
        i += ch.length;
      }
    },
    /** What the terminal shows, a line a row, without trailing blanks. */
    text: () => grid.map((l) => l.map((x) => x.ch).join('').trimEnd()).join('\n'),
    /** The style a cell was drawn in (1-based, as the terminal counts): `bold=1 fg=31`, or '' for none. */
    styleAt: (row, col) => grid[row - 1]?.[col - 1]?.style ?? '',
  };
}
