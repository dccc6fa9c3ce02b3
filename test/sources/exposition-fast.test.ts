// The fast path (exposition-fast.ts) must read every line exactly as the full
// reader does: the same lines, each with a leading blank (which only the full
// reader takes), must give the same exposition.

import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/sources/exposition.js';

const LINES = [
  '# TYPE req counter',
  'req_total{path="/a",code="200"} 12',
  'req_total{path="/a",code="200"} 13',
  'req_total{code="200",path="/a"} 14',
  'req_total{path="/b"} -7 1700000000000',
  'req_total{path="/c"} 1e3',
  'req_total{path="/d"} +Inf',
  'req_total{path="/e"} NaN',
  'req_total{path="/f"} 1234567890123456789',
  'req_total{path="/g"} 0.25 -12',
  'req_total{path="/h"} 007',
  'req_total{path="/i",path="/j"} 1',
  'req_total{__name__="x"} 1',
  'req_total{path="a\\"b\\\\c\\nd"} 2',
  'req_total{path="/k",} 3',
  'req_total{path="/l"} 3 4 5',
  'req_total{path="/m"} 3 x',
  'req_total{path="/n"} 3\t4',
  'req_total{path="/o"} 3 ',
  'req_total{path="/p"} 3\r',
  'req_total{path="/q" } 3',
  'req_total {path="/r"} 3',
  'req_total{path="/s"}  3',
  'req_total{path="/t"}',
  'req_total{path="/u"',
  'req_total{path="/v"} ',
  'req_total{1="x"} 1',
  'req_total{path=/w} 1',
  'gauge_a 1',
  'gauge_a 2',
  'gauge_b -0',
  'gauge_c .5',
  'gauge_d 5.',
  'gauge_e 1e',
  '# TYPE h histogram',
  'h_bucket{le="1"} 1',
  'h_bucket{le="x"} 1',
  'h_bucket{le="+Inf"} -1',
  'h_count 2',
  'h_sum 3',
];

describe('the fast path', () => {
  it('reads every line as the full reader does, errors and duplicates included', () => {
    const text = `${LINES.join('\n')}\n`;
    const slow = `${LINES.map((l) => (l.startsWith('#') ? l : ` ${l}`)).join('\n')}\n`;
    for (const keep of [undefined, (n: string) => n === 'gauge_a' || n === 'h']) {
      const opts = keep ? { keep } : {};
      expect(parseExposition(text, opts)).toEqual(parseExposition(slow, opts));
    }
    // And it is the fast path that was taken: the full reader would have the same text only for these.
    const fast = parseExposition(text);
    expect(fast.samples.find((s) => s.labels.path === '/b')?.value).toBe(-7);
    expect(fast.duplicates.sort()).toEqual(['gauge_a', 'req_total']);
  });

  it('tells apart 100k series it does not keep, and finds the one written twice among them', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `other_total{instance="host-${i % 500}",path="/item/${i}"} ${i}`);
    lines.push('other_total{instance="host-7",path="/item/7"} 1', 'kept 1', 'kept{a="b"} 2');
    const parsed = parseExposition(`${lines.join('\n')}\n`, { keep: (n) => n === 'kept' });
    expect(parsed.samples).toEqual([
      { name: 'kept', labels: {}, value: 1 },
      { name: 'kept', labels: { a: 'b' }, value: 2 },
    ]);
    expect(parsed.duplicates).toEqual(['other_total']);
    expect(parsed.unreadable).toBe(0);
  });
});
