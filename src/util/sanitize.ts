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
export const BIDI_MARK = '\ufffd';

// One pass over the text finds everything a terminal would act on. Groups:
// 1 SGR (colour: kept by terminalSafe only), 2 a line break, 3 a tab, 4 a
// bidi control. The rest of the alternatives are always dropped:
//  - CSI, 7-bit (ESC [) or 8-bit (0x9b): parameters and intermediates
//    (0x20-0x3f, private modes such as `?25l` included), then a final byte;
//    cut short at the first byte that cannot belong to it;
//  - a control string (OSC ESC ], DCS ESC P, SOS ESC X, PM ESC ^, APC ESC _,
//    and their 8-bit forms 0x9d 0x90 0x98 0x9e 0x9f) through BEL or ST (ESC \
//    or 0x9c). Unterminated (the text ends, or a line break or another ESC
//    comes first), only its introducer goes and the rest shows as text: junk
//    at worst, never the rest of a line eaten (our own words after a cut
//    value, the other column of a frame);
//  - any other escape: ESC, intermediates, a final byte when there is one
//    (a lone ESC goes alone, and does not take a following control with it);
//  - every other C0 control, DEL and C1 control.
const SEQUENCE =
  /(\x1b\[[0-9;]*m)|(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?|(?:\x1b[P\]X^_]|[\x90\x98\x9d\x9e\x9f])(?:[^\x07\x9c\x1b\n]*(?:\x07|\x9c|\x1b\\))?|\x1b[\x20-\x2f]*[\x30-\x7e]?|(\r\n|[\n\r\v\f\u2028\u2029\x85])|(\t)|([\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c])|[\x00-\x1f\x7f-\x9f]/g;
/** Whether a text holds anything SEQUENCE would change (the fast path skips the rest). */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
/** The same for terminalSafe, where SGR and the newline are fine. */
const UNSAFE_HERE = /(?!\x1b\[[0-9;]*m)[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

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

/**
 * A map of labels or annotations as the strings its type promises: a rule may
 * write `alertname: 123` or an object summary, and that must not crash what
 * shows it later. Not sanitised: `--json` keeps the data as received.
 */
export function asTextRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) out[k] = asText(v);
  return out;
}

/**
 * Outside text made safe to print: one line, no escape sequence, no control
 * character. Plain text (the usual case) is returned as it is.
 */
export function sanitize(value: unknown): string {
  const s = asText(value);
  if (!UNSAFE.test(s)) return s;
  return s.replace(SEQUENCE, (_m, _sgr, newline, tab, bidi) => (newline ? NEWLINE_MARK : tab ? ' ' : bidi ? BIDI_MARK : ''));
}

/** A map of labels or annotations, each value sanitised (keys too: they are outside text as well). */
export function sanitizeRecord(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) out[sanitize(k)] = sanitize(v);
  return out;
}

/**
 * Several lines of outside text (a step's output, a team's Markdown): each
 * line sanitised on its own, the line breaks kept as breaks, for output shown
 * line by line.
 */
export function sanitizeLines(value: unknown): string[] {
  return asText(value)
    .split(/\r\n|[\n\r\u2028\u2029\x85]/)
    .map((line) => sanitize(line));
}

/**
 * The last defence at the terminal's door: drops every escape sequence but SGR
 * (colour and weight, which gptmon writes itself) and every control but the
 * newline (a tab becomes a space, a bidi control the mark). Used by the screen
 * writer and the one-shot commands' writer, so a path that forgot `sanitize`
 * still cannot retitle a window, write the clipboard or move the cursor.
 */
export function terminalSafe(text: string): string {
  if (!UNSAFE_HERE.test(text)) return text;
  return text.replace(SEQUENCE, (m: string, sgr?: string, newline?: string, tab?: string, bidi?: string) => sgr ?? (newline ? (m.endsWith('\n') ? '\n' : '') : tab ? ' ' : bidi ? BIDI_MARK : ''));
}
