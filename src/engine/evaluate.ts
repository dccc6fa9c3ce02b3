import type { Condition } from '../config/condition.js';

/** Reads a metric for a condition; undefined when it is not known now. */
export type Lookup = (metric: string, labels: Record<string, string>) => number | undefined;

export interface Verdict {
  /** undefined: not enough data to tell. */
  holds: boolean | undefined;
  /** The value that made it hold (or the first one read), for display. */
  value?: number;
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    default:
      return a !== b;
  }
}

/** Three-valued: OR holds if any term holds, AND fails if any term fails. */
export function evaluate(condition: Condition, lookup: Lookup): Verdict {
  if (condition.kind === 'compare') {
    const v = lookup(condition.metric, condition.labels);
    if (v === undefined || Number.isNaN(v)) return { holds: undefined };
    return { holds: compare(v, condition.op, condition.value), value: v };
  }
  const verdicts = condition.terms.map((t) => evaluate(t, lookup));
  const decisive = condition.kind === 'or' ? true : false;
  const hit = verdicts.find((v) => v.holds === decisive);
  if (hit) return hit;
  if (verdicts.some((v) => v.holds === undefined)) return { holds: undefined };
  return { holds: !decisive, ...(verdicts[0]?.value !== undefined ? { value: verdicts[0].value } : {}) };
}
