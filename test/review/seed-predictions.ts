// Predictions made to order for the review tests, and the per-day, per-model
// figures worked out here in plain JavaScript, independently of the SQL the
// review runs: count, accuracy over the rows with an outcome, mean and
// sample standard deviation of confidence.

import { seeded as rng } from '../helpers/seeded.js';

export interface PredictionRow {
  time: string;
  model: string;
  predicted: number;
  actual: number | null;
  confidence: number;
}


export interface DayPlan {
  day: string;
  model: string;
  /** Rows with an outcome, and how many of them are right. */
  resolved: number;
  correct: number;
  /** Rows without an outcome yet (actual null). */
  pending?: number;
  confidenceMean: number;
  /** Half-width of the uniform spread of confidence around its mean. */
  confidenceSpread: number;
}

export function makeRows(plans: DayPlan[], seed = 7): PredictionRow[] {
  const next = rng(seed);
  const rows: PredictionRow[] = [];
  for (const p of plans) {
    const n = p.resolved + (p.pending ?? 0);
    for (let i = 0; i < n; i++) {
      // Spread over the UTC day, never on its edges.
      const ms = Date.parse(`${p.day}T00:00:30Z`) + Math.floor((i / n) * 86_300_000);
      const predicted = next() < 0.5 ? 0 : 1;
      const actual = i >= p.resolved ? null : i < p.correct ? predicted : 1 - predicted;
      const confidence = Math.min(1, Math.max(0, p.confidenceMean + (next() * 2 - 1) * p.confidenceSpread));
      rows.push({ time: new Date(ms).toISOString(), model: p.model, predicted, actual, confidence });
    }
  }
  return rows;
}

export interface Expected {
  day: string;
  modelId: string;
  predictions: number;
  resolved: number;
  accuracy: number | null;
  confidenceMean: number;
  confidenceStd: number | null;
}

export function expectedDays(rows: PredictionRow[]): Expected[] {
  const groups = new Map<string, PredictionRow[]>();
  for (const r of rows) {
    const key = `${r.time.slice(0, 10)}|${r.model}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: Expected[] = [];
  for (const [key, list] of groups) {
    const [day, modelId] = key.split('|') as [string, string];
    const known = list.filter((r) => r.actual !== null);
    const mean = list.reduce((s, r) => s + r.confidence, 0) / list.length;
    const variance = list.length > 1 ? list.reduce((s, r) => s + (r.confidence - mean) ** 2, 0) / (list.length - 1) : null;
    out.push({
      day,
      modelId,
      predictions: list.length,
      resolved: known.length,
      accuracy: known.length ? known.filter((r) => r.actual === r.predicted).length / known.length : null,
      confidenceMean: mean,
      confidenceStd: variance === null ? null : Math.sqrt(variance),
    });
  }
  return out.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.modelId < b.modelId ? -1 : 1));
}

/** One INSERT of many rows, with parameters. */
export function insertSql(rows: PredictionRow[]): { sql: string; params: unknown[] } {
  return {
    sql: 'INSERT INTO performance.predictions (prediction_time, model_id, predicted, actual, confidence) SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::int[], $5::float8[])',
    params: [rows.map((r) => r.time), rows.map((r) => r.model), rows.map((r) => r.predicted), rows.map((r) => r.actual), rows.map((r) => r.confidence)],
  };
}
