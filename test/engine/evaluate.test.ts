import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/config/condition.js';
import { evaluate, labelKey, type Lookup } from '../../src/engine/evaluate.js';

const condition = (text: string) => {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(r.error);
  return r.condition;
};

describe('a comparison with label matchers', () => {
  const series = [
    { labels: { desk: 'a', job: 'gpt-trader' }, value: 5 },
    { labels: { desk: 'b', job: 'gpt-trader' }, value: 5 },
    { labels: { desk: 'b', job: 'other' }, value: 5 },
    { labels: { desk: 'c', job: 'gpt-trader' }, value: 0 },
  ];
  const lookup: Lookup = (metric) => (metric === 'exposure' ? series : undefined);

  it('keeps only the series carrying every label asked for, and only those past the line', () => {
    const out = evaluate(condition('exposure{desk="b", job="gpt-trader"} > 1'), lookup);
    expect(out.unknown).toBe(false);
    expect(out.instances).toEqual([{ labels: { desk: 'b', job: 'gpt-trader' }, value: 5, line: { op: '>', value: 1 } }]);
    expect([...out.present]).toEqual([labelKey({ desk: 'b', job: 'gpt-trader' })]);
  });

  it('counts a matching series that does not pass as present (so its alert resolves rather than goes)', () => {
    const out = evaluate(condition('exposure{desk="c"} > 1'), lookup);
    expect(out.instances).toEqual([]);
    expect([...out.present]).toEqual([labelKey({ desk: 'c', job: 'gpt-trader' })]);
  });

  it('without matchers keeps every series past the line; a metric not read is unknown', () => {
    expect(evaluate(condition('exposure > 1'), lookup).instances.map((i) => i.labels.desk)).toEqual(['a', 'b', 'b']);
    expect(evaluate(condition('missing > 1'), lookup)).toMatchObject({ unknown: true, instances: [] });
  });
});
