// The simulator's embedded database (PGlite over the wire protocol): it
// listens at once and says it is starting up, then answers the review's query
// with a week of predictions for two models whose figures match what is
// computed here from its raw rows; model-degradation lowers the live model's
// accuracy in the database as on /metrics.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { modelReviewLines, openDatabase, readModelDays } from '../../src/review/model-days.js';
import { startSim, SIM_MODEL_IDS, type RunningSim } from '../../src/sim/index.js';
import { runCli } from '../helpers/cli.js';
import { expectedDays } from '../review/seed-predictions.js';

let sim: RunningSim;
let url: string;
const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

interface JsonReview {
  rows: Array<{ day: string; modelId: string; predictions: number; resolved: number; accuracy: number | null; confidenceMean: number; confidenceStd: number | null }>;
  flags: Array<{ day: string; modelId: string; kind: string }>;
}

beforeAll(async () => {
  sim = await startSim({ port: 0, token: 't', manualClock: true, seed: 3, database: { port: 0 } });
  url = sim.database!.url;
});
afterAll(async () => sim?.close());

describe("the simulator's database", () => {
  it('listens at once and says it is starting up, as PostgreSQL does', async () => {
    expect(sim.database!.state()).toBe('starting');
    const { config } = loadConfig({ database: url }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    const db = openDatabase(config.database!);
    try {
      const read = await readModelDays(db, { days: 1, lines: modelReviewLines(config) });
      expect(read).toEqual({ ok: false, database: url, reason: `database ${url}: the database is starting up; try again in a few seconds` });
    } finally {
      await db.close();
    }
  });

  it('answers the review with a week of both models, the figures as computed here from its rows', async () => {
    const started = await sim.database!.ready;
    expect(sim.database!.state()).toBe('ready');
    expect(started.rows).toBeGreaterThan(7 * 2 * 700);
    const r = await runCli(['review', 'models', '--json', '--until', yesterday(), '--database', url], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonReview;
    expect(doc.flags).toEqual([]);
    expect(new Set(doc.rows.map((x) => x.modelId))).toEqual(new Set(Object.values(SIM_MODEL_IDS)));
    expect(doc.rows).toHaveLength(14);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const raw = await client.query<{ t: Date; model_id: string; predicted: number; actual: number | null; confidence: number }>('SELECT prediction_time AS t, model_id, predicted, actual, confidence FROM performance.predictions');
      const want = expectedDays(raw.rows.map((x) => ({ time: x.t.toISOString(), model: x.model_id, predicted: x.predicted, actual: x.actual, confidence: x.confidence }))).filter((e) => doc.rows.some((g) => g.day === e.day));
      expect(doc.rows.map((g) => [g.day, g.modelId, g.predictions, g.resolved])).toEqual(want.map((e) => [e.day, e.modelId, e.predictions, e.resolved]));
      doc.rows.forEach((g, i) => {
        expect(g.accuracy).toBeCloseTo(want[i]!.accuracy!, 10);
        expect(g.confidenceStd).toBeCloseTo(want[i]!.confidenceStd!, 10);
        // A calm week: each model within a point and a half of its own level, well clear of the 55% line.
        expect(g.accuracy!).toBeGreaterThan(0.56);
      });
    } finally {
      await client.end();
    }
  }, 180_000);

  it('model-degradation: the live model\'s accuracy falls in the database, flagged; the model in shadow is not', async () => {
    await sim.database!.ready;
    const before = await todays();
    sim.setScenario('model-degradation');
    for (let s = 0; s < 40; s += 5) sim.advance(5);
    await sim.database!.sync(); // the drift, written
    sim.advance(1000); // a thousand seconds at the degraded accuracy
    await sim.database!.sync();
    const after = await todays();
    const primary = (rows: JsonReview['rows']) => rows.find((x) => x.modelId === SIM_MODEL_IDS.primary)!;
    expect(primary(after.rows).predictions).toBeGreaterThan(primary(before.rows).predictions + 4000);
    expect(primary(after.rows).accuracy!).toBeLessThan(0.55);
    expect(after.code).toBe(1);
    expect(after.flags.filter((f) => f.modelId === SIM_MODEL_IDS.primary).map((f) => f.kind)).toContain('below-line');
    expect(after.flags.filter((f) => f.modelId === SIM_MODEL_IDS.fallback)).toEqual([]);
  }, 180_000);
});

async function todays(): Promise<JsonReview & { code: number | null }> {
  const r = await runCli(['review', 'models', '--json', '--days', '1', '--until', today(), '--database', url], { timeoutMs: 20_000 });
  expect(r.stderr).toBe('');
  return { ...(JSON.parse(r.stdout) as JsonReview), code: r.code };
}
