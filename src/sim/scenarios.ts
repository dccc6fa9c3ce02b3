// The scripted incidents, as data. Each bends a few signals along keyframes of
// scenario-elapsed time and leaves the rest calm, so a scenario trips only its
// own alerts. `expectations` is the promise each one keeps (tests check it).
import type { Signal } from './signals.js';

export type Keyframes = readonly (readonly [seconds: number, value: number])[];

/**
 * Why a bent signal is bent: the remedy the playbook prescribes makes it calm
 * again. "model" tracks end on a switch to the fallback model, "broker"
 * tracks on a failover to the secondary site (its own broker connection),
 * "risk" tracks once position sizes are reduced (a position scale under 1).
 */
export type Cause = 'model' | 'broker' | 'risk';

export interface Track {
  readonly signal: Signal;
  readonly frames: Keyframes;
  readonly cause?: Cause;
}

/** `metric op value` holds on /metrics within `withinSeconds` of the scenario start. */
export interface Expectation {
  readonly metric: string;
  readonly op: '>' | '<' | '>=';
  readonly value: number;
  readonly withinSeconds: number;
  /** For histograms: the quantile (e.g. 0.99) the value refers to. */
  readonly quantile?: number;
}

export interface UnhealthyExpectation {
  readonly component: 'database' | 'redis' | 'model' | 'api';
  readonly withinSeconds: number;
}

export interface ScenarioSpec {
  readonly name: string;
  readonly description: string;
  readonly tracks: readonly Track[];
  /** The trader endpoints stop answering altogether. */
  readonly outage?: boolean;
  /** What the api health component says while unhealthy. */
  readonly apiMessage?: string;
  readonly expectations: readonly Expectation[];
  readonly unhealthy: readonly UnhealthyExpectation[];
}

const model = (signal: Signal, frames: Keyframes): Track => ({ signal, frames, cause: 'model' });
const risk = (signal: Signal, frames: Keyframes): Track => ({ signal, frames, cause: 'risk' });

