// A step's command cut the way a shell reads it, closely enough to judge it:
// simple commands (split at ; & && || | and newlines, quotes respected, a
// trailing backslash joining lines, comments dropped), each with its words
// and the command line it starts on. It runs nothing and expands nothing.

export interface SimpleCommand {
  /** Its words, quotes removed; a $(…) or `…` stays inside its word as written. */
  words: string[];
  /** The 0-based line of the command text it starts on. */
  line: number;
}

/** Where a $( … ) or ` … ` that starts at `from` ends (just past it), or the end of the text. */
function endOfSubstitution(text: string, from: number): number {
  if (text[from] === '`') {
    const end = text.indexOf('`', from + 1);
    return end < 0 ? text.length : end + 1;
  }
  let depth = 0;
  let quote: string | undefined;
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

export function simpleCommands(text: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let line = 0;
  let start = 0;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length) out.push({ words, line: start });
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!words.length && word === undefined) start = line;
    if (c === '\n') {
      endCommand();
      line++;
    } else if (c === ' ' || c === '\t') endWord();
    else if (c === '\\') {
      if (text[i + 1] === '\n') {
        line++;
        endWord();
      } else word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      word = (word ?? '') + text.slice(i + 1, stop);
      for (const ch of text.slice(i, stop)) if (ch === '\n') line++;
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        if (text[j] === '\n') line++;
        s += text[j];
      }
      word = (word ?? '') + s;
      i = j;
    } else if ((c === '$' && text[i + 1] === '(') || c === '`') {
      const end = endOfSubstitution(text, c === '$' ? i + 1 : i);
      const part = text.slice(i, end);
      for (const ch of part) if (ch === '\n') line++;
      word = (word ?? '') + part;
      i = end - 1;
    } else if (c === '#' && word === undefined) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '&' && (text[i - 1] === '>' || text[i - 1] === '<' || text[i + 1] === '>')) {
      // 2>&1, >&2, &>file: a redirection, not a separator.
      word = (word ?? '') + c;
    } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') endCommand();
    else word = (word ?? '') + c;
  }
  endCommand();
  return out;
}
