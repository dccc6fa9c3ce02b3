// A parser for the Prometheus text exposition format 0.0.4. It reads what a
// trader serves (gauges, counters, histograms, summaries, untyped), and skips a
// line it cannot read with a note instead of giving up on the whole scrape.



import type { Exposition } from './types.js';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseValue(text: string): number | undefined {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** Reads `{a="x",b="y\"z"}` from `line` at `pos`; returns the labels and where they end. */
function parseLabels(line: string, pos: number): { labels: Record<string, string>; end: number } | string {
  const labels: Record<string, string> = {};
  let i = pos + 1;
  while (true) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return { labels, end: i + 1 };
    const name = NAME.exec(line.slice(i));
    if (!name) return `bad label name at column ${i + 1}`;
    i += name[0].length;
    while (line[i] === ' ') i++;
    if (line[i] !== '=') return `expected = after label ${name[0]}`;
    i++;
    while (line[i] === ' ') i++;
    if (line[i] !== '"') return `expected a quoted value for label ${name[0]}`;
    i++;
    let value = '';
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\') {
        const next = line[i + 1];
        value += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next ?? ''}`;
        i += 2;
      } else value += line[i++];
    }
    if (line[i] !== '"') return `unterminated value for label ${name[0]}`;
    labels[name[0]] = value;
    i++;
  }
}

export function parseExposition(text: string): Exposition {
  const out: Exposition = { samples: [], types: {}, errors: [] };
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\w+)/.exec(line);
      if (m) out.types[m[1]!] = m[2]!;
      continue;
    }
    const name = NAME.exec(line);
    if (!name) {
      out.errors.push({ line: n + 1, message: 'not a sample' });
      continue;
    }
    let pos = name[0].length;
    let labels: Record<string, string> = {};
    if (line[pos] === '{') {
      const parsed = parseLabels(line, pos);
      if (typeof parsed === 'string') {
        out.errors.push({ line: n + 1, message: parsed });
        continue;
      }
      labels = parsed.labels;
      pos = parsed.end;
    }
    const rest = line.slice(pos).trim().split(/\s+/);
    const value = rest[0] === undefined ? undefined : parseValue(rest[0]);
    if (value === undefined || rest.length > 2 || (rest[1] !== undefined && !/^-?\d+$/.test(rest[1]))) {
      out.errors.push({ line: n + 1, message: `bad value "${line.slice(pos).trim().slice(0, 40)}"` });
      continue;
    }
    out.samples.push({ name: name[0], labels, value });
  }
  return out;
}
