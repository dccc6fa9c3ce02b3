// A parser for the Prometheus text exposition format 0.0.4, checked against
// the reference parser's cases (prometheus/common expfmt, re-expressed as our
// own fixtures in test/sources/exposition-reference.test.ts). Where the
// reference fails a whole scrape on one bad line, this reads the line as
// unreadable, counts it and keeps the rest: a trader's 3 a.m. half-broken
// /metrics must still show its drawdown, and the count says it is half-broken.
// It takes its input in pieces, so a large body is parsed as it streams.

import { labelsOf, readFast, SeriesSet, type FastLine } from './exposition-fast.js';
import type { Exposition, Sample } from './types.js';

export interface ParseOptions {
  /** Keep only these metric names' samples (every line is still checked and counted). */
  keep?: (name: string) => boolean;
}

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number) => c === 32 || c === 9;

/** Longer than any sample line a trader writes: past it, the line is unreadable and skipped. */
const MAX_LINE = 64 * 1024;

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;

/** A sample value as the format writes it: a decimal float, NaN or an infinity (any case, as Go reads them). */
export function parseFloatValue(text: string): number | undefined {
  if (FLOAT.test(text)) return Number(text);
  switch (text.toLowerCase()) {
    case 'nan':
      return NaN;
    case '+inf':
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
  }
  return undefined;
}

class LineError extends Error {}

/** One sample line read, or a LineError saying why it cannot be. */
class LineReader {
  private i = 0;
  constructor(private readonly s: string) {}

  private peek(): number {
    return this.s.charCodeAt(this.i);
  }

  private skipBlank(): void {
    while (this.i < this.s.length && isBlank(this.peek())) this.i++;
  }

  private ident(start: (c: number) => boolean, rest: (c: number) => boolean): string | undefined {
    const from = this.i;
    if (!start(this.peek())) return undefined;
    while (this.i < this.s.length && rest(this.peek())) this.i++;
    return this.s.slice(from, this.i);
  }

  /** A quoted string: only \\, \" and \n are escapes; a raw newline cannot occur inside one line. */
  private quoted(what: string): string {
    if (this.peek() !== 34) throw new LineError(`expected '"' at start of ${what}`);
    this.i++;
    let out = '';
    let from = this.i;
    for (;;) {
      if (this.i >= this.s.length) throw new LineError(`unexpected end of ${what}`);
      const c = this.peek();
      if (c === 34) break;
      if (c === 92) {
        out += this.s.slice(from, this.i);
        const next = this.s[this.i + 1];
        if (next === 'n') out += '\n';
        else if (next === '\\' || next === '"') out += next;
        else throw new LineError('invalid escape sequence');
        this.i += 2;
        from = this.i;
      } else this.i++;
    }
    out += this.s.slice(from, this.i);
    this.i++;
    return out;
  }

  /** The line up to its value: name and labels as written, which identify the series. */
  head = '';

