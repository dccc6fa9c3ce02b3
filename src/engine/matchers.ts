// Label matchers as Alertmanager runs them: `=`, `!=`, `=~`, `!~`; a regex
// anchored at both ends (`^(?:…)$`, RE2 syntax, `(?i)` and all); a label
// that is absent reads as "". A silence's regex is text from outside, so it
// runs on RE2 (linear time), never on a backtracking engine, where
// `((.+)+)+Z` takes minutes. Each regex is compiled once, and each answer
// kept: the same labels are asked about on every tick.

import { RE2JS } from 're2js';

export interface LabelMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** False for `!=` and `!~`. */
  isEqual: boolean;
}

type Compiled = { ok: true; re: RE2JS } | { ok: false; error: string };

/** Enough for every silence a team keeps, and bounded whatever arrives. */
const MAX_KEPT = 4096;
const compiled = new Map<string, Compiled>();
const answers = new Map<string, boolean>();

function keep<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_KEPT) map.clear();
  map.set(key, value);
  return value;
}

function compile(pattern: string): Compiled {
  const known = compiled.get(pattern);
  if (known) return known;
  let c: Compiled;
  try {
    c = { ok: true, re: RE2JS.compile(`^(?:${pattern})$`) };
  } catch (err) {
    c = { ok: false, error: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
  }
  return keep(compiled, pattern, c);
}

/** Why this matcher's regex cannot be run (it then matches nothing), or undefined. */
export function matcherProblem(m: LabelMatcher): string | undefined {
  if (!m.isRegex) return undefined;
  const c = compile(m.value);
  return c.ok ? undefined : c.error;
}

function regexMatches(pattern: string, value: string): boolean {
  const key = `${pattern}\u0000${value}`;
  const known = answers.get(key);
  if (known !== undefined) return known;
  const c = compile(pattern);
  return keep(answers, key, c.ok && c.re.matches(value));
}

/** One matcher against one label value ("" when the label is absent). A regex that cannot be run matches nothing, negated or not. */
export function matcherMatches(m: LabelMatcher, value: string): boolean {
  if (!m.isRegex) return (value === m.value) === m.isEqual;
  if (matcherProblem(m)) return false;
  return regexMatches(m.value, value) === m.isEqual;
}

/** Every matcher agrees with the labels: Alertmanager's rule for a silence (or an inhibit rule's side). */
export function matchesAll(matchers: LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => matcherMatches(m, labels[m.name] ?? ''));
}

/** `alertname=~"Drawdown.*"`, as amtool writes a matcher. */
export function matcherText(m: LabelMatcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}
