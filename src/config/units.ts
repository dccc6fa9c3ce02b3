// Values in the playbook come as `500ms`, `80%`, `0.55`, `30s`, `5m` or `instant`.
// Everything is normalised to plain numbers here: durations to milliseconds,
// percentages to ratios, so the engine never sees a unit.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const DURATION_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-zµ%]*)$/i;

export function parseDurationMs(input: unknown): Parsed<number> {
  if (typeof input === 'number') {
    // A bare number is seconds, as in Prometheus' own config.
    if (!Number.isFinite(input) || input < 0) return { ok: false, error: `expected a duration like 30s, got ${input}` };
    return { ok: true, value: input * 1000 };
  }
  if (typeof input !== 'string') return { ok: false, error: `expected a duration like 30s or 5m, got ${describe(input)}` };
  const text = input.trim();
  if (text === 'instant' || text === '0') return { ok: true, value: 0 };
  // Prometheus-style compound durations: 1h30m, 2m30s.
  const parts = text.match(/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/);
  if (parts) {
    let total = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
      total += Number(n) * (DURATION_MS[unit as string] ?? 0);
    }
    return { ok: true, value: total };
  }
  const m = text.match(NUMBER_WITH_UNIT);
  if (m && m[2]) return { ok: false, error: `unknown unit "${m[2]}" in "${text}" (use ms, s, m, h or d)` };
  if (m) return { ok: false, error: `"${text}" has no unit (write ${text}s or ${text}m)` };
  return { ok: false, error: `expected a duration like 30s or 5m, got "${text}"` };
}

export type ValueKind = 'ratio' | 'seconds' | 'count' | 'currency' | 'number';

/**
 * A threshold value. The metric's kind decides what a bare number means and
 * which units make sense: `80%` for a ratio, `500ms` for a latency.
 */
export function parseThreshold(input: unknown, kind: ValueKind): Parsed<number> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: `expected a finite number, got ${input}` };
    return { ok: true, value: input };
  }
  if (typeof input !== 'string') return { ok: false, error: `expected a number, a percentage or a duration, got ${describe(input)}` };
  const text = input.trim();
  const m = text.match(NUMBER_WITH_UNIT);
  if (!m) return { ok: false, error: `expected a number like 0.55, 80% or 500ms, got "${text}"` };
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === '') return { ok: true, value: n };
  if (unit === '%') {
    if (kind === 'seconds') return { ok: false, error: `"${text}" is a percentage, but this metric is a time: write e.g. 500ms` };
    return { ok: true, value: n / 100 };
  }
  if (unit in DURATION_MS) {
    if (kind !== 'seconds' && kind !== 'number') {
      return { ok: false, error: `"${text}" is a time, but this metric is ${kind === 'ratio' ? 'a ratio: write e.g. 80% or 0.8' : `a ${kind}`}` };
    }
    return { ok: true, value: (n * (DURATION_MS[unit] ?? 1)) / 1000 };
  }
  return { ok: false, error: `unknown unit "${m[2]}" in "${text}" (use %, ms, s or m, or a plain number)` };
}

/** Renders milliseconds the way the playbook writes them: 500ms, 30s, 5m, 2h. */
export function formatDuration(ms: number): string {
  if (ms === 0) return 'instant';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}