  read(): { name: string; labels: Record<string, string>; value: number } {
    let name = this.ident(isNameStart, isNameChar);
    this.skipBlank();
    const labels: Record<string, string> = {};
    if (this.peek() === 123) {
      this.i++;
      for (;;) {
        this.skipBlank();
        const c = this.peek();
        if (c === 125) {
          this.i++;
          break;
        }
        let label: string | undefined;
        if (c === 34) {
          // A quoted name: the metric's own (UTF-8 names), or a label's.
          const text = this.quoted('a quoted name');
          this.skipBlank();
          if (this.peek() !== 61) {
            if (name !== undefined) throw new LineError('multiple metric names');
            name = text;
            this.skipBlank();
            if (this.peek() === 44) this.i++;
            continue;
          }
          label = text;
        } else label = this.ident(isLabelStart, isLabelChar);
        if (label === undefined) throw new LineError('invalid label name');
        if (label === '__name__') throw new LineError('label name "__name__" is reserved');
        if (label in labels) throw new LineError(`duplicate label name "${label}"`);
        this.skipBlank();
        if (this.peek() !== 61) throw new LineError("expected '=' after label name");
        this.i++;
        this.skipBlank();
        labels[label] = this.quoted('label value');
        this.skipBlank();
        const after = this.peek();
        if (after === 44) this.i++;
        else if (after !== 125) throw new LineError('expected , or } after a label value');
      }
    }
    if (name === undefined) throw new LineError('invalid metric name');
    this.head = this.s.slice(0, this.i).trimEnd();
    this.skipBlank();
    const rest = this.s.slice(this.i);
    // An OpenMetrics exemplar (` # {trace_id="…"} 0.5`) is no part of the value.
    const hash = rest.indexOf('#');
    const fields = (hash >= 0 ? rest.slice(0, hash) : rest).trim().split(/[ \t]+/);
    const value = fields[0] ? parseFloatValue(fields[0]) : undefined;
    if (value === undefined) throw new LineError(fields[0] ? `expected float as value, got "${fields[0].slice(0, 20)}"` : 'no value');
    if (fields.length > 1 && !INTEGER.test(fields[1]!)) throw new LineError('expected integer as timestamp');
    if (fields.length > 2) throw new LineError('spurious string after timestamp');
    return { name, labels, value };
  }
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'untyped', 'unknown', 'info', 'stateset']);

/** A family's base name for a sample name: `h_bucket` belongs to histogram `h`. */
function familyOf(name: string, types: Record<string, string>): string {
  for (const suffix of ['_bucket', '_count', '_sum', '_total']) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      if (types[base]) return base;
    }
  }
  return name;
}

/** What a histogram's or summary's sample breaks of their rules, if anything (as Prometheus words it). */
function typedProblem(type: string | undefined, family: string, name: string, labels: Record<string, string>, value: number): string | undefined {
  if (type === 'histogram' && name.endsWith('_bucket')) {
    const le = labels.le;
    if (le === undefined || parseFloatValue(le) === undefined) return "expected float as value for 'le' label";
    if (value < 0) return `negative bucket population for histogram "${family}"`;
  }
  if (type === 'histogram' && name.endsWith('_count') && value < 0) return `negative count for histogram "${family}"`;
  if (type === 'summary' && name === family && labels.quantile !== undefined && parseFloatValue(labels.quantile) === undefined) return "expected float as value for 'quantile' label";
  return undefined;
}

/** Takes a body in pieces (as it arrives) and gives the whole exposition at the end. */
export class ExpositionParser {
  private readonly out: Exposition = { samples: [], types: {}, errors: [], unreadable: 0, duplicates: [] };
  /** The series kept, by their text; the others by their hashes (exposition-fast.ts). */
  private readonly seen = new Set<string>();
  private readonly others = new SeriesSet();
  private readonly duplicateNames = new Set<string>();
  private carry = '';
  private skipping = false;
  private line = 0;

  constructor(private readonly opts: ParseOptions = {}) {}

