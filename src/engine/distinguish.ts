// Two alerts of the same name with different labels are two alerts: each is
// shown with the labels that tell it from the others of its name (the
// instance, the job, a desk), so two lines never read the same.

import type { AlertView } from './types.js';

export function distinguish(alerts: AlertView[]): AlertView[] {
  const byName = new Map<string, AlertView[]>();
  for (const a of alerts) byName.get(a.name)?.push(a) ?? byName.set(a.name, [a]);
  const differing = new Map<string, string[]>();
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    const keys = new Set(group.flatMap((a) => Object.keys(a.labels)));
    keys.delete('alertname');
    differing.set(name, [...keys].filter((k) => group.some((a) => a.labels[k] !== group[0]!.labels[k])).sort());
  }
  return alerts.map((a) => {
    const keys = differing.get(a.name)?.filter((k) => a.labels[k] !== undefined && a.seriesLabels?.[k] === undefined);
    if (!keys?.length) return a;
    return { ...a, seriesLabels: { ...Object.fromEntries(keys.map((k) => [k, a.labels[k]!])), ...(a.seriesLabels ?? {}) } };
  });
}
