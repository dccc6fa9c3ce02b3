// What the sources answer, as data: the shapes the engine and the monitor
// work with. Type definitions only, so the layers above can name them without
// loading any I/O.

// /metrics (the text exposition format)

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Record<string, string>;
  /** The first few unreadable lines, with why. */
  errors: Array<{ line: number; message: string }>;
  /** How many lines could not be read. */
  unreadable: number;
  /** Names of series exposed more than once with the same labels. */
  duplicates: string[];
}

export interface Histogram {
  /** Cumulative counts by upper bound, ascending, ending with +Inf. */
  buckets: Array<{ le: number; count: number }>;
  sum: number;
  count: number;
}

// The trader

export interface TraderHealth {
  timestamp?: string;
  components: Array<{ name: string; healthy: boolean; message?: string; latencyMs?: number; modelId?: string }>;
  metrics: { uptime?: number; requestsPerSecond?: number; errorRate?: number; activeConnections?: number };
  site?: string;
  trading?: 'active' | 'halted';
}

export type Fetched<T> = { ok: true; value: T; ms: number } | { ok: false; reason: string; ms: number };

// Prometheus

/**
 * An answer of Prometheus's API: with the `warnings` it carried (a partial
 * answer, a store that did not reply), or why there is none; `badQuery` when
 * Prometheus refused the query itself (bad PromQL, an execution error), which
 * is that query's fault, not the source's.
 */
export type PromFetched<T> = { ok: true; value: T; ms: number; warnings?: string[] } | { ok: false; reason: string; ms: number; badQuery?: boolean };

export interface PromSample {
  labels: Record<string, string>;
  value: number;
  /** The time the answer is for (ms): the query's evaluation time. */
  at?: number;
}

export interface PromSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt?: number;
  value?: number;
}

export interface PromRule {
  name: string;
  durationS: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  query: string;
  /** `ok`, `err` (it fails to evaluate), `unknown` (not evaluated yet). */
  health?: string;
}

// Alertmanager

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  state: 'active' | 'pending' | 'expired';
}

export interface AmAlert {
  labels: Record<string, string>;
  fingerprint?: string;
  startsAt?: number;
  /** `active`, `suppressed` or `unprocessed`. */
  state: string;
  /** The ids of the silences that silence it. */
  silencedBy: string[];
  /** The fingerprints of the alerts that inhibit it. */
  inhibitedBy: string[];
}