export const SCENARIO_SPECS: readonly ScenarioSpec[] = [
  {
    name: 'calm',
    description: 'a quiet trading day: every metric wanders well inside its thresholds',
    tracks: [],
    expectations: [],
    unhealthy: [],
  },
  {
    name: 'drawdown',
    description: 'losses pile up: drawdown passes 10% by 20 s and 15% by 40 s, then holds at ~16-17%',
    tracks: [
      { signal: 'drawdown', frames: [[0, 0.035], [16, 0.115], [32, 0.165], [60, 0.168]] },
      // A multi-day drawdown squeezed into seconds: today's return only sags.
      { signal: 'dailyReturn', frames: [[0, 0.002], [32, -0.02]] },
      { signal: 'sharpe', frames: [[0, 1.4], [32, 1.0]] },
      { signal: 'winRate', frames: [[0, 0.54], [32, 0.505]] },
      { signal: 'consecutiveLosses', frames: [[0, 0.8], [32, 3]] },
    ],
    expectations: [
      { metric: 'portfolio_drawdown', op: '>', value: 0.1, withinSeconds: 20 },
      { metric: 'portfolio_drawdown', op: '>', value: 0.15, withinSeconds: 40 },
    ],
    unhealthy: [],
  },
  {
    name: 'flash-crash',
    description: 'the market gaps down: daily return below -5% and 5+ losses in a row within 30 s',
    tracks: [
      { signal: 'dailyReturn', frames: [[0, 0.002], [8, -0.03], [18, -0.065], [60, -0.07]] },
      { signal: 'consecutiveLosses', frames: [[0, 0.8], [6, 3], [16, 7], [60, 8]] },
      { signal: 'drawdown', frames: [[0, 0.035], [18, 0.085]] },
      { signal: 'sharpe', frames: [[0, 1.4], [18, 1.0]] },
      { signal: 'winRate', frames: [[0, 0.54], [18, 0.5]] },
      // Volatile, but not so much that VaR alone passes its warning line: this scenario is about P&L.
      { signal: 'volatility', frames: [[0, 0.012], [10, 0.018]] },
    ],
    expectations: [
      { metric: 'daily_return', op: '<', value: -0.03, withinSeconds: 20 },
      { metric: 'daily_return', op: '<', value: -0.05, withinSeconds: 30 },
      { metric: 'consecutive_losses', op: '>=', value: 5, withinSeconds: 30 },
    ],
    unhealthy: [],
  },
  {
    name: 'model-degradation',
    description: 'the model drifts: accuracy under 55% and Sharpe under 0.8 within 40 s (fallback model restores)',
    tracks: [
      model('accuracy', [[0, 0.62], [30, 0.532]]),
      model('sharpe', [[0, 1.4], [30, 0.68]]),
      model('winRate', [[0, 0.54], [30, 0.505]]),
      model('confidence', [[0, 0.71], [30, 0.58]]),
    ],
    expectations: [
      { metric: 'model_accuracy', op: '<', value: 0.55, withinSeconds: 40 },
      { metric: 'sharpe_ratio', op: '<', value: 0.8, withinSeconds: 40 },
    ],
    unhealthy: [],
  },
  {
    name: 'model-failure',
    description: 'model inference fails: prediction error rate over 10% within 20 s (fallback model restores)',
    tracks: [
      model('modelErrorRate', [[0, 0.003], [8, 0.06], [15, 0.16], [60, 0.18]]),
      model('confidence', [[0, 0.71], [15, 0.45]]),
    ],
    expectations: [{ metric: 'model_error_rate', op: '>', value: 0.1, withinSeconds: 20 }],
    unhealthy: [{ component: 'model', withinSeconds: 20 }],
  },
  {
    name: 'memory-leak',
    description: 'memory climbs steadily: past 80% by 40 s and ~95% by 50 s',
    tracks: [
      { signal: 'memory', frames: [[0, 0.52], [45, 0.95], [60, 0.955]] },
      // Garbage collection works harder as the heap fills.
      { signal: 'cpu', frames: [[0, 0.38], [45, 0.52]] },
    ],
    expectations: [
      { metric: 'memory_usage', op: '>', value: 0.8, withinSeconds: 40 },
      { metric: 'memory_usage', op: '>', value: 0.9, withinSeconds: 50 },
    ],
    unhealthy: [],
  },
  {
    name: 'api-rate-limit',
    description: 'the broker answers 429: API errors over 5% and p99 latency over 500 ms within 20 s (failover restores)',
    apiMessage: '429 from broker',
    tracks: [
      { signal: 'apiErrorRate', frames: [[0, 0.004], [6, 0.03], [12, 0.09], [60, 0.11]], cause: 'broker' },
      { signal: 'apiP99', frames: [[0, 0.2], [6, 0.4], [12, 0.75], [60, 0.8]], cause: 'broker' },
    ],
    expectations: [
      { metric: 'api_error_rate', op: '>', value: 0.05, withinSeconds: 20 },
      { metric: 'api_latency_seconds', quantile: 0.99, op: '>', value: 0.5, withinSeconds: 20 },
    ],
    unhealthy: [{ component: 'api', withinSeconds: 20 }],
  },
  {
    name: 'system-down',
    description: 'the trader stops answering /health/detailed, /metrics and /admin/* (requests hang); /sim/* still works',
    outage: true,
    tracks: [],
    expectations: [],
    unhealthy: [],
  },
  {
    name: 'db-saturation',
    description: 'the database pool fills: connections over 80 by 20 s and over 95 by 30 s, database unhealthy',
    tracks: [
      { signal: 'dbConnections', frames: [[0, 25], [8, 60], [20, 98], [60, 98.5]] },
      { signal: 'dbLatencyMs', frames: [[0, 2.2], [15, 12], [25, 85], [60, 120]] },
    ],
    expectations: [
      { metric: 'database_connections', op: '>', value: 80, withinSeconds: 20 },
      { metric: 'database_connections', op: '>', value: 95, withinSeconds: 30 },
    ],
    unhealthy: [{ component: 'database', withinSeconds: 30 }],
  },
  {
    name: 'risk-breach',
    description: 'positions grow past every risk limit within 30 s: exposure, largest position, VaR, concentration (reduce restores)',
    tracks: [
      // Position sizes quadruple: even four positions make more than $1M of exposure.
      risk('positionSize', [[0, 0.07], [20, 0.28], [60, 0.29]]),
      risk('concentration', [[0, 0.28], [20, 0.56], [60, 0.57]]),
      risk('volatility', [[0, 0.012], [20, 0.017]]),
    ],
    expectations: [
      { metric: 'total_exposure', op: '>', value: 1_000_000, withinSeconds: 30 },
      { metric: 'largest_position', op: '>', value: 300_000, withinSeconds: 30 },
      { metric: 'var_95', op: '>', value: 25_000, withinSeconds: 30 },
      { metric: 'position_concentration', op: '>', value: 0.5, withinSeconds: 30 },
    ],
    unhealthy: [],
  },
];

export const SCENARIO_NAMES: readonly string[] = SCENARIO_SPECS.map((s) => s.name);

export function findScenario(name: string): ScenarioSpec | undefined {
  return SCENARIO_SPECS.find((s) => s.name === name);
}

/** Piecewise-linear value at `t`; holds the first/last value outside the frames. */
export function frameAt(frames: Keyframes, t: number): number {
  const first = frames[0];
  if (first === undefined) return 0;
  if (t <= first[0]) return first[1];
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1];
    const b = frames[i];
    if (a === undefined || b === undefined) break;
    if (t <= b[0]) return a[1] + ((b[1] - a[1]) * (t - a[0])) / (b[0] - a[0]);
  }
  const last = frames[frames.length - 1];
  return last === undefined ? 0 : last[1];
}
