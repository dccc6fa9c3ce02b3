/** Window over which embedded latency quantiles are computed from bucket deltas. */
export const HISTOGRAM_WINDOW_MS = 30_000;
