// The post-mortem from a recorded timeline under a fake clock: the times and
// the durations between them, the impact from the values as recorded, and
// the Markdown in the order a reader expects.

import { describe, expect, it } from 'vitest';
import { foldIncident } from '../../src/incidents/incident.js';
import { Recorder } from '../../src/incidents/recorder.js';
import { reportData } from '../../src/incidents/report-data.js';
import { reportMarkdown } from '../../src/incidents/report.js';
import type { Values } from '../../src/incidents/types.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const T0 = Date.UTC(2026, 10, 25, 3, 5, 0);

function night() {
  let now = T0;
  const clock = () => now;
  const to = (min: number, sec = 0) => (now = T0 + min * 60_000 + sec * 1000);
  const v = (over: Partial<Values> = {}): Values => ({ at: now, trading: 'active', drawdown: 0.151, dailyReturn: -0.021, exposure: 250_000, firing: ['DrawdownCritical'], ...over });
  const rec = new Recorder(tmp.dir(), '—', clock);
  const alert = { name: 'DrawdownCritical', key: 'dd', severity: 'critical' as const, value: '15.1% > 15%', at: T0 };
  rec.record([{ kind: 'alert-firing', key: 'firing:dd', alert, values: v() }]);
  to(3);
  rec.record([{ kind: 'sample', key: 's1', values: v({ drawdown: 0.162, dailyReturn: -0.029 }) }]);
  to(7);
  const id = (rec.declare({ sev: 2, title: 'Drawdown past 15%', commander: 'ana', values: v({ drawdown: 0.165 }) }) as { id: string }).id;
  to(7, 30);
  rec.record([{ kind: 'ack', key: 'ack:1', ack: { alert: 'DrawdownCritical', forMs: 3_600_000, comment: 'on it', where: 'local' }, values: v({ drawdown: 0.166 }) }], 'ana');
  to(8);
  rec.record([{ kind: 'step', step: { runbook: 'drawdown', step: '1', text: 'look at positions', status: 'ran', command: 'gptmon status', exit: 0, output: 'TRADING ACTIVE\nwhy: drawdown' } }], 'ana');
  to(9, 40);
  rec.record([{ kind: 'control', control: { action: 'halt', result: 'attempt', reason: 'drawdown', via: 'tui' }, values: v({ drawdown: 0.168 }) }], 'ana');
  rec.record([{ kind: 'control', control: { action: 'halt', result: 'verified', reason: 'drawdown', via: 'tui', ms: 180 }, values: v({ drawdown: 0.168, dailyReturn: -0.034, trading: 'halted' }) }], 'ana');
  to(10);
  rec.recordFor(id, { kind: 'note', text: 'broker confirms fills', operator: 'ben' });
  to(12);
  rec.recordFor(id, { kind: 'sev', sev: 1 });
  to(25);
  rec.record([{ kind: 'alert-resolved', key: 'resolved:dd', alert: { ...alert, at: now }, values: v({ drawdown: 0.14, trading: 'halted', firing: [] }) }]);
  to(40);
  rec.record([{ kind: 'control', control: { action: 'resume', result: 'verified', reason: 'ok', via: 'cli' }, values: v({ drawdown: 0.14, firing: [] }) }], 'ana');
  to(45);
  rec.resolve(id, 'Drawdown stopped at 16.8%; resumed after review.');
  return foldIncident(id, rec.timeline(id).events)!;
}

