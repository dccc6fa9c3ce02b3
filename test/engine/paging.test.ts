import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { amAlertFor } from '../../src/engine/paging.js';
import type { LabelMatcher } from '../../src/engine/matchers.js';
import type { Ack } from '../../src/engine/types.js';
import type { AmAlert } from '../../src/sources/types.js';
import { CALM, scrape } from '../helpers/scrape.js';

// Alertmanager is the truth about who is paged: for an alert it holds, its
// status decides; gptmon matches silences itself only where it cannot say.
const { config: base } = loadConfig({ trader: 'http://127.0.0.1:8080' }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const config = { ...base, alertmanager: ['http://am:9093'] };
const T0 = Date.parse('2026-11-25T03:00:00Z');
const s = (n: number) => T0 + n * 1000;

const eq = (name: string, value: string): LabelMatcher => ({ name, value, isRegex: false, isEqual: true });
const silence = (id: string, operator: string, matchers: LabelMatcher[], where: Ack['where'] = 'alertmanager'): Ack => ({
  id,
  alertname: matchers.find((m) => m.name === 'alertname' && !m.isRegex && m.isEqual)?.value ?? '*',
  matchers,
  operator,
  comment: `${operator}'s comment`,
  createdAt: s(0),
  expiresAt: s(7200),
  where,
});
/** As Prometheus sends them: gptmon's labels, and the external ones Alertmanager adds. */
const held = (alertname: string, severity: string, status: Partial<AmAlert> = {}): AmAlert => ({
  labels: { alertname, severity, job: 'gpt-trader', instance: '127.0.0.1:8080', cluster: 'eu' },
  fingerprint: `fp-${alertname}`,
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  ...status,
});

/** A drawdown: ExcessiveDrawdown (critical) and DrawdownWarning (medium) firing in embedded mode. */
function inDrawdown(): Engine {
  const e = new Engine(config);
  e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.162 }));
  return e;
}
const alertOf = (e: Engine, name: string, at = s(10)) => e.snapshot(at).alerts.find((a) => a.name === name)!;

describe('who is paged, with Alertmanager answering', () => {
  it('an alert Alertmanager silences is acknowledged by that silence, even one gptmon could not match', () => {
    const e = inDrawdown();
    // Scoped by a label only Alertmanager's copy carries (an external label).
    const byCluster = silence('s-eu', 'ana', [eq('cluster', 'eu')]);
    e.recordAcks(s(1), { ok: true, value: { alerts: [held('ExcessiveDrawdown', 'critical', { state: 'suppressed', silencedBy: ['s-eu'] }), held('DrawdownWarning', 'medium')], silences: [byCluster] }, ms: 1 }, []);
    const a = alertOf(e, 'ExcessiveDrawdown');
    expect(a.ack).toMatchObject({ id: 's-eu', operator: 'ana', comment: "ana's comment", expiresAt: s(7200) });
    expect(alertOf(e, 'DrawdownWarning').ack).toBeUndefined();
  });

  it('an alert Alertmanager holds as active is not acknowledged by a silence, whatever gptmon would match; an ack kept here still shows', () => {
    const e = inDrawdown();
    const wouldMatch = silence('s-1', 'ana', [eq('alertname', 'ExcessiveDrawdown')]);
    e.recordAcks(s(1), { ok: true, value: { alerts: [held('ExcessiveDrawdown', 'critical')], silences: [wouldMatch] }, ms: 1 }, []);
    expect(alertOf(e, 'ExcessiveDrawdown').ack).toBeUndefined();
    const mine = silence('local-1', 'ben', [eq('alertname', 'ExcessiveDrawdown')], 'local');
    e.recordAcks(s(2), { ok: true, value: { alerts: [held('ExcessiveDrawdown', 'critical')], silences: [wouldMatch] }, ms: 1 }, [mine]);
    expect(alertOf(e, 'ExcessiveDrawdown').ack).toMatchObject({ id: 'local-1', where: 'local' });
  });

  it('an inhibited alert says by which alert, has no countdown, and still counts in the verdict', () => {
    const e = inDrawdown();
    e.recordAcks(s(1), { ok: true, value: { alerts: [held('ExcessiveDrawdown', 'critical'), held('DrawdownWarning', 'medium', { state: 'suppressed', inhibitedBy: ['fp-ExcessiveDrawdown', 'fp-gone'] })], silences: [] }, ms: 1 }, []);
    const snap = e.snapshot(s(10));
    const warning = snap.alerts.find((a) => a.name === 'DrawdownWarning')!;
    expect(warning.inhibitedBy).toEqual(['ExcessiveDrawdown', 'fp-gone']);
    expect(warning.respondBy).toBeUndefined();
    expect(warning.state).toBe('firing');
    const drawdown = snap.alerts.find((a) => a.name === 'ExcessiveDrawdown')!;
    expect(drawdown.inhibitedBy).toBeUndefined();
    expect(drawdown.respondBy).toBe(s(300));
    expect(snap.verdict.reasons).toContain('DrawdownWarning firing (inhibited by ExcessiveDrawdown, fp-gone)');
    expect(snap.counts.firing.medium).toBe(1);
  });

  it('an alert Alertmanager does not hold (embedded, pending, not sent yet) is matched by gptmon, negative matchers and regexes too', () => {
    const e = inDrawdown();
    const notWarnings: Ack = silence('s-neg', 'cy', [eq('job', 'gpt-trader'), { name: 'alertname', value: 'Drawdown.*', isRegex: true, isEqual: false }]);
    e.recordAcks(s(1), { ok: true, value: { alerts: [held('SomethingElse', 'low')], silences: [notWarnings] }, ms: 1 }, []);
    expect(alertOf(e, 'ExcessiveDrawdown').ack).toMatchObject({ id: 's-neg', operator: 'cy' });
    expect(alertOf(e, 'DrawdownWarning').ack).toBeUndefined();
  });
});

