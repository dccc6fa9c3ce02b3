// The flags `review models` raises, on rows made here: the accuracy line (and
// the critical one), a fall of more than 5 points from the model's previous
// day, and a confidence spread that doubled, each at its edge.

import { describe, expect, it } from 'vitest';
import { dayBefore, flagModelDays, flagText, modelReviewLines, type ModelReviewLines, type PredictionDay } from '../../src/engine/model-review.js';
import { loadConfig } from '../../src/config/load.js';

const LINES: ModelReviewLines = { accuracyWarning: 0.55, accuracyCritical: 0.52, dropPoints: 0.05, spreadFactor: 2 };

const day = (d: string, modelId: string, accuracy: number | null, confidenceStd: number | null = 0.1): PredictionDay => ({
  day: d,
  modelId,
  predictions: 100,
  resolved: accuracy === null ? 0 : 100,
  accuracy,
  confidenceMean: 0.7,
  confidenceStd,
});

const kinds = (rows: PredictionDay[], lines = LINES) => flagModelDays(rows, lines).map((f) => `${f.day} ${f.modelId} ${f.kind} ${f.level}`);

describe('model review flags', () => {
  it('under the warning line is a warning, under the critical line critical; on the line is not flagged', () => {
    expect(kinds([day('2026-03-02', 'a', 0.55), day('2026-03-02', 'b', 0.549), day('2026-03-02', 'c', 0.519)])).toEqual(['2026-03-02 b below-line warning', '2026-03-02 c below-line critical']);
  });

  it('a fall of exactly 5 points is not "more than 5"; 5.1 is', () => {
    expect(kinds([day('2026-03-02', 'a', 0.6), day('2026-03-01', 'a', 0.65)])).toEqual([]);
    expect(kinds([day('2026-03-02', 'a', 0.599), day('2026-03-01', 'a', 0.65)])).toEqual(['2026-03-02 a drop warning']);
  });

  it('compares with the same model on the day before only, not another model or an older day', () => {
    expect(kinds([day('2026-03-03', 'a', 0.6), day('2026-03-02', 'b', 0.7), day('2026-03-01', 'a', 0.7)])).toEqual([]);
  });

  it('a spread that doubled is flagged; just under double is not; from nothing it cannot double', () => {
    expect(kinds([day('2026-03-02', 'a', 0.6, 0.2), day('2026-03-01', 'a', 0.6, 0.1)])).toEqual(['2026-03-02 a spread warning']);
    expect(kinds([day('2026-03-02', 'a', 0.6, 0.199), day('2026-03-01', 'a', 0.6, 0.1)])).toEqual([]);
    expect(kinds([day('2026-03-02', 'a', 0.6, 0.2), day('2026-03-01', 'a', 0.6, 0)])).toEqual([]);
    expect(kinds([day('2026-03-02', 'a', 0.6, 0.2), day('2026-03-01', 'a', 0.6, null)])).toEqual([]);
  });

  it('a day with no outcomes yet has no accuracy to judge', () => {
    expect(kinds([day('2026-03-02', 'a', null), day('2026-03-01', 'a', 0.7)])).toEqual([]);
  });

  it('newest day first, then model, then kind; the words of each flag', () => {
    const flags = flagModelDays([day('2026-03-01', 'a', 0.5), day('2026-03-02', 'b', 0.4, 0.3), day('2026-03-01', 'b', 0.6, 0.1), day('2026-03-02', 'a', 0.7)], LINES);
    expect(flags.map((f) => `${f.day} ${f.modelId} ${f.kind}`)).toEqual(['2026-03-02 b below-line', '2026-03-02 b drop', '2026-03-02 b spread', '2026-03-01 a below-line']);
    expect(flags.map(flagText)).toEqual([
      'accuracy 40.0% under the critical line (52.0%)',
      'accuracy fell 20.0 points (60.0% on 2026-03-01)',
      "confidence spread 0.300, 3.0x 2026-03-01's 0.100",
      'accuracy 50.0% under the critical line (52.0%)',
    ]);
  });

  it('the lines come from the model_accuracy metric, else the playbook\'s 55%', () => {
    const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    expect(modelReviewLines(config)).toMatchObject({ accuracyWarning: 0.55, dropPoints: 0.05, spreadFactor: 2 });
    expect(modelReviewLines({ metrics: {} })).toEqual({ accuracyWarning: 0.55, dropPoints: 0.05, spreadFactor: 2 });
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
  });
});
