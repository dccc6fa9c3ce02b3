// A parser for the Prometheus text exposition format 0.0.4. It reads what a
// trader serves (gauges, counters, histograms, summaries, untyped), and skips a
// line it cannot read with a note instead of giving up on the whole scrape.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Record<string, string>;
  errors: Array<{ line: number; message: string }>;
}

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

export interface Histogram {
  /** Cumulative counts by upper bound, ascending, ending with +Inf. */
  buckets: Array<{ le: number; count: number }>;
  sum: number;
  count: number;
}

/** The histogram `base` from a scrape, summed over any other labels it has. */
export function histogramOf(samples: Sample[], base: string): Histogram | undefined {
  const byLe = new Map<number, number>();
  let sum = 0;
  let count = 0;
  let seen = false;
  for (const s of samples) {
    if (s.name === `${base}_bucket` && s.labels.le !== undefined) {
      const le = parseValue(s.labels.le);
      if (le === undefined || Number.isNaN(le)) continue;
      byLe.set(le, (byLe.get(le) ?? 0) + s.value);
      seen = true;
    } else if (s.name === `${base}_sum`) sum += s.value;
    else if (s.name === `${base}_count`) count += s.value;
  }
  if (!seen) return undefined;
  const buckets = [...byLe.entries()].sort((a, b) => a[0] - b[0]).map(([le, c]) => ({ le, count: c }));
  return { buckets, sum, count };
}

/** The first series called `name` whose labels include `labels` (the trader exposes one of each). */
export function sampleOf(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
