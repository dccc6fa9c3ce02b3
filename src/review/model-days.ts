// Model performance by day and model, read and judged: what `review models`
// prints and the daily review includes for its day. The reading is in
// sources/postgres, the judging in engine/model-review; this joins them over
// a window of whole UTC days.

import { dayBefore, flagModelDays, type ModelFlag, type ModelReviewLines } from '../engine/model-review.js';
import type { Database } from '../sources/postgres/database.js';
import { readPredictionDays, type PredictionDay } from '../sources/postgres/predictions.js';

export type { ModelFlag, ModelReviewLines, PredictionDay } from '../engine/model-review.js';
export { flagText, modelReviewLines } from '../engine/model-review.js';
export { openDatabase, type Database } from '../sources/postgres/database.js';

export interface ModelDaysOptions {
  /** How many UTC days, `until` included (7: a week). */
  days: number;
  /** The last day, `YYYY-MM-DD` (UTC); today when absent. */
  until?: string;
  /** The lines to flag against: modelReviewLines(config). */
  lines: ModelReviewLines;
  /** For "today"; tests pass a fixed clock. */
  now?: number;
}

export type ModelDays =
  | { ok: true; database: string; from: string; until: string; rows: PredictionDay[]; flags: ModelFlag[] }
  | { ok: false; database: string; reason: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The window's rows, newest day first, and their flags. The day before the
 * window is read too, so its first day can be compared with the one before;
 * it is neither shown nor flagged.
 */
export async function readModelDays(db: Database, opts: ModelDaysOptions): Promise<ModelDays> {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new RangeError(`days must be a whole number of at least 1, got ${opts.days}`);
  const until = opts.until ?? utcDay(opts.now ?? Date.now());
  if (!DAY.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) throw new RangeError(`until must be a day as YYYY-MM-DD, got ${until}`);
  let from = until;
  for (let i = 1; i < opts.days; i++) from = dayBefore(from);
  const end = utcDay(Date.parse(`${until}T00:00:00Z`) + 86_400_000);
  const read = await db.read((query) => readPredictionDays(query, dayBefore(from), end));
  if (!read.ok) return { ok: false, database: db.name, reason: read.reason };
  const flags = flagModelDays(read.value, opts.lines).filter((f) => f.day >= from);
  return { ok: true, database: db.name, from, until, rows: read.value.filter((r) => r.day >= from), flags };
}
