// The common sample line read without building anything it does not need:
// `name{label="value",...} value [timestamp]`, no escapes, no quoted names,
// single spaces. A trader or an exporter with 100k series writes nearly all
// its lines like that, and gptmon keeps a few dozen of them: the rest are
// checked and counted in one pass over their characters. Anything else (or
// anything wrong) is left to the full reader in exposition.ts, which says
// exactly what is wrong with it, so both read every line the same way.

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether s[a..aEnd) and t[b..bEnd) (t is s unless given) are the same text. */
function sameText(s: string, a: number, aEnd: number, b: number, bEnd: number, t = s): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (s.charCodeAt(a + k) !== t.charCodeAt(b + k)) return false;
  return true;
}

/** A line read on the fast path: where its parts are, so only a kept line is built into a sample. */
export interface FastLine {
  name: string;
  /** Where the line starts, and where its name and labels as written (the series' identity) end. */
  start: number;
  headEnd: number;
  value: number;
  /** Label name and value bounds, four numbers a label, into the line. */
  bounds: number[];
}

const bounds: number[] = [];
const line: FastLine = { name: '', start: 0, headEnd: 0, value: 0, bounds };

let lastName = '';

/**
 * The parts of the line s[from..to) when it has the common shape and is well
 * formed; undefined for the full reader to decide. Nothing is cut out of the
 * line but its name (the previous line's, when it is the same) and a value
 * that is not a plain integer. The object returned is reused by the next call.
 */
export function readFast(s: string, from: number, to: number): FastLine | undefined {
  const n = to;
  if (from >= n || !isNameStart(s.charCodeAt(from))) return undefined;
  let i = from + 1;
  while (i < n && isNameChar(s.charCodeAt(i))) i++;
  const nameEnd = i;
  bounds.length = 0;
  if (i < n && s.charCodeAt(i) === 123) {
    i++;
    for (;;) {
      if (i >= n) return undefined;
      if (s.charCodeAt(i) === 125) {
        i++;
        break;
      }
      const start = i;
      if (!isLabelStart(s.charCodeAt(i))) return undefined;
      i++;
      while (i < n && isLabelChar(s.charCodeAt(i))) i++;
      const end = i;
      if (i + 1 >= n || s.charCodeAt(i) !== 61 || s.charCodeAt(i + 1) !== 34) return undefined;
      i += 2;
      const vFrom = i;
      for (;;) {
        if (i >= n) return undefined;
        const c = s.charCodeAt(i);
        if (c === 34) break;
        if (c === 92) return undefined;
        i++;
      }
      const vTo = i;
      i++;
      // A repeated or reserved label name: the full reader says which.
      for (let k = 0; k < bounds.length; k += 4) if (sameText(s, bounds[k]!, bounds[k + 1]!, start, end)) return undefined;
      if (end - start === 8 && s.startsWith('__name__', start)) return undefined;
      bounds.push(start, end, vFrom, vTo);
      if (i >= n) return undefined;
      const after = s.charCodeAt(i);
      if (after === 44) i++;
      else if (after !== 125) return undefined;
    }
  }
  const headEnd = i;
  if (i >= n || s.charCodeAt(i) !== 32) return undefined;
  i++;
  const vStart = i;
  while (i < n && s.charCodeAt(i) !== 32) i++;
  const value = valueOf(s, vStart, i);
  if (value === undefined) return undefined;
  if (i < n) {
    // A timestamp: an integer, and nothing after it.
    i++;
    if (i < n && s.charCodeAt(i) === 45) i++;
    const digits = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === digits || i !== n) return undefined;
  }
  if (!sameText(s, from, nameEnd, 0, lastName.length, lastName)) lastName = s.slice(from, nameEnd);
  line.name = lastName;
  line.start = from;
  line.headEnd = headEnd;
  line.value = value;
  return line;
}

/** A sample value: a plain integer read here, anything else as the format's float, or undefined. */
function valueOf(s: string, from: number, to: number): number | undefined {
  let k = from;
  const negative = s.charCodeAt(k) === 45;
  if (negative) k++;
  if (k < to && to - k <= 15) {
    let v = 0;
    for (; k < to; k++) {
      const c = s.charCodeAt(k);
      if (!isDigit(c)) break;
      v = v * 10 + (c - 48);
    }
    if (k === to) return negative ? -v : v;
  }
  const text = s.slice(from, to);
  return FLOAT.test(text) ? Number(text) : undefined;
}

/** The labels of a line read by `readFast` (only for a line that is kept). */
export function labelsOf(s: string, b: number[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let k = 0; k < b.length; k += 4) labels[s.slice(b[k]!, b[k + 1]!)] = s.slice(b[k + 2]!, b[k + 3]!);
  return labels;
}

/**
 * The series seen in one scrape, by two 32-bit hashes of their name and
 * labels as written, in flat typed arrays: 100k series cost 1.6 MB and no
 * object each. Two different series taken for one (a chance of about one in
 * two million at 100k) only name a series that gptmon does not keep as
 * written twice: the series gptmon keeps are told apart by their text.
 */
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

export class SeriesSet {
  /** Room for as many series as the last scrape had: a trader's /metrics is about as big each time. */
  private static room = 1 << 12;
  // Made at the first series not kept: a scrape of only what gptmon keeps needs none.
  private a = EMPTY_I32;
  private b = EMPTY_I32;
  private used = EMPTY_U8;
  private size = 0;

  /** Adds s[from..to); false when it was there already. */
  add(s: string, from: number, to: number): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    if (!this.used.length) {
      this.a = new Int32Array(SeriesSet.room);
      this.b = new Int32Array(SeriesSet.room);
      this.used = new Uint8Array(SeriesSet.room);
    }
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    return this.put(h1 | 0, h2 | 0);
  }

  private put(h1: number, h2: number): boolean {
    const mask = this.used.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.a[i] = h1;
        this.b[i] = h2;
        this.size++;
        return true;
      }
      if (this.a[i] === h1 && this.b[i] === h2) return false;
    }
  }

  private grow(): void {
    const { a, b, used } = this;
    this.a = new Int32Array(used.length * 2);
    this.b = new Int32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    SeriesSet.room = Math.max(SeriesSet.room, used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.put(a[i]!, b[i]!);
  }
}
