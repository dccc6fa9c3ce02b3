import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/sources/exposition.js';
import { histogramOf, sampleOf } from '../../src/engine/samples.js';

const recorded = readFileSync(new URL('../fixtures/trader-metrics.txt', import.meta.url), 'utf8');

describe('the exposition parser', () => {
  it('reads a recorded trader scrape: every contract metric, no errors', () => {
    const e = parseExposition(recorded);
    expect(e.errors).toEqual([]);
    for (const name of ['portfolio_value', 'portfolio_drawdown', 'daily_return', 'sharpe_ratio', 'win_rate', 'model_accuracy', 'model_error_rate', 'prediction_confidence', 'api_error_rate', 'database_connections', 'cpu_usage', 'memory_usage', 'disk_usage', 'trading_enabled', 'open_positions', 'total_exposure', 'largest_position', 'var_95', 'expected_shortfall', 'position_concentration', 'consecutive_losses']) {
      expect(sampleOf(e.samples, name), name).toBeDefined();
    }
    expect(e.types.api_latency_seconds).toBe('histogram');
    const h = histogramOf(e.samples, 'api_latency_seconds')!;
    expect(h.buckets.at(-1)!.le).toBe(Infinity);
    expect(h.buckets.at(-1)!.count).toBe(h.count);
    expect(h.buckets.map((b) => b.le)).toContain(0.5);
  });

  it('reads every metric type', () => {
    const e = parseExposition(
      [
        '# TYPE g gauge',
        'g 1.5',
        '# TYPE c counter',
        'c_total 10 1700000000000',
        '# TYPE s summary',
        's{quantile="0.99"} 0.2',
        's_sum 3',
        's_count 7',
        'u 4e-3',
        '# TYPE h histogram',
        'h_bucket{le="0.1"} 1',
        'h_bucket{le="+Inf"} 3',
        'h_sum 0.9',
        'h_count 3',
      ].join('\n'),
    );
    expect(e.errors).toEqual([]);
    expect(e.types).toEqual({ g: 'gauge', c: 'counter', s: 'summary', h: 'histogram' });
    expect(e.samples.map((s) => [s.name, s.value])).toEqual([
      ['g', 1.5],
      ['c_total', 10],
      ['s', 0.2],
      ['s_sum', 3],
      ['s_count', 7],
      ['u', 0.004],
      ['h_bucket', 1],
      ['h_bucket', 3],
      ['h_sum', 0.9],
      ['h_count', 3],
    ]);
    expect(histogramOf(e.samples, 'h')).toEqual({ buckets: [{ le: 0.1, count: 1 }, { le: Infinity, count: 3 }], sum: 0.9, count: 3 });
  });

  it('unescapes label values', () => {
    const e = parseExposition('m{path="C:\\\\dir",msg="say \\"hi\\"\\nbye",empty=""} 1\n');
    expect(e.samples[0]!.labels).toEqual({ path: 'C:\\dir', msg: 'say "hi"\nbye', empty: '' });
  });

  it('reads NaN and infinities', () => {
    const e = parseExposition('a NaN\nb +Inf\nc -Inf\n');
    expect(Number.isNaN(e.samples[0]!.value)).toBe(true);
    expect(e.samples[1]!.value).toBe(Infinity);
    expect(e.samples[2]!.value).toBe(-Infinity);
  });

  it('skips garbage lines with a note and keeps the rest', () => {
    const e = parseExposition('good 1\n<html>\n{oops} 2\nbad{l="x} 3\nnovalue\nx{a="1"} notanumber\nalso_good 2\n');
    expect(e.samples.map((s) => s.name)).toEqual(['good', 'also_good']);
    expect(e.errors.map((x) => x.line)).toEqual([2, 3, 4, 5, 6]);
  });
});
