import type { Exposition, Fetched } from '../../src/sources/types.js';

/** A successful scrape holding these gauges (and any histogram counts given). */
export function scrape(values: Record<string, number>, histograms: Record<string, Array<[number, number]>> = {}): Fetched<Exposition> {
  const samples = Object.entries(values).map(([name, value]) => ({ name, labels: {}, value }));
  for (const [base, buckets] of Object.entries(histograms)) {
    for (const [le, count] of buckets) samples.push({ name: `${base}_bucket`, labels: { le: le === Infinity ? '+Inf' : String(le) }, value: count });
    samples.push({ name: `${base}_count`, labels: {}, value: buckets.at(-1)![1] });
    samples.push({ name: `${base}_sum`, labels: {}, value: 0 });
  }
  return { ok: true, value: { samples, types: {}, errors: [], unreadable: 0, duplicates: [] }, ms: 1 };
}

export const failed = (reason = 'connection refused'): Fetched<never> => ({ ok: false, reason, ms: 1 });

export const CALM = {
  portfolio_value: 1_000_000,
  portfolio_drawdown: 0.03,
  daily_return: 0.002,
  sharpe_ratio: 1.4,
  win_rate: 0.54,
  model_accuracy: 0.62,
  model_error_rate: 0.003,
  prediction_confidence: 0.7,
  api_error_rate: 0.004,
  database_connections: 20,
  cpu_usage: 0.35,
  memory_usage: 0.5,
  disk_usage: 0.4,
  trading_enabled: 1,
  open_positions: 5,
  consecutive_losses: 1,
  total_exposure: 251_000,
  largest_position: 30_200,
  position_concentration: 0.12,
  var_95: 8_400,
  expected_shortfall: 11_200,
};

/** Latency histograms that move a little every scrape: `n` is the scrape's number. */
export const calmHistograms = (n: number): Record<string, Array<[number, number]>> => ({
  api_latency_seconds: [[0.1, n * 30], [0.5, n * 40], [Infinity, n * 40]],
  prediction_latency_seconds: [[0.05, n * 10], [0.1, n * 10], [Infinity, n * 10]],
});
