// The exposition parser against the format's reference behaviour: the cases
// of prometheus/common's expfmt text parser, re-expressed as our own fixtures.
// Where the reference rejects a whole scrape for one bad line, gptmon rejects
// that line, counts it as unreadable, and keeps the rest.

import { describe, expect, it } from 'vitest';
import { ExpositionParser, parseExposition } from '../../src/sources/exposition.js';

const one = (text: string) => {
  const e = parseExposition(text);
  return { samples: e.samples.map((s) => [s.name, s.labels, s.value]), unreadable: e.unreadable, errors: e.errors.map((x) => x.message), types: e.types };
};

describe('valid input is read as the reference reads it', () => {
  it('empty lines, minimal samples, a timestamp, empty braces', () => {
    expect(one('\n\nminimal_metric 1.234\nanother_metric -3e3 103948\n# Even that:\nno_labels{} 3\n# HELP line for non-existing metric will be ignored.\n')).toEqual({
      samples: [
        ['minimal_metric', {}, 1.234],
        ['another_metric', {}, -3000],
        ['no_labels', {}, 3],
      ],
      unreadable: 0,
      errors: [],
      types: {},
    });
  });

  it('whitespace anywhere it may be: before {, around = and ,, tabs, a trailing comma, leading blanks on comments', () => {
    const r = one('# TYPE name counter\nname{labelname="val1",basename="basevalue"} NaN\nname {labelname="val2",basename="base\\"v\\\\al\\nue"} 0.23 1234567890\n # HELP  name2  \tdoc str"ing 2\n  #    TYPE    name2 gauge\nname2{labelname="val2"\t,basename   =   "basevalue2"\t\t} +Inf 54321\nname2{ labelname = "val1" , }-Inf\n');
    expect(r.unreadable).toBe(0);
    expect(r.types).toEqual({ name: 'counter', name2: 'gauge' });
    expect(r.samples).toEqual([
      ['name', { labelname: 'val1', basename: 'basevalue' }, NaN],
      ['name', { labelname: 'val2', basename: 'base"v\\al\nue' }, 0.23],
      ['name2', { labelname: 'val2', basename: 'basevalue2' }, Infinity],
      ['name2', { labelname: 'val1' }, -Infinity],
    ]);
  });

  it('lowercase nan and infinities, as Go reads them', () => {
    expect(one('a nan\nb +inf\nc -inf\nd Inf\n').samples.map((s) => s[2])).toEqual([NaN, Infinity, -Infinity, Infinity]);
  });

  it('an OpenMetrics exemplar after the value is not part of it', () => {
    expect(one('lat_bucket{le="0.5"} 12 # {trace_id="abc"} 0.42 1700000000\n').samples).toEqual([['lat_bucket', { le: '0.5' }, 12]]);
  });

  it('a summary and a histogram with their families', () => {
    const r = one('# TYPE my_summary summary\nmy_summary{n1="val1",quantile="0.5"} 110\nmy_summary_count{n1="val1"} 42\nmy_summary_sum{n1="val1"} 4711 2\n# TYPE request_duration_microseconds histogram\nrequest_duration_microseconds_bucket{le="100"} 123\nrequest_duration_microseconds_bucket{le="+Inf"} 2693\nrequest_duration_microseconds_sum 1.7560473e+06\nrequest_duration_microseconds_count 2693\n');
    expect(r.unreadable).toBe(0);
    expect(r.samples).toHaveLength(7);
    expect(r.types).toEqual({ my_summary: 'summary', request_duration_microseconds: 'histogram' });
  });

  it('quoted (UTF-8) metric and label names', () => {
    expect(one('{"my.noncompliant.metric","label.name"="value"} 1\n{labelname="value", "other.metric"} 2\n').samples).toEqual([
      ['my.noncompliant.metric', { 'label.name': 'value' }, 1],
      ['other.metric', { labelname: 'value' }, 2],
    ]);
  });

  it('UTF-8 in label values, and a value with an exponent', () => {
    expect(one('{"gauge.name","name.1"="Björn","name*2"="佖佥"} 3.14e+42\n').samples).toEqual([['gauge.name', { 'name.1': 'Björn', 'name*2': '佖佥' }, 3.14e42]]);
  });
});

