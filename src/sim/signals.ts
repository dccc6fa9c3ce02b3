// The underlying quantities the simulated trader evolves, and how each behaves
// on a calm day. Scenarios bend some of them; everything shown on /metrics and
// /health/detailed is derived from these plus the trader state.
import type { WalkSpec } from './random.js';

export const SIGNALS = [
  'drawdown',
  'dailyReturn',
  'sharpe',
  'winRate',
  'consecutiveLosses',
  'accuracy',
  'modelErrorRate',
  'confidence',
  'apiErrorRate',
  'apiP99',
  'predictionP99',
  'dbConnections',
  'dbLatencyMs',
  'cpu',
  'memory',
  'disk',
  'volatility',
  'positionSize',
  'concentration',
  'requestsPerSecond',
  'clientConnections',
] as const;

export type Signal = (typeof SIGNALS)[number];
export type Signals = Record<Signal, number>;

/**
 * Signals that only move while the book is exposed (trading active and
 * positions open): a halted or flat trader cannot lose more money.
 */
export const PNL_SIGNALS: ReadonlySet<Signal> = new Set<Signal>([
  'drawdown',
  'dailyReturn',
  'sharpe',
  'winRate',
  'consecutiveLosses',
]);

const walk = (mean: number, min: number, max: number, sigma: number, reversion = 0.03): WalkSpec => ({
  mean,
  min,
  max,
  sigma,
  reversion,
});

/**
 * Calm ranges sit well inside the playbook's ok side of every threshold so a
 * calm sim never raises an alert, however long it runs.
 */
export const CALM: Readonly<Record<Signal, WalkSpec>> = {
  drawdown: walk(0.035, 0.02, 0.05, 0.0012),
  dailyReturn: walk(0.002, -0.01, 0.01, 0.0008),
  sharpe: walk(1.4, 1.2, 1.6, 0.015),
  winRate: walk(0.54, 0.52, 0.56, 0.0015),
  consecutiveLosses: walk(0.8, 0, 2.4, 0.12),
  accuracy: walk(0.62, 0.6, 0.64, 0.0015),
  modelErrorRate: walk(0.003, 0.0005, 0.008, 0.0004),
  confidence: walk(0.71, 0.66, 0.76, 0.003),
  apiErrorRate: walk(0.004, 0.0005, 0.009, 0.0005),
  apiP99: walk(0.2, 0.15, 0.25, 0.005),
  predictionP99: walk(0.045, 0.03, 0.06, 0.0015),
  dbConnections: walk(25, 15, 35, 1),
  dbLatencyMs: walk(2.2, 1.2, 3.5, 0.12),
  cpu: walk(0.38, 0.3, 0.45, 0.008),
  memory: walk(0.52, 0.45, 0.6, 0.005),
  disk: walk(0.4, 0.395, 0.405, 0.0004),
  volatility: walk(0.012, 0.01, 0.014, 0.0002),
  positionSize: walk(0.07, 0.05, 0.09, 0.001),
  concentration: walk(0.28, 0.22, 0.34, 0.004),
  requestsPerSecond: walk(41, 36, 46, 0.6),
  clientConnections: walk(17, 10, 24, 0.6),
};

/** Signals published as whole numbers. */
export const INTEGER_SIGNALS: ReadonlySet<Signal> = new Set<Signal>([
  'consecutiveLosses',
  'dbConnections',
  'clientConnections',
]);

/** Hard physical bounds, applied after a scenario bends a signal. */
export const LIMITS: Partial<Record<Signal, readonly [number, number]>> = {
  drawdown: [0, 1],
  winRate: [0, 1],
  accuracy: [0, 1],
  modelErrorRate: [0, 1],
  confidence: [0, 1],
  apiErrorRate: [0, 1],
  cpu: [0, 1],
  memory: [0, 0.99],
  disk: [0, 1],
  dbConnections: [0, 100],
  consecutiveLosses: [0, 50],
  apiP99: [0.001, 30],
  predictionP99: [0.001, 30],
  dbLatencyMs: [0.1, 10_000],
};

export function calmStart(): Signals {
  const s = {} as Signals;
  for (const k of SIGNALS) s[k] = CALM[k].mean;
  return s;
}
