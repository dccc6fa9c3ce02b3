// The one sanitiser for text that came from outside gptmon (the trader,
// Prometheus, Alertmanager, a runbook or a step's output) on its way to a
// terminal. A terminal obeys what it is sent: an OSC sequence retitles the
// window or writes the clipboard (OSC 52), a CSI moves the cursor and paints
// over the truth, a newline forges a line, a bidi override reorders what the
// engineer reads. So every escape sequence and control character is removed,
// bidi controls become a visible mark, a newline becomes ⏎ and a tab a space.
// `--json` output does not come through here: it keeps the data as received.

/** Shown where a newline was, so a value cannot start a line of its own. */
export const NEWLINE_MARK = '⏎';
/** Shown where a bidi control was: visible, so reordering cannot hide. */
export const BIDI_MARK = '�';

const ESC = 0x1b;
// C1 introducers, 8-bit forms of ESC P, ESC X, ESC ], ESC ^, ESC _ and ESC [.
const C1_STRING = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
const C1_CSI = 0x9b;

const isBidi = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f || c === 0x061c;

/** Any value as display text: numbers and booleans as written, objects as JSON, nothing as ''. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** Where a control string (OSC, DCS, APC, PM, SOS) ends: after BEL or ST (ESC \ or 0x9c), or at the end of the text. */
function endOfString(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x07 || c === 0x9c) return j + 1;
    if (c === ESC && s.charCodeAt(j + 1) === 0x5c) return j + 2;
  }
  return s.length;
}

/** Where a CSI sequence ends: after its final byte (0x40-0x7e), or at the first byte that cannot be in one. */
function endOfCsi(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    if (c < 0x20 || c > 0x3f) return j;
  }
  return s.length;
}

/** Where a two-byte-and-more escape (ESC, intermediates 0x20-0x2f, final) ends. */
function endOfEscape(s: string, from: number): number {
  let j = from;
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  return j < s.length ? j + 1 : j;
}

/**
 * Outside text made safe to print: one line, no escape sequence, no control
 * character. Plain printable text (the usual case) is returned as it is.
 */
export function sanitize(value: unknown): string {
  const s = asText(value);
  // Fast path: printable ASCII only.
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === ESC) {
      const next = s.charCodeAt(i + 1);
      if (next === 0x5b) i = endOfCsi(s, i + 2);
      else if (next === 0x5d || next === 0x50 || next === 0x5f || next === 0x5e || next === 0x58) i = endOfString(s, i + 2);
      else i = endOfEscape(s, i + 1);
      continue;
    }
    if (c === C1_CSI) {
      i = endOfCsi(s, i + 1);
      continue;
    }
    if (C1_STRING.has(c)) {
      i = endOfString(s, i + 1);
      continue;
    }
    if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) {
      out += NEWLINE_MARK;
      i += 2;
      continue;
    }
    if (c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0x2028 || c === 0x2029 || c === 0x85) out += NEWLINE_MARK;
    else if (c === 0x09) out += ' ';
    else if (isBidi(c)) out += BIDI_MARK;
    else if (c >= 0x20 && (c < 0x7f || c > 0x9f)) out += s[i];
    // Anything else is a C0 or C1 control, or DEL: dropped.
    i++;
  }
  return out;
}

/** A map of labels or annotations, each value sanitised (keys too: they are outside text as well). */
export function sanitizeRecord(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) out[sanitize(k)] = sanitize(v);
  return out;
}

/**
 * Several lines of outside text (a step's output): each line sanitised on its
 * own, the line breaks kept as breaks, for views that show output line by line.
 */
export function sanitizeLines(value: unknown): string[] {
  return asText(value)
    .replace(/\r\n/g, '\n')
    .split(/[\n\r\u2028\u2029\u0085]/)
    .map((line) => sanitize(line));
}

/**
 * The last defence at the terminal's door: drops every escape sequence but SGR
 * (colour and weight, which gptmon writes itself) and every control but the
 * newline. Used by the screen writer and the one-shot commands' writers, so a
 * path that forgot `sanitize` still cannot retitle a window or move the cursor.
 */
export function terminalSafe(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) {
      clean = false;
      break;
    }
  }
  if (clean) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === ESC && text.charCodeAt(i + 1) === 0x5b) {
      const end = endOfCsi(text, i + 2);
      // SGR only: ESC [ digits and semicolons m.
      if (text.charCodeAt(end - 1) === 0x6d && /^[0-9;]*$/.test(text.slice(i + 2, end - 1))) out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === ESC) {
      const next = text.charCodeAt(i + 1);
      i = next === 0x5d || next === 0x50 || next === 0x5f || next === 0x5e || next === 0x58 ? endOfString(text, i + 2) : endOfEscape(text, i + 1);
      continue;
    }
    if (c === C1_CSI) {
      i = endOfCsi(text, i + 1);
      continue;
    }
    if (C1_STRING.has(c)) {
      i = endOfString(text, i + 1);
      continue;
    }
    if (c === 0x0a || c === 0x09 || (c >= 0x20 && c !== 0x7f && (c < 0x80 || c > 0x9f))) out += text[i];
    i++;
  }
  return out;
}
