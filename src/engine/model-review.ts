// Model performance by day, judged: what `review models` and the daily review
// flag in the per-day, per-model figures read from performance.predictions.
// Pure: the rows come in, the flags go out.

import type { Config } from '../config/types.js';
import type { PredictionDay } from '../sources/postgres/predictions.js';

export type { PredictionDay } from '../sources/postgres/predictions.js';

export interface ModelReviewLines {
  /** Accuracy under this is flagged: the model_accuracy metric's warning line (the alerts' config). */
  accuracyWarning: number;
  /** Under this the flag is critical: the metric's critical line, when it has one. */
  accuracyCritical?: number;
  /** A fall from the model's previous day of more than this (0.05: 5 points) is flagged. */
  dropPoints: number;
  /** A confidence standard deviation this many times the previous day's is flagged. */
  spreadFactor: number;
}

/** The playbook's 55% accuracy line when no config says otherwise. */
const PLAYBOOK_ACCURACY_WARNING = 0.55;

/** The lines from the config that also drives the alerts. */
export function modelReviewLines(config: Pick<Config, 'metrics'>): ModelReviewLines {
  const spec = config.metrics.model_accuracy;
  const lines: ModelReviewLines = { accuracyWarning: spec?.warning ?? spec?.critical ?? PLAYBOOK_ACCURACY_WARNING, dropPoints: 0.05, spreadFactor: 2 };
  if (spec?.critical !== undefined) lines.accuracyCritical = spec.critical;
  return lines;
}

export type ModelFlag =
  | { kind: 'below-line'; day: string; modelId: string; level: 'warning' | 'critical'; accuracy: number; line: number }
  | { kind: 'drop'; day: string; modelId: string; level: 'warning'; accuracy: number; previous: number; previousDay: string }
  | { kind: 'spread'; day: string; modelId: string; level: 'warning'; std: number; previousStd: number; previousDay: string };

/** The UTC day before `day` (`YYYY-MM-DD`). */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

// A hair of tolerance, so 60% to 55% (5.0 points, in binary fractions) is not "more than 5".
const EPSILON = 1e-9;

/** Every flag in the rows, newest day first, then by model and kind. */
export function flagModelDays(rows: readonly PredictionDay[], lines: ModelReviewLines): ModelFlag[] {
  const byKey = new Map(rows.map((r) => [`${r.day}\u0000${r.modelId}`, r]));
  const flags: ModelFlag[] = [];
  for (const r of rows) {
    if (r.accuracy !== null && r.accuracy < lines.accuracyWarning) {
      const critical = lines.accuracyCritical !== undefined && r.accuracy < lines.accuracyCritical;
      flags.push({ kind: 'below-line', day: r.day, modelId: r.modelId, level: critical ? 'critical' : 'warning', accuracy: r.accuracy, line: critical ? lines.accuracyCritical! : lines.accuracyWarning });
    }
    const previousDay = dayBefore(r.day);
    const prev = byKey.get(`${previousDay}\u0000${r.modelId}`);
    if (!prev) continue;
    if (r.accuracy !== null && prev.accuracy !== null && prev.accuracy - r.accuracy > lines.dropPoints + EPSILON) {
      flags.push({ kind: 'drop', day: r.day, modelId: r.modelId, level: 'warning', accuracy: r.accuracy, previous: prev.accuracy, previousDay });
    }
    // A spread from nothing (one prediction, or all alike) has no "double".
    if (r.confidenceStd !== null && prev.confidenceStd !== null && prev.confidenceStd > 0 && r.confidenceStd >= lines.spreadFactor * prev.confidenceStd - EPSILON) {
      flags.push({ kind: 'spread', day: r.day, modelId: r.modelId, level: 'warning', std: r.confidenceStd, previousStd: prev.confidenceStd, previousDay });
    }
  }
  const order = { 'below-line': 0, drop: 1, spread: 2 } as const;
  return flags.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.modelId !== b.modelId ? (a.modelId < b.modelId ? -1 : 1) : order[a.kind] - order[b.kind]));
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** What a flag says, without the model's name (outside text: the caller sanitises and adds it). */
export function flagText(f: ModelFlag): string {
  switch (f.kind) {
    case 'below-line':
      return `accuracy ${pct(f.accuracy)} under the ${f.level} line (${pct(f.line)})`;
    case 'drop':
      return `accuracy fell ${((f.previous - f.accuracy) * 100).toFixed(1)} points (${pct(f.previous)} on ${f.previousDay})`;
    case 'spread':
      return `confidence spread ${f.std.toFixed(3)}, ${(f.std / f.previousStd).toFixed(1)}x ${f.previousDay}'s ${f.previousStd.toFixed(3)}`;
  }
}