describe('the post-mortem', () => {
  it('measures from the first alert: acknowledged, mitigated (the verified halt), resolved', () => {
    const d = reportData(night());
    expect(d.firstAlert).toEqual({ at: T0, what: 'DrawdownCritical firing' });
    expect(d.declared.at).toBe(T0 + 7 * 60_000);
    expect(d.acknowledged).toMatchObject({ at: T0 + 7.5 * 60_000, by: 'ana' });
    expect(d.toAcknowledge).toBe(7.5 * 60_000);
    expect(d.mitigated).toMatchObject({ what: 'halt verified', by: 'ana' });
    expect(d.toMitigate).toBe(9 * 60_000 + 40_000);
    expect(d.toResolve).toBe(45 * 60_000);
    expect(d.impact.peakDrawdown).toEqual({ value: 0.168, at: T0 + 9 * 60_000 + 40_000 });
    expect(d.impact.worstDailyReturn!.value).toBe(-0.034);
    expect(d.impact.halted).toEqual({ from: T0 + 9 * 60_000 + 40_000, resumed: T0 + 40 * 60_000 });
    expect(d.sevChanges.map((c) => c.sev)).toEqual([2, 1]);
    expect(d.alerts).toEqual([{ name: 'DrawdownCritical', severity: 'critical', firing: T0, resolved: T0 + 25 * 60_000, value: '15.1% > 15%' }]);
    // An attempt is on the timeline, but the actions taken are their results.
    expect(d.actions.map((e) => `${e.control!.action} ${e.control!.result}`)).toEqual(['halt verified', 'resume verified']);
  });

  it('without a verified action, mitigation is the first critical alert resolved', () => {
    let now = T0;
    const rec = new Recorder(tmp.dir(), 'ana', () => now);
    const alert = { name: 'SystemDown', key: 'sd', severity: 'critical' as const, at: T0 };
    rec.record([{ kind: 'alert-firing', key: 'f', alert }]);
    now += 60_000;
    const id = (rec.declare({ sev: 1, title: 'down', values: { at: now, firing: ['SystemDown'] } }) as { id: string }).id;
    now += 120_000;
    rec.record([{ kind: 'alert-resolved', key: 'r', alert: { ...alert, at: now } }]);
    const d = reportData(foldIncident(id, rec.timeline(id).events)!);
    expect(d.mitigated).toEqual({ at: T0 + 180_000, what: 'SystemDown resolved' });
    expect(d.toMitigate).toBe(180_000);
    expect(d.resolved).toBeUndefined();
    expect(reportMarkdown(d)).toContain('| Resolved | _still open_ |');
  });

  it('writes the Markdown in order: header, impact, alerts, timeline, actions, steps, checklist, notes, the human sections', () => {
    const md = reportMarkdown(reportData(night()));
    const order = ['# INC-20261125-1: Drawdown past 15% (SEV1)', '| Commander | ana |', '| Severity | SEV2 → SEV1 at 03:17:00 by —', '| Declared | 2026-11-25 03:12:00 UTC by — (first alert 03:05:00, 7m00s earlier)', '| Acknowledged | 03:12:30 by ana (7m30s after the first alert)', '| Mitigated | 03:14:40, halt verified by ana (9m40s)', '| Resolved | 03:50:00 (45m00s in all)', 'Drawdown stopped at 16.8%; resumed after review.', '## Impact', 'Peak drawdown 16.8% at 03:14:40', 'Trading halted 30m20s (03:14:40 to 03:45:00)', '## Alerts', '| DrawdownCritical (15.1% > 15%) | critical | 03:05:00 | 03:30:00 | 25m00s |', '## Timeline', '## Actions taken', '## Runbook steps', '$ gptmon status', '## Checklist', '- [x] Stop trading if necessary (halted 03:14:40 by ana (verified))', '## Notes', '- 03:15:00 ben: broker confirms fills', '## Root cause', '## What went well', '## What went badly', '## Action items'];
    let from = 0;
    for (const s of order) {
      const i = md.indexOf(s, from);
      expect(i, `"${s}" after position ${from}\n${md}`).toBeGreaterThanOrEqual(from);
      from = i + s.length;
    }
    // The lead-up is marked as before the declaration.
    expect(md).toMatch(/\| 03:05:00 \| — \| ✖ DrawdownCritical firing.*_\(before it was declared\)_ \| 15\.1% \|/);
  });
});