describe('invalid lines are rejected, counted, and the rest kept', () => {
  it.each([
    ['an invalid escape sequence', 'metric{label="\\t"} 3.14', 'invalid escape sequence'],
    ['an invalid label name', 'metric{@="bla"} 3.14', 'invalid label name'],
    ['__name__ as a label', 'metric{__name__="bla"} 3.14', 'label name "__name__" is reserved'],
    ['no = after a label name', 'metric{label+="bla"} 3.14', "expected '=' after label name"],
    ['an unquoted label value', 'metric{label=bla} 3.14', 'expected \'"\' at start of label value'],
    ['junk after a label value', 'metric{label="bla"+} 3.14', 'expected , or } after a label value'],
    ['a missing comma', 'metric{a="x" b="y"} 3.14', 'expected , or } after a label value'],
    ['a duplicate label', 'metric{label="bla",label="bla"} 3.14', 'duplicate label name "label"'],
    ['a float as timestamp', 'metric{label="bla"} 3.14 2.72', 'expected integer as timestamp'],
    ['a string after the timestamp', 'metric{label="bla"} 3.14 2 3', 'spurious string after timestamp'],
    ['a value that is not a float', 'metric{label="bla"} blubb', 'expected float as value, got "blubb"'],
    ['no metric name', '{label="bla"} 3.14 2', 'invalid metric name'],
    ['an invalid metric name', '@invalidmetric{label="bla"} 3.14 2', 'invalid metric name'],
    ['empty braces and no name', '{} 3.14', 'invalid metric name'],
    ['two quoted metric names', '{"one.name","another.name"} 3.14', 'multiple metric names'],
    ['an unterminated label value', 'metric{label="bla} 3.14', 'unexpected end of label value'],
    ['underscores in a number', 'foo 1_2', 'expected float as value, got "1_2"'],
    ['a hex float', 'foo 0x1p-3', 'expected float as value, got "0x1p-3"'],
    ['a binary literal', 'foo 0b1', 'expected float as value, got "0b1"'],
  ])('%s', (_what, line, message) => {
    const r = one(`good 1\n${line}\nalso_good 2\n`);
    expect(r.errors).toEqual([message]);
    expect(r.unreadable).toBe(1);
    expect(r.samples.map((s) => s[0])).toEqual(['good', 'also_good']);
  });

  it('an unknown metric type', () => {
    expect(one('# TYPE metric bla\nmetric 1\n')).toMatchObject({ unreadable: 1, errors: ['unknown metric type "bla"'] });
  });

  it('a histogram bucket without a float le, a negative bucket, a negative count', () => {
    const r = one('# TYPE h histogram\nh_bucket{le="bla"} 3\nh_bucket{le="0x1p-3"} 3\nh_bucket{le="1"} -412\nh_bucket{le="+Inf"} 5\nh_sum 1\nh_count -5\n');
    expect(r.errors).toEqual(["expected float as value for 'le' label", "expected float as value for 'le' label", 'negative bucket population for histogram "h"', 'negative count for histogram "h"']);
    expect(r.samples.map((s) => s[0])).toEqual(['h_bucket', 'h_sum']);
  });

  it('a summary quantile that is not a float', () => {
    expect(one('# TYPE s summary\ns{quantile="bla"} 3.14\n')).toMatchObject({ unreadable: 1, errors: ["expected float as value for 'quantile' label"] });
  });

  it('the same series twice is reported as a duplicate, the first kept', () => {
    const e = parseExposition('portfolio_drawdown 0.1\nportfolio_drawdown 0.2\nx{a="1"} 1\nx{a="2"} 2\n');
    expect(e.duplicates).toEqual(['portfolio_drawdown']);
    expect(e.samples.map((s) => [s.name, s.value])).toEqual([
      ['portfolio_drawdown', 0.1],
      ['x', 1],
      ['x', 2],
    ]);
  });

  it('a body in pieces, cut anywhere, reads as the whole', () => {
    const text = 'a{x="1"} 1\nb 2\n# TYPE h histogram\nh_bucket{le="+Inf"} 3\nbad{ 1\nlast 4';
    const whole = parseExposition(text);
    for (let cut = 1; cut < text.length; cut++) {
      const p = new ExpositionParser();
      p.push(text.slice(0, cut));
      p.push(text.slice(cut));
      expect(p.end(), `cut at ${cut}`).toEqual(whole);
    }
    expect(whole.samples.map((s) => s.name)).toEqual(['a', 'b', 'h_bucket', 'last']);
    expect(whole.errors).toEqual([{ line: 5, message: 'invalid label name' }]);
  });
});
