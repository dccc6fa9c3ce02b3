// The simulated trader: pure state, no I/O. Time moves only through advance(),
// in fixed steps, so a seed and a total amount of advanced time determine every
// value no matter how the time was chunked (timer ticks, /sim/advance, tests).
import { createHistogram, type Histogram, type HistogramSnapshot } from './histogram.js';
import { clamp, createRng, stepWalk } from './random.js';
import { findScenario, frameAt, SCENARIO_NAMES, type ScenarioSpec, type Track } from './scenarios.js';
import { CALM, calmStart, INTEGER_SIGNALS, LIMITS, PNL_SIGNALS, SIGNALS, type Signal, type Signals } from './signals.js';

export const STEP_SECONDS = 0.5;
// Time is kept in whole microseconds: float sums of chunks (0.1 + 0.2 ...)
// would otherwise decide whether a step happens.
const STEP_US = 500_000;
/** How much of the calm wobble an incident keeps, so it still looks alive. */
const DEVIATION_SHARE = 0.25;
/** Share of the gap to the target closed per step: shown values glide (~1 s). */
const SMOOTHING = 0.4;
const PEAK_VALUE = 1_052_300;
const API_CALLS_PER_STEP = 20; // ~40/s
const PREDICTIONS_PER_STEP = 5; // ~10/s
// Log-normal spreads (p99 = median * e^(2.326 * sigma)). Inference time is
// tighter than broker round trips, and must be: with only ~10 samples/s a
// wide tail would push a short-window p99 past 100 ms on a calm day.
const API_SIGMA = 0.5;
const PREDICTION_SIGMA = 0.3;
const Z99 = 2.3263;
const NORMAL_POSITIONS: readonly [number, number] = [4, 8];
/** Trades executed per second of exposed trading: ~900 an hour, a steady automated trader. */
const TRADES_PER_SECOND = 0.25;

export type Trading = 'active' | 'halted';
export type Site = 'primary' | 'secondary';
export type ModelChoice = 'primary' | 'fallback';

/** The control API's state, exactly as the contract names it. */
export interface TraderState {
  trading: Trading;
  open_positions: number;
  site: Site;
  model: ModelChoice;
  position_scale: number;
}

export interface Gauges {
  portfolio_value: number;
  portfolio_drawdown: number;
  daily_return: number;
  sharpe_ratio: number;
  win_rate: number;
  model_accuracy: number;
  model_error_rate: number;
  prediction_confidence: number;
  api_error_rate: number;
  database_connections: number;
  cpu_usage: number;
  memory_usage: number;
  disk_usage: number;
  trading_enabled: number;
  open_positions: number;
  total_exposure: number;
  largest_position: number;
  var_95: number;
  expected_shortfall: number;
  position_concentration: number;
  consecutive_losses: number;
}

export interface SimSnapshot {
  simSeconds: number;
  scenario: string;
  scenarioSeconds: number;
  outage: boolean;
  apiMessage: string | undefined;
  state: TraderState;
  gauges: Gauges;
  /** Counters: only ever go up while the trader runs. */
  counters: { trades_total: number };
  histograms: { api_latency_seconds: HistogramSnapshot; prediction_latency_seconds: HistogramSnapshot };
  /** Values only /health/detailed shows. */
  host: { dbLatencyMs: number; requestsPerSecond: number; clientConnections: number };
}

export interface SimModel {
  advance(simSeconds: number): void;
  snapshot(): SimSnapshot;
  state(): TraderState;
  readonly scenario: string;
  setScenario(name: string): void;
  onScenarioChange(listener: (name: string) => void): void;
  halt(): TraderState;
  resume(): TraderState;
  closePositions(): TraderState;
  failover(target: Site): TraderState;
  fallbackModel(): TraderState;
  positionScale(scale: number): TraderState;
}

