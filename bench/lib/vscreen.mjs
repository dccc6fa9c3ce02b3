// Enough of a terminal to read what gptmon's screen writer drew: absolute
// cursor moves, erase to end of line, clear screen; colours are ignored.

export function virtualScreen(columns, rows) {
  const grid = Array.from({ length: rows }, () => Array(columns).fill(' '));
  let r = 0;
  let c = 0;
  return {
    feed(text) {
      for (let i = 0; i < text.length; ) {
        if (text[i] === '\x1b') {
          const m = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(text.slice(i, i + 24));
          if (!m) {
            i++;
            continue;
          }
          const [, params, cmd] = m;
          if (cmd === 'H') {
            const [row = 1, col = 1] = params.split(';').map((x) => Number(x) || 1);
            r = row - 1;
            c = col - 1;
          } else if (cmd === 'K') for (let k = c; k < columns; k++) grid[r] && (grid[r][k] = ' ');
          else if (cmd === 'J' && params === '2') for (const line of grid) line.fill(' ');
          i += m[0].length;
          continue;
        }
        const ch = String.fromCodePoint(text.codePointAt(i));
        if (ch === '\n') {
          r++;
          c = 0;
        } else if (ch !== '\r' && r < rows && c < columns) grid[r][c++] = ch;
        i += ch.length;
      }
    },
    text: () => grid.map((l) => l.join('').trimEnd()).join('\n'),
  };
}
