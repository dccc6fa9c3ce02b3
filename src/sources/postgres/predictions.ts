// performance.predictions (contract §1): first its columns, from
// information_schema, so a table that is missing or differs says which column
// is wrong instead of failing half-way through the query; then the playbook's
// query, by UTC day and model.

import { DbProblem, type Query } from './database.js';

export const PREDICTIONS_TABLE = { schema: 'performance', table: 'predictions' } as const;

/** The columns the review reads, and the types each may have (the contract's first). */
const COLUMNS: Record<string, readonly string[]> = {
  prediction_time: ['timestamp with time zone', 'timestamp without time zone'],
  model_id: ['text', 'character varying', 'character'],
  predicted: ['integer', 'smallint', 'bigint'],
  actual: ['integer', 'smallint', 'bigint'],
  confidence: ['double precision', 'real', 'numeric'],
};

/** One model on one UTC day, as the database counts it. */
export interface PredictionDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  modelId: string;
  predictions: number;
  /** Predictions whose outcome is known (`actual` not null): what accuracy is taken over. */
  resolved: number;
  /** Share of resolved predictions that were right; null when none is resolved yet. */
  accuracy: number | null;
  confidenceMean: number | null;
  /** Sample standard deviation (the playbook's STDDEV); null for a single prediction. */
  confidenceStd: number | null;
}

/** Throws DbProblem naming the table or the column that does not fit. */
export async function checkPredictionsTable(query: Query): Promise<void> {
  const rows = await query<{ column_name: string; data_type: string }>(
    'SELECT column_name::text AS column_name, data_type::text AS data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
    [PREDICTIONS_TABLE.schema, PREDICTIONS_TABLE.table],
  );
  const name = `${PREDICTIONS_TABLE.schema}.${PREDICTIONS_TABLE.table}`;
  if (!rows.length) throw new DbProblem(`table ${name} does not exist (or this user may not read it)`);
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
  const wrong: string[] = [];
  for (const [column, allowed] of Object.entries(COLUMNS)) {
    const type = types.get(column);
    if (type === undefined) wrong.push(`column ${column} is missing (expected ${allowed[0]})`);
    else if (!allowed.includes(type)) wrong.push(`column ${column} is ${type}, expected ${allowed[0]}`);
  }
  if (wrong.length) throw new DbProblem(`table ${name}: ${wrong.join('; ')}`);
}

const DAYS_SQL = `
SELECT to_char(prediction_time::date, 'YYYY-MM-DD') AS day,
       coalesce(model_id::text, '(none)') AS model_id,
       count(*)::int AS predictions,
       count(actual)::int AS resolved,
       (avg(CASE WHEN actual = predicted THEN 1.0 ELSE 0.0 END) FILTER (WHERE actual IS NOT NULL))::float8 AS accuracy,
       avg(confidence)::float8 AS confidence_mean,
       stddev(confidence)::float8 AS confidence_std
  FROM performance.predictions
 WHERE prediction_time >= $1 AND prediction_time < $2
 GROUP BY 1, 2
 ORDER BY 1 DESC, 2
 LIMIT 5000`;

/** By day and model from `from` (a UTC day, included) to `to` (excluded), newest day first. */
export async function readPredictionDays(query: Query, from: string, to: string): Promise<PredictionDay[]> {
  await checkPredictionsTable(query);
  // Days are UTC whatever the server's zone (a timestamp without time zone is taken as UTC).
  await query("SELECT set_config('TimeZone', 'UTC', true)");
  const rows = await query<{ day: string; model_id: string; predictions: number; resolved: number; accuracy: number | null; confidence_mean: number | null; confidence_std: number | null }>(DAYS_SQL, [`${from} 00:00:00+00`, `${to} 00:00:00+00`]);
  return rows.map((r) => ({
    day: r.day,
    modelId: r.model_id,
    predictions: r.predictions,
    resolved: r.resolved,
    accuracy: r.accuracy,
    confidenceMean: r.confidence_mean,
    confidenceStd: r.confidence_std,
  }));
}