  push(chunk: string): void {
    if (this.skipping) {
      // In a line too long to be a sample: drop it up to its end.
      const nl = chunk.indexOf('\n');
      if (nl < 0) return;
      this.skipping = false;
      chunk = chunk.slice(nl + 1);
    }
    const text = this.carry + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      this.readLine(text, from, nl);
      from = nl + 1;
    }
    this.carry = text.slice(from);
    if (this.carry.length > MAX_LINE) {
      // No sample is this long; holding it would only grow (and copy) without end.
      this.line++;
      this.fail(`a line longer than ${MAX_LINE / 1024} KB`);
      this.carry = '';
      this.skipping = true;
    }
  }

  end(): Exposition {
    if (this.carry) this.readLine(this.carry, 0, this.carry.length);
    this.carry = '';
    this.out.duplicates = [...this.duplicateNames];
    return this.out;
  }

  private fail(message: string): void {
    this.out.unreadable++;
    // A scrape with thousands of bad lines keeps the first few reasons, and the count.
    if (this.out.errors.length < 20) this.out.errors.push({ line: this.line, message });
  }

  /** Each sample name's family, worked out once (until a TYPE line may change it). */
  private readonly families = new Map<string, string>();

  private familyOf(name: string): string {
    let family = this.families.get(name);
    if (family === undefined) this.families.set(name, (family = familyOf(name, this.out.types)));
    return family;
  }

  /** A line of the common shape, read by exposition-fast.ts; false leaves it to the full reader. */
  private takeFast(s: string, f: FastLine): boolean {
    const family = this.familyOf(f.name);
    const type = this.out.types[family];
    let labels: Record<string, string> | undefined;
    if (type === 'histogram' || type === 'summary') {
      labels = labelsOf(s, f.bounds);
      // A histogram's or summary's line that breaks their rules: the full reader says how.
      if (typedProblem(type, family, f.name, labels, f.value)) return false;
    }
    const kept = !this.opts.keep || this.opts.keep(f.name) || this.opts.keep(family);
    if (!this.firstTime(s, f.start, f.headEnd, kept)) {
      this.duplicateNames.add(f.name);
      return true;
    }
    if (kept) this.out.samples.push({ name: f.name, labels: labels ?? labelsOf(s, f.bounds), value: f.value } as Sample);
    return true;
  }

  /** Whether this series (text[from..to), its name and labels as written) is new in this scrape. */
  private firstTime(text: string, from: number, to: number, kept: boolean): boolean {
    if (!kept) return this.others.add(text, from, to);
    const head = text.slice(from, to);
    if (this.seen.has(head)) return false;
    this.seen.add(head);
    return true;
  }

  /** The line text[from..to). */
  private readLine(text: string, from: number, to: number): void {
    this.line++;
    // Half of a usual exposition: nothing to read in it.
    if (text.startsWith('# HELP ', from)) return;
    const fast = readFast(text, from, to);
    if (fast && this.takeFast(text, fast)) return;
    const raw = text.slice(from, to);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) return this.comment(trimmed);
    let sample: { name: string; labels: Record<string, string>; value: number };
    const reader = new LineReader(trimmed);
    try {
      sample = reader.read();
    } catch (err) {
      if (err instanceof LineError) return this.fail(err.message);
      throw err;
    }
    const family = this.familyOf(sample.name);
    const type = this.out.types[family];
    const problem = typedProblem(type, family, sample.name, sample.labels, sample.value);
    if (problem) return this.fail(problem);
    // The same series twice (as written): the first counts, the repeat is reported.
    const kept = !this.opts.keep || this.opts.keep(sample.name) || this.opts.keep(family);
    if (!this.firstTime(reader.head, 0, reader.head.length, kept)) {
      this.duplicateNames.add(sample.name);
      return;
    }
    if (kept) this.out.samples.push(sample as Sample);
  }

  private comment(text: string): void {
    // `# TYPE name type`, as nearly every exposition writes it, without the pattern.
    const parts = text.split(' ');
    const m = parts.length === 4 && parts[0] === '#' && parts[1] === 'TYPE' && parts[2] && parts[3] && !/\s/.test(parts[2] + parts[3]) ? [text, parts[2], parts[3]] : /^#\s*TYPE\s+(\S+)\s+(\S+)\s*$/.exec(text);
    if (!m) return;
    const type = m[2]!.toLowerCase();
    if (!TYPES.has(type)) return this.fail(`unknown metric type "${m[2]}"`);
    this.out.types[m[1]!.replace(/^"(.*)"$/, '$1')] = type;
    this.families.clear();
  }
}

export function parseExposition(text: string, opts: ParseOptions = {}): Exposition {
  const p = new ExpositionParser(opts);
  p.push(text);
  return p.end();
}
