// The commander's checklist: the response flow for the severity first; items
// gptmon saw done ticked with their evidence; a tick by hand has the last
// word; items named by number or words, with the closest ones when nothing
// matches. And the severity suggested from what fires.

import { describe, expect, it } from 'vitest';
import { checklistState, findItem, PLAYBOOK_CHECKLIST } from '../../src/incidents/checklist.js';
import { foldIncident } from '../../src/incidents/incident.js';
import { suggestSev } from '../../src/incidents/suggest.js';
import type { Event, Values } from '../../src/incidents/types.js';
import type { AlertView } from '../../src/engine/types.js';

const T0 = Date.UTC(2026, 10, 25, 3, 10, 0);
const at = (min: number, sec = 0) => T0 + min * 60_000 + sec * 1000;
const values = (t: number, over: Partial<Values> = {}): Values => ({ at: t, trading: 'active', drawdown: 0.168, dailyReturn: -0.031, exposure: 251_000, var95: 8_400, firing: ['DrawdownCritical'], ...over });
const ev = (e: Partial<Event> & Pick<Event, 'kind' | 'time'>): Event => ({ operator: '—', host: 'h', incident: 'INC-20261125-1', ...e });

function incident(extra: Event[], sev: 1 | 2 | 3 | 4 = 2) {
  return foldIncident('INC-20261125-1', [ev({ kind: 'declared', time: at(0), operator: 'ana', sev, title: 'drawdown', values: values(at(0)) }), ...extra])!;
}

