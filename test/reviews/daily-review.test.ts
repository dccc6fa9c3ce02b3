// The daily review's decision: the playbook's three checks against the
// config's warning lines, a figure not read never passing, risk limits
// against the day's peaks, the P&L, and the alerts with durations and who
// acknowledged them.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Event } from '../../src/incidents/types.js';
import { alertRuns, dailyReview, detailOf, type Figure, type FigureName } from '../../src/reviews/daily-review.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const START = Date.parse('2026-11-24T00:00:00Z');
const END = START + 86_400_000;

const CALM: Record<FigureName, number> = {
  trades: 840, win_rate: 0.53, daily_return: 0.01, portfolio_value: 1_010_000, sharpe_ratio: 1.4, max_drawdown: 0.04, model_accuracy: 0.62,
  cpu_usage: 0.5, memory_usage: 0.6, disk_usage: 0.4, database_connections: 30, total_exposure: 500_000, largest_position: 120_000, var_95: 9000, position_concentration: 0.3,
};

const figures = (over: Partial<Record<FigureName, number | undefined>> = {}): Record<FigureName, Figure> =>
  Object.fromEntries(Object.entries({ ...CALM, ...over }).map(([k, v]) => [k, v === undefined ? { basis: 'day', error: 'no data for the day' } : { basis: 'day', value: v }])) as Record<FigureName, Figure>;

const review = (f: Record<FigureName, Figure>, events: Event[] = []) => dailyReview({ date: '2026-11-24', start: START, end: END, partial: false, basis: 'day', figures: f, events, config });

describe('the daily review', () => {
  it('a calm day: no issues, exit 0, the P&L from the return and the value', () => {
    const r = review(figures());
    expect(r.issues).toEqual([]);
    expect(r.code).toBe(0);
    // 1,010,000 now, 1% up: the day opened at 1,000,000.
    expect(r.pnl).toBeCloseTo(10_000, 6);
    expect(r.limits.map((l) => l.state)).toEqual(['within', 'within', 'within', 'within']);
  });

  it("the playbook's three checks at the config's warning lines: under is an issue, exit 1", () => {
    const r = review(figures({ win_rate: 0.47, sharpe_ratio: 0.79, model_accuracy: 0.549 }));
    expect(r.issues).toEqual(['Low win rate: 47.00% (line 48%)', 'Low Sharpe ratio: 0.79 (line 0.8)', 'Low model accuracy: 54.90% (line 55%)']);
    expect(r.code).toBe(1);
    // At the line exactly is not under it.
    expect(review(figures({ win_rate: 0.48, sharpe_ratio: 0.8, model_accuracy: 0.55 })).issues).toEqual([]);
  });

  it("a team's own line is the one checked", () => {
    const { config: team } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    team.metrics.win_rate = { ...team.metrics.win_rate!, warning: 0.6 };
    const r = dailyReview({ date: '2026-11-24', start: START, end: END, partial: false, basis: 'day', figures: figures(), events: [], config: team });
    expect(r.issues).toEqual(['Low win rate: 53.00% (line 60%)']);
  });

  it('a check whose figure was not read is an issue, never a pass', () => {
    const r = review(figures({ model_accuracy: undefined }));
    expect(r.checks.find((c) => c.figure === 'model_accuracy')?.state).toBe('unknown');
    expect(r.issues).toEqual(['Model accuracy could not be read: no data for the day']);
    expect(r.code).toBe(1);
  });

  it('nothing read at all: exit 3', () => {
    const none = Object.fromEntries(Object.keys(CALM).map((k) => [k, undefined]));
    expect(review(figures(none)).code).toBe(3);
  });

  it("a risk limit passed at the day's peak is an issue; near it is said, not an issue", () => {
    const r = review(figures({ total_exposure: 1_200_000, var_95: 21_000 }));
    expect(r.limits.map((l) => [l.key, l.state])).toEqual([['max_exposure', 'over'], ['max_position_size', 'within'], ['max_var', 'near'], ['max_concentration', 'within']]);
    expect(r.issues).toEqual(['Risk limit max_exposure passed: Exposure $1.20M > $1.00M']);
    expect(review(figures({ var_95: undefined })).limits.find((l) => l.key === 'max_var')?.state).toBe('unknown');
  });

  it('the alerts that fired that day, each with how long and who acknowledged it', () => {
    const t = (h: number) => START + h * 3_600_000;
    const key = 'RiskLimitExceeded{instance="t:1",job="gpt-trader",limit="max_var"}';
    const events: Event[] = [
      { kind: 'alert-firing', time: t(2), operator: '—', host: 'h', key: 'f1', alert: { name: 'RiskLimitExceeded', key, severity: 'high', at: t(2) } },
      // Seen again by a second console: one run.
      { kind: 'alert-firing', time: t(2), operator: '—', host: 'h2', key: 'f1b', alert: { name: 'RiskLimitExceeded', key, severity: 'high', at: t(2) } },
      { kind: 'ack', time: t(2.1), operator: 'ana', host: 'h', ack: { alert: 'RiskLimitExceeded', forMs: 3_600_000, comment: '', where: 'local' } },
      { kind: 'alert-resolved', time: t(2.5), operator: '—', host: 'h', key: 'r1', alert: { name: 'RiskLimitExceeded', key, severity: 'high', at: t(2.5) } },
      { kind: 'alert-firing', time: t(23), operator: '—', host: 'h', key: 'f2', alert: { name: 'HighCPU', key: 'HighCPU', severity: 'medium', at: t(23) } },
      // The day before: not this day's.
      { kind: 'alert-firing', time: t(-1), operator: '—', host: 'h', key: 'f0', alert: { name: 'DiskSpaceLow', key: 'DiskSpaceLow', severity: 'low', at: t(-1) } },
    ];
    expect(alertRuns(events, START, END)).toEqual([
      { name: 'RiskLimitExceeded', severity: 'high', key, detail: 'limit=max_var', firedAt: t(2), resolvedAt: t(2.5), ackedBy: ['ana'] },
      { name: 'HighCPU', severity: 'medium', key: 'HighCPU', detail: '', firedAt: t(23), ackedBy: [] },
    ]);
  });

  it("today's review lists the last 24 hours' alerts: the night before included", () => {
    const evening = START - 3 * 3_600_000;
    const events: Event[] = [{ kind: 'alert-firing', time: evening, operator: '—', host: 'h', key: 'f', alert: { name: 'HighCPU', key: 'HighCPU', severity: 'medium', at: evening } }];
    const base = { date: '2026-11-24', start: START, end: START + 8 * 3_600_000, partial: true, basis: 'now' as const, figures: figures(), events, config };
    expect(dailyReview(base).alerts).toEqual([]);
    const today = dailyReview({ ...base, alertsFrom: base.end - 86_400_000 });
    expect(today.alerts.map((a) => a.name)).toEqual(['HighCPU']);
    expect(today.alertsFrom).toBe(base.end - 86_400_000);
  });

  it('detailOf keeps what tells an alert apart, not job and instance', () => {
    expect(detailOf('A{desk="fx",instance="x:1",job="j"}')).toBe('desk=fx');
    expect(detailOf('A')).toBe('');
  });
});
