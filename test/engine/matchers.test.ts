import { describe, expect, it } from 'vitest';
import { matcherMatches, matcherProblem, matchesAll, matcherText, type LabelMatcher } from '../../src/engine/matchers.js';

const eq = (name: string, value: string): LabelMatcher => ({ name, value, isRegex: false, isEqual: true });
const ne = (name: string, value: string): LabelMatcher => ({ name, value, isRegex: false, isEqual: false });
const re = (name: string, value: string): LabelMatcher => ({ name, value, isRegex: true, isEqual: true });
const nre = (name: string, value: string): LabelMatcher => ({ name, value, isRegex: true, isEqual: false });

// Alertmanager's own rules (pkg/labels): =, !=, =~, !~; a regex anchored at
// both ends; an absent label reads as "".
describe('label matchers, as Alertmanager runs them', () => {
  const labels = { alertname: 'ExcessiveDrawdown', instance: '127.0.0.1:8080', job: 'gpt-trader' };

  it('= and != compare the whole value; an absent label is ""', () => {
    expect(matchesAll([eq('alertname', 'ExcessiveDrawdown')], labels)).toBe(true);
    expect(matchesAll([eq('alertname', 'Excessive')], labels)).toBe(false);
    expect(matchesAll([ne('alertname', 'DrawdownWarning')], labels)).toBe(true);
    expect(matchesAll([ne('alertname', 'ExcessiveDrawdown')], labels)).toBe(false);
    expect(matchesAll([eq('desk', '')], labels)).toBe(true);
    expect(matchesAll([ne('desk', '')], labels)).toBe(false);
  });

  it('=~ is anchored at both ends, as ^(?:…)$', () => {
    expect(matchesAll([re('alertname', 'Excessive.*')], labels)).toBe(true);
    expect(matchesAll([re('alertname', 'Excessive')], labels)).toBe(false);
    expect(matchesAll([re('alertname', 'Drawdown')], labels)).toBe(false);
    // Alternation stays inside the anchors: not "^Foo" or "Drawdown$".
    expect(matchesAll([re('alertname', 'Foo|Drawdown')], labels)).toBe(false);
    expect(matchesAll([re('alertname', 'Foo|ExcessiveDrawdown')], labels)).toBe(true);
    expect(matchesAll([re('desk', '')], labels)).toBe(true);
  });

  it('RE2 syntax: (?i), classes, \\d', () => {
    expect(matchesAll([re('alertname', '(?i)excessivedrawdown')], labels)).toBe(true);
    expect(matchesAll([re('alertname', 'excessivedrawdown')], labels)).toBe(false);
    expect(matchesAll([re('instance', '127\\.0\\.0\\.1:\\d+')], labels)).toBe(true);
    expect(matchesAll([re('alertname', '[[:alpha:]]+')], labels)).toBe(true);
  });

  it('!~ is the negation of the anchored match', () => {
    expect(matchesAll([nre('alertname', 'Drawdown.*')], labels)).toBe(true);
    expect(matchesAll([nre('alertname', 'Excessive.*')], labels)).toBe(false);
    expect(matchesAll([eq('job', 'gpt-trader'), nre('alertname', 'Drawdown.*')], labels)).toBe(true);
    expect(matchesAll([eq('job', 'gpt-trader'), nre('alertname', 'Drawdown.*')], { ...labels, alertname: 'DrawdownWarning' })).toBe(false);
  });

  it('every matcher must agree, several on one label too', () => {
    expect(matchesAll([re('instance', '127.*'), ne('instance', '127.0.0.1:9090')], labels)).toBe(true);
    expect(matchesAll([re('instance', '127.*'), ne('instance', '127.0.0.1:8080')], labels)).toBe(false);
  });

  it('a regex RE2 cannot read matches nothing, negated or not, and says why', () => {
    for (const m of [re('alertname', '(unclosed'), nre('alertname', '(unclosed'), re('alertname', 'a{1001}')]) {
      expect(matcherMatches(m, 'ExcessiveDrawdown')).toBe(false);
      expect(matcherMatches(m, '')).toBe(false);
      expect(matcherProblem(m)).toMatch(/missing closing \)|invalid repeat count/);
    }
    expect(matcherProblem(re('alertname', 'ok.*'))).toBeUndefined();
    expect(matcherProblem(eq('alertname', '(not a regex'))).toBeUndefined();
  });

  it('a pathological regex answers, and answers false, on text that would make a backtracking engine run for hours', () => {
    // A JavaScript RegExp takes 18 s on the 17 characters of "ExcessiveDrawdown"; this is 60.
    const value = 'ExcessiveDrawdown'.repeat(3) + 'x'.repeat(9);
    expect(matcherMatches(re('alertname', '((.+)+)+Z'), value)).toBe(false);
    expect(matcherMatches(re('alertname', '(a|aa)*b'), 'a'.repeat(60))).toBe(false);
    expect(matcherMatches(re('alertname', '(x+x+)+y'), 'x'.repeat(60))).toBe(false);
    expect(matcherMatches(nre('alertname', '((.+)+)+Z'), value)).toBe(true);
  });

  it('reads as amtool writes it', () => {
    expect([eq('a', 'x'), ne('a', 'x'), re('a', 'x.*'), nre('a', 'x.*')].map(matcherText)).toEqual(['a="x"', 'a!="x"', 'a=~"x.*"', 'a!~"x.*"']);
  });
});
