// Quantiles from cumulative histogram buckets, the way Prometheus'
// histogram_quantile() does it: find the bucket holding the rank and
// interpolate linearly inside it.

export interface Buckets {
  buckets: Array<{ le: number; count: number }>;
  count: number;
  sum: number;
}

export function quantile(q: number, h: Buckets): number | undefined {
  const buckets = h.buckets;
  const last = buckets[buckets.length - 1];
  if (!last || last.le !== Infinity) return undefined;
  const total = last.count;
  if (total <= 0) return undefined;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      // Past the last finite bound nothing is known but that bound.
      if (b.le === Infinity) return prevLe;
      const inBucket = b.count - prevCount;
      if (inBucket <= 0) return b.le;
      const lower = prevLe > b.le ? 0 : prevLe;
      return lower + ((b.le - lower) * (rank - prevCount)) / inBucket;
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

/**
 * What was observed between two scrapes. A count that went down means the
 * trader restarted, so the newer scrape alone is the best estimate.
 */
export function delta(newer: Buckets, older: Buckets | undefined): Buckets {
  if (!older || newer.count < older.count) return newer;
  // Loops, not closures made per call (whose optimised code V8 drops between ticks: see evaluate.ts).
  const before = new Map<number, number>();
  for (const b of older.buckets) before.set(b.le, b.count);
  const buckets: Buckets['buckets'] = [];
  for (const b of newer.buckets) {
    const count = b.count - (before.get(b.le) ?? 0);
    if (count < 0) return newer;
    buckets.push({ le: b.le, count });
  }
  return { buckets, count: newer.count - older.count, sum: newer.sum - older.sum };
}