describe('who is paged, with Alertmanager not answering', () => {
  it('gptmon matches the last known silences itself; what Alertmanager said of each alert no longer counts', () => {
    const e = inDrawdown();
    const instanceScoped = silence('s-inst', 'dee', [{ name: 'instance', value: '127\\.0\\.0\\.1:8080', isRegex: true, isEqual: true }]);
    e.recordAcks(s(1), { ok: true, value: { alerts: [held('ExcessiveDrawdown', 'critical'), held('DrawdownWarning', 'medium', { state: 'suppressed', inhibitedBy: ['fp-ExcessiveDrawdown'] })], silences: [instanceScoped] }, ms: 1 }, []);
    expect(alertOf(e, 'ExcessiveDrawdown').ack).toBeUndefined();
    e.recordAcks(s(2), { ok: false, reason: 'connection refused', ms: 1 }, []);
    const snap = e.snapshot(s(10));
    expect(snap.sources.alertmanager.state).toBe('stale');
    for (const name of ['ExcessiveDrawdown', 'DrawdownWarning']) {
      const a = snap.alerts.find((x) => x.name === name)!;
      expect(a.ack, name).toMatchObject({ id: 's-inst', operator: 'dee' });
      expect(a.inhibitedBy, name).toBeUndefined();
    }
  });

  it('a silence whose regex gptmon cannot read matches nothing, and is named among the problems', () => {
    const e = inDrawdown();
    const broken = silence('s-bad', 'eve', [{ name: 'alertname', value: '(Excessive', isRegex: true, isEqual: false }]);
    e.recordAcks(s(1), { ok: false, reason: 'connection refused', ms: 1 }, []);
    e.recordAcks(s(1), { ok: true, value: { alerts: [], silences: [broken] }, ms: 1 }, []);
    const snap = e.snapshot(s(10));
    expect(snap.alerts.filter((a) => a.ack)).toEqual([]);
    expect(snap.problems).toEqual([expect.stringMatching(/^silence s-bad by eve: alertname!~"\(Excessive" is not a regex gptmon can read \(.*missing closing \).*\); gptmon matches nothing with it$/)]);
  });
});

describe('which Alertmanager alert is this one', () => {
  const labels = { alertname: 'ExcessiveDrawdown', severity: 'critical', job: 'gpt-trader', instance: '127.0.0.1:8080', desk: 'fx' };

  it('the same name, every shared label agreeing; the one sharing the most', () => {
    const bare = { ...held('ExcessiveDrawdown', 'critical'), fingerprint: 'bare' };
    const other = { ...held('ExcessiveDrawdown', 'critical'), labels: { ...held('ExcessiveDrawdown', 'critical').labels, desk: 'eq' }, fingerprint: 'other' };
    const same = { ...held('ExcessiveDrawdown', 'critical'), labels: { ...held('ExcessiveDrawdown', 'critical').labels, desk: 'fx' }, fingerprint: 'same' };
    expect(amAlertFor(labels, [bare, other, same])?.fingerprint).toBe('same');
    expect(amAlertFor(labels, [other])).toBeUndefined();
    expect(amAlertFor(labels, [bare, other])?.fingerprint).toBe('bare');
    expect(amAlertFor({ ...labels, alertname: 'DrawdownWarning' }, [bare, same])).toBeUndefined();
  });
});