export function createSimModel(opts: { seed: number; scenario?: string }): SimModel {
  const rng = createRng(opts.seed);
  const calm = calmStart();
  const shown = calmStart();
  const api = createHistogram();
  const predictions = createHistogram();
  const listeners: ((name: string) => void)[] = [];
  const state: TraderState = { trading: 'active', open_positions: 6, site: 'primary', model: 'primary', position_scale: 1 };
  let scenario = requireScenario(opts.scenario ?? 'calm');
  let tracks = activeTracks(scenario);
  let totalUs = 0;
  let steps = 0;
  let scenarioSteps = 0;
  // Scenario time during which the book was exposed: P&L incidents unfold on
  // this clock, so halting or flattening stops them getting worse.
  let riskSeconds = 0;
  // Time spent trading with positions open, since start: what trades_total counts from.
  let tradingSeconds = 0;

  function activeTracks(spec: ScenarioSpec): Map<Signal, Track> {
    const map = new Map<Signal, Track>();
    for (const t of spec.tracks) {
      if (t.cause === 'model' && state.model === 'fallback') continue;
      if (t.cause === 'broker' && state.site === 'secondary') continue;
      if (t.cause === 'risk' && state.position_scale < 1) continue;
      map.set(t.signal, t);
    }
    return map;
  }

  function step(): void {
    // Fixed draw order and count per step: determinism does not depend on state.
    for (const k of SIGNALS) calm[k] = stepWalk(calm[k], CALM[k], rng.gaussian());
    const u = rng.next();
    const exposed = state.trading === 'active' && state.open_positions > 0;
    scenarioSteps += 1;
    if (exposed) riskSeconds += STEP_SECONDS * state.position_scale;
    if (exposed) tradingSeconds += STEP_SECONDS;
    const scenarioSeconds = scenarioSteps * STEP_SECONDS;
    for (const k of SIGNALS) {
      const pnl = PNL_SIGNALS.has(k);
      if (pnl && !exposed) continue; // a halted or flat book neither gains nor loses
      const track = tracks.get(k);
      let target = calm[k];
      if (track) {
        target = frameAt(track.frames, pnl ? riskSeconds : scenarioSeconds) + (calm[k] - CALM[k].mean) * DEVIATION_SHARE;
      }
      const limits = LIMITS[k];
      if (limits) target = clamp(target, limits[0], limits[1]);
      shown[k] += SMOOTHING * (target - shown[k]);
    }
    movePositions(u);
    for (let i = 0; i < API_CALLS_PER_STEP; i++) api.observe(latencySample(shown.apiP99, API_SIGMA, rng.gaussian()));
    for (let i = 0; i < PREDICTIONS_PER_STEP; i++) predictions.observe(latencySample(shown.predictionP99, PREDICTION_SIGMA, rng.gaussian()));
  }

  // Positions change only while trading; after a flatten they come back one at
  // a time (about one per 10 s) until the usual book size is reached.
  function movePositions(u: number): void {
    if (state.trading !== 'active') return;
    const [lo, hi] = NORMAL_POSITIONS;
    if (state.open_positions < lo) {
      if (u < 0.05) state.open_positions += 1;
    } else if (u < 0.01 && state.open_positions < hi) {
      state.open_positions += 1;
    } else if (u > 0.99 && state.open_positions > lo) {
      state.open_positions -= 1;
    }
  }

  function snapshot(): SimSnapshot {
    const v = (k: Signal): number => (INTEGER_SIGNALS.has(k) ? Math.round(shown[k]) : shown[k]);
    const value = PEAK_VALUE * (1 - v('drawdown'));
    const n = state.open_positions;
    const exposure = n * v('positionSize') * value * state.position_scale;
    const concentration = n > 0 ? Math.max(v('concentration'), 1 / n) : 0;
    const gauges: Gauges = {
      portfolio_value: value,
      portfolio_drawdown: v('drawdown'),
      daily_return: v('dailyReturn'),
      sharpe_ratio: v('sharpe'),
      win_rate: v('winRate'),
      model_accuracy: v('accuracy'),
      model_error_rate: v('modelErrorRate'),
      prediction_confidence: v('confidence'),
      api_error_rate: v('apiErrorRate'),
      database_connections: v('dbConnections'),
      cpu_usage: v('cpu'),
      memory_usage: v('memory'),
      disk_usage: v('disk'),
      trading_enabled: state.trading === 'active' ? 1 : 0,
      open_positions: n,
      total_exposure: exposure,
      largest_position: exposure * concentration,
      var_95: exposure * 1.645 * v('volatility'),
      expected_shortfall: exposure * 2.063 * v('volatility'), // normal CVaR at 95%
      position_concentration: concentration,
      consecutive_losses: v('consecutiveLosses'),
    };
    return {
      simSeconds: steps * STEP_SECONDS,
      scenario: scenario.name,
      scenarioSeconds: scenarioSteps * STEP_SECONDS,
      outage: scenario.outage === true,
      apiMessage: scenario.apiMessage,
      state: { ...state },
      gauges,
      counters: { trades_total: Math.floor(tradingSeconds * TRADES_PER_SECOND) },
      histograms: { api_latency_seconds: api.snapshot(), prediction_latency_seconds: predictions.snapshot() },
      host: {
        dbLatencyMs: v('dbLatencyMs'),
        requestsPerSecond: v('requestsPerSecond'),
        clientConnections: v('clientConnections'),
      },
    };
  }

  const control = (change: () => void) => (): TraderState => {
    change();
    tracks = activeTracks(scenario);
    return { ...state };
  };

  return {
    advance(simSeconds) {
      if (!Number.isFinite(simSeconds) || simSeconds < 0) throw new RangeError(`cannot advance by ${simSeconds} s`);
      totalUs += Math.round(simSeconds * 1e6);
      const due = Math.floor(totalUs / STEP_US);
      while (steps < due) {
        step();
        steps += 1;
      }
    },
    snapshot,
    state: () => ({ ...state }),
    get scenario() {
      return scenario.name;
    },
    setScenario(name) {
      scenario = requireScenario(name);
      tracks = activeTracks(scenario);
      scenarioSteps = 0;
      riskSeconds = 0;
      for (const l of listeners) l(scenario.name);
    },
    onScenarioChange(listener) {
      listeners.push(listener);
    },
    halt: control(() => (state.trading = 'halted')),
    resume: control(() => (state.trading = 'active')),
    closePositions: control(() => (state.open_positions = 0)),
    fallbackModel: control(() => (state.model = 'fallback')),
    failover: (target) => control(() => (state.site = target))(),
    positionScale(scale) {
      if (!(Number.isFinite(scale) && scale > 0 && scale <= 1)) throw new RangeError('scale must be in (0, 1]');
      return control(() => (state.position_scale = scale))();
    },
  };
}

/** A log-normal latency whose 99th percentile is `p99`. */
function latencySample(p99: number, sigma: number, z: number): number {
  return p99 * Math.exp(sigma * (z - Z99));
}

function requireScenario(name: string): ScenarioSpec {
  const spec = findScenario(name);
  if (!spec) throw new RangeError(`unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(', ')})`);
  return spec;
}
