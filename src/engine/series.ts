// The series the panels show besides the threshold metrics: gauges of the
// contract read as they are, and the p50 of each latency histogram.

export const PANEL_GAUGES = [
  'portfolio_value',
  'prediction_confidence',
  'trading_enabled',
  'open_positions',
  'total_exposure',
  'largest_position',
  'var_95',
  'expected_shortfall',
  'position_concentration',
  'consecutive_losses',
] as const;

/** The name under which a histogram metric's median is kept: `api_latency_p50`. */
export const p50Name = (metric: string) => `${metric}_p50`;

/** Window over which embedded latency quantiles are computed from bucket deltas. */
export const HISTOGRAM_WINDOW_MS = 30_000;
