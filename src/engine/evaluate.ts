// A condition evaluated over every series, as Prometheus evaluates the same
// rule (deploy/rules.yml): a comparison keeps each series that passes it; OR
// keeps every series of its left side and those of the right whose labels the
// left has not; AND keeps the left's series whose labels the right also has.
// Each series that passes is one instance of the alert.

import type { Comparator, Condition } from '../config/condition.js';
import type { SeriesValue } from './readings.js';

/**
 * The series of a metric now, `[]` when the read worked and the metric has
 * none, or undefined when it could not be read (the source is down).
 */
export type Lookup = (metric: string, labels: Record<string, string>) => SeriesValue[] | undefined;

export interface Instance {
  labels: Record<string, string>;
  value: number;
  /** The line it is past: `> 0.15`. */
  line: { op: Comparator; value: number };
}

export interface Outcome {
  instances: Instance[];
  /** Some term could not be read: what does not pass now may still be true. */
  unknown: boolean;
  /** The label sets of every series read (passing or not): an instance not among them has gone. */
  present: Set<string>;
}

function compare(a: number, op: Comparator, b: number): boolean {
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
    case '!=':
      return a !== b;
  }
}

const labelKeys = new WeakMap<Record<string, string>, string>();

/**
 * The identity of a series for matching: its labels, sorted. Kept per label
 * object (a series' labels are read many times a tick, and never changed).
 */
export function labelKey(labels: Record<string, string>): string {
  let key = labelKeys.get(labels);
  if (key !== undefined) return key;
  const names = Object.keys(labels);
  key = names.length ? names.sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',') : '';
  labelKeys.set(labels, key);
  return key;
}

function hasLabels(labels: Record<string, string>, wanted: Record<string, string>): boolean {
  for (const k in wanted) if (labels[k] !== wanted[k]) return false;
  return true;
}

export function evaluate(condition: Condition, lookup: Lookup): Outcome {
  if (condition.kind === 'compare') {
    const series = lookup(condition.metric, condition.labels);
    if (!series) return { instances: [], unknown: true, present: new Set() };
    // Loops, not closures: a closure made per call dies between ticks, and V8 drops its optimised code
    // with it at the next full collection, to compile it again a few minutes later (bench/: the soak).
    const line = { op: condition.op, value: condition.value };
    const instances: Instance[] = [];
    const present = new Set<string>();
    for (const s of series) {
      if (!hasLabels(s.labels, condition.labels)) continue;
      present.add(labelKey(s.labels));
      if (compare(s.value, condition.op, condition.value)) instances.push({ labels: s.labels, value: s.value, line });
    }
    return { instances, unknown: false, present };
  }
  const parts = condition.terms.map((t) => evaluate(t, lookup));
  const unknown = parts.some((p) => p.unknown);
  const present = new Set(parts.flatMap((p) => [...p.present]));
  if (condition.kind === 'or') {
    const seen = new Set<string>();
    const instances: Instance[] = [];
    for (const p of parts) {
      for (const i of p.instances) {
        const key = labelKey(i.labels);
        if (seen.has(key)) continue;
        seen.add(key);
        instances.push(i);
      }
    }
    return { instances, unknown, present };
  }
  const [first, ...rest] = parts;
  const keys = rest.map((p) => new Set(p.instances.map((i) => labelKey(i.labels))));
  return { instances: (first?.instances ?? []).filter((i) => keys.every((k) => k.has(labelKey(i.labels)))), unknown, present };
}

/** The line a value is past, for an alert whose value came from elsewhere (Prometheus). */
export function lineFor(condition: Condition, value: number): Instance['line'] | undefined {
  if (condition.kind === 'compare') return compare(value, condition.op, condition.value) ? { op: condition.op, value: condition.value } : undefined;
  for (const t of condition.terms) {
    const line = lineFor(t, value);
    if (line) return line;
  }
  return undefined;
}
