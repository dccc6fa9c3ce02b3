// A Prometheus-style histogram: counts only ever grow, so a scraper can take
// rates between two scrapes and compute quantiles with histogram_quantile().

/**
 * Bounds include 0.1, 0.5 and 1 s exactly: the playbook's 100 ms / 500 ms /
 * 1000 ms latency thresholds then fall on bucket edges and are resolvable.
 */
export const LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10,
];

export interface HistogramSnapshot {
  /** Upper bounds, ascending, without +Inf. */
  readonly bounds: readonly number[];
  /** Cumulative counts per bound, then one more entry for +Inf (== count). */
  readonly cumulative: readonly number[];
  readonly sum: number;
  readonly count: number;
}

export interface Histogram {
  observe(value: number): void;
  snapshot(): HistogramSnapshot;
}

export function createHistogram(bounds: readonly number[] = LATENCY_BUCKETS): Histogram {
  // Per-bucket (non-cumulative) counts; the last slot is the +Inf overflow.
  const counts: number[] = new Array<number>(bounds.length + 1).fill(0);
  let sum = 0;
  let count = 0;
  return {
    observe(value) {
      let i = bounds.findIndex((b) => value <= b);
      if (i < 0) i = bounds.length;
      counts[i] = (counts[i] ?? 0) + 1;
      sum += value;
      count += 1;
    },
    snapshot() {
      let running = 0;
      const cumulative = counts.map((c) => (running += c));
      return { bounds: [...bounds], cumulative, sum, count };
    },
  };
}
