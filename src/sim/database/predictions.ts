// The simulated trader's predictions, as rows of performance.predictions:
// a week of history made up at start, then new rows as simulated time passes,
// the live model's accuracy and confidence following the model's own signals
// (so model-degradation shows in the database as on /metrics). Pure: no I/O.
import { createRng, type Rng } from '../random.js';
import type { SimSnapshot } from '../model.js';

export interface PredictionBatch {
  time: string[];
  model: string[];
  predicted: number[];
  /** null while the outcome is not known yet. */
  actual: (number | null)[];
  confidence: number[];
}

export const MODELS = { primary: 'primary-v12', fallback: 'fallback-v3' } as const;
type Which = keyof typeof MODELS;

/** Each model's calm figures: what its history centres on, and what it does when not live. */
const BASELINE: Record<Which, { accuracy: number; confidence: number }> = {
  primary: { accuracy: 0.61, confidence: 0.71 },
  fallback: { accuracy: 0.58, confidence: 0.66 },
};
const CONFIDENCE_SD = 0.07;
/** History: one prediction per model every two minutes, the models a minute apart. */
const HISTORY_EVERY_MS = 120_000;
export const HISTORY_DAYS = 7;
/** Outcomes are known a few minutes after the prediction. */
const OUTCOME_AFTER_MS = 5 * 60_000;
/** Live: predictions per simulated second, the live model and the one in shadow. */
const LIVE_RATE = 5;
const SHADOW_RATE = 1;
/** Bounds one batch: a long /sim/advance adds at most this many rows per model. */
const MAX_BATCH = 5000;

const DAY_MS = 86_400_000;

function emptyBatch(): PredictionBatch {
  return { time: [], model: [], predicted: [], actual: [], confidence: [] };
}

function confidence(rng: Rng, mean: number): number {
  return Math.min(0.99, Math.max(0.05, mean + CONFIDENCE_SD * rng.gaussian()));
}

/**
 * Whether the next prediction is right, spread evenly so that a day's share
 * of right ones is its accuracy to within one prediction (no lucky days that
 * would trip a review on a calm week).
 */
function nextRight(state: { sum: number }, accuracy: number): boolean {
  const before = Math.floor(state.sum);
  state.sum += accuracy;
  return Math.floor(state.sum) > before;
}

function push(batch: PredictionBatch, rng: Rng, at: number, model: string, right: boolean, known: boolean, conf: number): void {
  const predicted = rng.next() < 0.5 ? 0 : 1;
  batch.time.push(new Date(at).toISOString());
  batch.model.push(model);
  batch.predicted.push(predicted);
  batch.actual.push(known ? (right ? predicted : 1 - predicted) : null);
  batch.confidence.push(conf);
}

/** The history: the last HISTORY_DAYS whole UTC days and today up to `nowMs`, each day's accuracy near the model's baseline. */
export function historyRows(seed: number, nowMs: number): PredictionBatch {
  const rng = createRng(seed ^ 0x5eed);
  const batch = emptyBatch();
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  for (const [i, which] of (['primary', 'fallback'] as const).entries()) {
    const right = { sum: 0.5 };
    for (let day = today - HISTORY_DAYS * DAY_MS; day <= today; day += DAY_MS) {
      // Days differ a little (within about a point and a half), never enough to flag.
      const accuracy = BASELINE[which].accuracy + (rng.next() - 0.5) * 0.03;
      const mean = BASELINE[which].confidence + (rng.next() - 0.5) * 0.02;
      for (let at = day + i * 60_000 + 30_000; at < Math.min(day + DAY_MS, nowMs); at += HISTORY_EVERY_MS) {
        push(batch, rng, at, MODELS[which], nextRight(right, accuracy), nowMs - at > OUTCOME_AFTER_MS, confidence(rng, mean));
      }
    }
  }
  return batch;
}

/** New predictions as simulated time passes: the live model at its signals, the other in shadow at its baseline. */
export function createLiveFeed(seed: number): (snap: SimSnapshot, nowMs: number) => PredictionBatch {
  const rng = createRng(seed ^ 0xfeed);
  const right: Record<Which, { sum: number }> = { primary: { sum: 0.5 }, fallback: { sum: 0.5 } };
  let lastSeconds: number | undefined;
  let lastWall = 0;
  return (snap, nowMs) => {
    const batch = emptyBatch();
    const from = lastSeconds ?? snap.simSeconds;
    const since = lastWall || nowMs;
    lastSeconds = snap.simSeconds;
    lastWall = nowMs;
    for (const which of ['primary', 'fallback'] as const) {
      const live = snap.state.model === which;
      const rate = live ? LIVE_RATE : SHADOW_RATE;
      const n = Math.min(MAX_BATCH, Math.floor(snap.simSeconds * rate) - Math.floor(from * rate));
      const accuracy = live ? snap.gauges.model_accuracy : BASELINE[which].accuracy;
      const mean = live ? snap.gauges.prediction_confidence : BASELINE[which].confidence;
      for (let k = 0; k < n; k++) {
        // Spread over the wall-clock time since the last batch.
        const at = Math.round(since + ((nowMs - since) * (k + 1)) / n);
        push(batch, rng, at, MODELS[which], nextRight(right[which], accuracy), true, confidence(rng, mean));
      }
    }
    return batch;
  };
}
