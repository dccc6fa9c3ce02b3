import { describe, expect, it } from 'vitest';
import { conditionMetrics, formatCondition, parseCondition } from '../../src/config/condition.js';

describe('alert conditions', () => {
  it('reads every condition of the playbook', () => {
    const cases: Array<[string, string[]]> = [
      ['up{job="gpt-trader"} == 0', ['up']],
      ['portfolio_drawdown > 0.15', ['portfolio_drawdown']],
      ['model_error_rate > 0.10', ['model_error_rate']],
      ['model_accuracy < 0.55 OR sharpe_ratio < 0.8', ['model_accuracy', 'sharpe_ratio']],
      ['api_error_rate > 0.05', ['api_error_rate']],
    ];
    for (const [text, metrics] of cases) {
      const r = parseCondition(text);
      expect(r.ok, text).toBe(true);
      if (r.ok) expect(conditionMetrics(r.condition)).toEqual(metrics);
    }
  });

  it('keeps labels, operators and negative numbers', () => {
    const r = parseCondition('up{job="gpt-trader", instance="a:1"} == 0');
    expect(r).toMatchObject({ ok: true, condition: { kind: 'compare', metric: 'up', labels: { job: 'gpt-trader', instance: 'a:1' }, op: '==', value: 0 } });
    expect(parseCondition('daily_return < -0.05')).toMatchObject({ ok: true, condition: { op: '<', value: -0.05 } });
  });

  it('binds AND tighter than OR', () => {
    const r = parseCondition('a > 1 or b > 2 and c > 3');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.condition).toMatchObject({ kind: 'or', terms: [{ kind: 'compare', metric: 'a' }, { kind: 'and', terms: [{ metric: 'b' }, { metric: 'c' }] }] });
      expect(formatCondition(r.condition)).toBe('a > 1 OR (b > 2 AND c > 3)');
    }
  });

  it.each([
    ['portfolio_drawdown >', 'expected a number after >', 21],
    ['> 0.15', 'expected a metric name', 1],
    ['portfolio_drawdown 0.15', 'expected a comparison', 20],
    ['a > 1 b > 2', 'unexpected "b"', 7],
    ['rate(x[5m]) > 1', 'expected a comparison', 5],
    ['up{job=gpt} == 0', 'cannot read label matcher', 3],
  ])('%s is refused at its column', (text, reason, column) => {
    const r = parseCondition(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(reason);
      expect(r.column).toBe(column);
    }
  });
});