describe('checklist', () => {
  it('puts the response flow for the severity first', () => {
    const firstOf = (sev: 1 | 2 | 3 | 4) => checklistState(incident([], sev)).filter((i) => i.section.startsWith('Response')).map((i) => i.text);
    expect(firstOf(1)).toEqual(['Page on-call', 'Name an incident commander', 'Assemble team']);
    expect(firstOf(2)).toEqual(['Notify team', 'Name an incident commander']);
    expect(firstOf(3)).toEqual(['Create ticket']);
    expect(firstOf(4)).toEqual(['Create ticket']);
    const all = checklistState(incident([], 2));
    expect(all.map((i) => i.number)).toEqual(all.map((_, n) => n + 1));
    expect(all).toHaveLength(2 + PLAYBOOK_CHECKLIST.flatMap((s) => s.items).length);
  });

  it('ticks what gptmon saw, with the evidence, and leaves the rest for people', () => {
    const inc = incident([
      ev({ kind: 'sample', time: at(0, 15), values: values(at(0, 15)) }),
      ev({ kind: 'control', time: at(2, 40), operator: 'ana', control: { action: 'halt', result: 'verified', reason: 'drawdown', via: 'tui' }, values: values(at(2, 40), { trading: 'halted' }) }),
      ev({ kind: 'sample', time: at(4), values: values(at(4), { trading: 'halted' }) }),
      ev({ kind: 'sample', time: at(7), values: values(at(7), { trading: 'halted' }) }),
      ev({ kind: 'commander', time: at(1), operator: 'ana', commander: 'ana' }),
    ]);
    const items = checklistState(inc);
    const item = (text: string) => items.find((i) => i.text === text)!;
    expect(item('Stop trading if necessary')).toMatchObject({ ticked: true, auto: 'halted 03:12:40 by ana (verified)' });
    expect(item('Check financial exposure')).toMatchObject({ ticked: true, auto: 'exposure $251.0K, VaR $8.4K at 03:10:00' });
    expect(item('Determine impact on trading')).toMatchObject({ ticked: true, auto: 'trading active, drawdown 16.8% at 03:10:00' });
    expect(item('Name an incident commander')).toMatchObject({ ticked: true, auto: 'ic ana' });
    expect(item('Reduce risk exposure')).toMatchObject({ ticked: true, auto: 'halt 03:12:40 by ana (verified)' });
    expect(item('Monitor closely')).toMatchObject({ ticked: true, auto: 'watched 4 min after halt' });
    expect(item('Review monitoring data')).toMatchObject({ ticked: true, auto: 'watched in gptmon from 03:10:15' });
    for (const human of ['Gather logs', 'Check recent changes', 'Notify stakeholders', 'Apply temporary fix', 'Deploy permanent fix', 'Update documentation']) expect(item(human), human).toMatchObject({ ticked: false });
    expect(item('Switch to safe mode').ticked).toBe(false);
    expect(item('Verify normal operation').ticked).toBe(false);
  });

  it('does not tick a halt that was not verified', () => {
    const inc = incident([ev({ kind: 'control', time: at(2), operator: 'ana', control: { action: 'halt', result: 'failed', reason: 'x', via: 'cli' } })]);
    expect(checklistState(inc).find((i) => i.text === 'Stop trading if necessary')!.ticked).toBe(false);
  });

  it('a tick or an untick by hand has the last word, with who and when', () => {
    const inc = incident([
      ev({ kind: 'check', time: at(1), operator: 'ben', check: { item: 'Gather logs' } }),
      ev({ kind: 'control', time: at(2), operator: 'ana', control: { action: 'halt', result: 'verified', reason: 'x', via: 'cli' } }),
      ev({ kind: 'check', time: at(3), operator: 'ben', check: { item: 'Stop trading if necessary', undo: true } }),
    ]);
    const items = checklistState(inc);
    expect(items.find((i) => i.text === 'Gather logs')).toMatchObject({ ticked: true, by: { who: 'ben', at: at(1) } });
    expect(items.find((i) => i.text === 'Stop trading if necessary')).toMatchObject({ ticked: false, by: { who: 'ben', at: at(3) } });
  });

  it('ticks a team’s own wording of a step alike', () => {
    const items = checklistState(incident([ev({ kind: 'control', time: at(2), operator: 'ana', control: { action: 'halt', result: 'verified', reason: 'x', via: 'cli' } })]), [{ title: 'Ours', items: [{ text: 'Halt the trader' }, { text: 'Call the broker' }] }]);
    expect(items.slice(-2).map((i) => [i.text, i.ticked])).toEqual([['Halt the trader', true], ['Call the broker', false]]);
  });

  it('finds an item by number or words, and names the closest when nothing matches', () => {
    const items = checklistState(incident([]));
    expect(findItem(items, '5')).toMatchObject({ ok: true, item: { number: 5 } });
    expect(findItem(items, 'stop trading')).toMatchObject({ ok: true, item: { text: 'Stop trading if necessary' } });
    expect(findItem(items, '99')).toEqual({ ok: false, reason: `no item 99: the checklist has 1-${items.length}` });
    const none = findItem(items, 'gather the lgos');
    expect(none.ok).toBe(false);
    expect((none as { reason: string }).reason).toMatch(/no item matches "gather the lgos"; closest: \d+ \(Gather logs\)/);
    expect(findItem(items, 'check')).toMatchObject({ ok: false, reason: expect.stringMatching(/could be .*Check financial exposure.*Check recent changes/) });
  });
});

describe('suggestSev', () => {
  const alert = (name: string, severity: AlertView['severity'], over: Partial<AlertView> = {}) => ({ name, severity, state: 'firing', key: name, ...over }) as AlertView;
  it('suggests from the worst of what fires', () => {
    expect(suggestSev([alert('SystemDown', 'critical', { availability: true } as Partial<AlertView>), alert('DrawdownCritical', 'critical')])).toMatchObject({ sev: 1, why: expect.stringContaining('SystemDown') });
    expect(suggestSev([alert('HighLatency', 'high'), alert('DrawdownCritical', 'critical')])).toMatchObject({ sev: 2, why: 'DrawdownCritical (critical) is firing' });
    expect(suggestSev([alert('HighLatency', 'high')])).toMatchObject({ sev: 3 });
    expect(suggestSev([alert('HighMemoryUsage', 'medium')])).toMatchObject({ sev: 4 });
    expect(suggestSev([])).toEqual({ sev: 4, why: 'nothing is firing' });
  });
  it('does not count what is pending, resolved or gone', () => {
    expect(suggestSev([alert('DrawdownCritical', 'critical', { state: 'pending' }), alert('SystemDown', 'critical', { state: 'resolved', availability: true } as Partial<AlertView>)])).toMatchObject({ sev: 4 });
  });
});
