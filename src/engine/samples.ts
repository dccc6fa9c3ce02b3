// Reading the series the engine needs out of one scrape's samples: a gauge
// by name, or a histogram's buckets summed over its other labels.

import type { Histogram, Sample } from '../sources/types.js';

/** A bucket bound as the exposition writes it: a number, or +Inf. */
function bound(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf' || text === '+inf' || text === 'inf') return Infinity;
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** The histogram `base` from a scrape, summed over any other labels it has. */
export function histogramOf(samples: Sample[], base: string): Histogram | undefined {
  const byLe = new Map<number, number>();
  let sum = 0;
  let count = 0;
  let seen = false;
  // Named once, not once a sample: every sample of the scrape is looked at.
  const [bucketName, sumName, countName] = [`${base}_bucket`, `${base}_sum`, `${base}_count`];
  for (const s of samples) {
    if (s.name === bucketName && s.labels.le !== undefined) {
      const le = bound(s.labels.le);
      if (le === undefined || Number.isNaN(le)) continue;
      byLe.set(le, (byLe.get(le) ?? 0) + s.value);
      seen = true;
    } else if (s.name === sumName) sum += s.value;
    else if (s.name === countName) count += s.value;
  }
  if (!seen) return undefined;
  const buckets: Array<{ le: number; count: number }> = [];
  for (const [le, c] of byLe) buckets.push({ le, count: c });
  return { buckets: buckets.sort(byBound), sum, count };
}

// Module-level, not a closure per call: V8 drops a dead closure's optimised code at each full collection.
const byBound = (a: { le: number }, b: { le: number }) => a.le - b.le;

/** The first series called `name` whose labels include `labels` (the trader exposes one of each). */
export function sampleOf(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
