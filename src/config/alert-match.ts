// Which rule an alert comes from: by name, and, where several rules share a
// name (RiskLimitExceeded, one per limit), by the labels each rule adds.

import type { AlertSpec } from './types.js';

const addsMatch = (spec: AlertSpec, labels: Record<string, string>) => Object.entries(spec.labels ?? {}).every(([k, v]) => labels[k] === v);

export function specOf(alerts: readonly AlertSpec[], name: string, labels: Record<string, string> = {}): AlertSpec | undefined {
  return alerts.find((a) => a.name === name && addsMatch(a, labels)) ?? alerts.find((a) => a.name === name);
}

const ruleKeys = new WeakMap<object, string>();

/** A rule's identity among all: its name, with the labels it adds when it has any. Kept per spec: read every tick. */
export function ruleKey(spec: Pick<AlertSpec, 'name' | 'labels'>): string {
  let key = ruleKeys.get(spec);
  if (key !== undefined) return key;
  const labels = Object.entries(spec.labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  key = labels.length ? `${spec.name}{${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : spec.name;
  ruleKeys.set(spec, key);
  return key;
}
