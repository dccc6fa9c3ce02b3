// The engine over a Prometheus that is not exactly the one gptmon was built
// beside: one without the rules (an empty alert list is not a calm one), one
// holding other traders' alerts, one whose query for a metric fails.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { Engine } from '../../src/engine/engine.js';
import type { PromAlert } from '../../src/sources/types.js';
import { rulesOf, tick } from '../helpers/prom-tick.js';
import { CALM } from '../helpers/scrape.js';

const { config: base } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const config: Config = { ...base, prometheus: 'http://prom:9090', trader: 'http://10.0.0.5:8080', selector: { instance: '10.0.0.5:8080' } };
const T0 = Date.parse('2026-11-25T03:00:00Z');
const s = (n: number) => T0 + n * 1000;
const TARGET = { job: 'gpt-trader', instance: '10.0.0.5:8080' };

/** Every calm gauge as Prometheus answers it for the trader (its labels taken off by the monitor), with these changes. */
function values(over: Record<string, number> = {}) {
  const out: Record<string, Array<{ labels: Record<string, string>; value: number }>> = { up: [{ labels: {}, value: 1 }] };
  for (const [k, v] of Object.entries({ ...CALM, ...over })) out[k] = [{ labels: {}, value: v }];
  return out;
}

/** An engine whose trader answered its health check: what is judged is Prometheus's part. */
function engine(cfg: Config = config): Engine {
  const e = new Engine(cfg);
  e.recordHealth(s(0), { ok: true, ms: 1, value: { components: [], metrics: {} } });
  return e;
}

const firing = (name: string, labels: Record<string, string>, value: number): PromAlert => ({ labels: { alertname: name, severity: 'critical', ...labels }, annotations: {}, state: 'firing', activeAt: s(0), value });

describe('gptmon evaluates the alerts Prometheus has no rules for', () => {
  it('with no rules at all, a drawdown past 15% fires ExcessiveDrawdown here, with the trader\'s labels', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values({ portfolio_drawdown: 0.2 }), { rules: rulesOf([]), target: TARGET }));
    const snap = e.snapshot(s(1));
    expect(snap.rules).toMatchObject({ total: 22, inPrometheus: 0 });
    expect(snap.rules!.evaluatedHere).toContain('ExcessiveDrawdown');
    const a = snap.alerts.find((x) => x.name === 'ExcessiveDrawdown')!;
    expect(a).toMatchObject({ state: 'firing', origin: 'embedded', value: 0.2, labels: { job: 'gpt-trader', instance: '10.0.0.5:8080', alertname: 'ExcessiveDrawdown' } });
    expect(a.seriesLabels).toBeUndefined();
    expect(snap.verdict.code).toBe(2);
  });

  it('honours durations: ModelFailure is pending for 5 minutes, then fires', () => {
    const e = engine();
    for (let t = 0; t <= 240; t += 60) e.recordPrometheus(s(t), tick(values({ model_error_rate: 0.2 }), t === 0 ? { rules: rulesOf([]) } : {}));
    expect(e.snapshot(s(240)).alerts.find((a) => a.name === 'ModelFailure')?.state).toBe('pending');
    e.recordPrometheus(s(300), tick(values({ model_error_rate: 0.2 })));
    expect(e.snapshot(s(300)).alerts.find((a) => a.name === 'ModelFailure')).toMatchObject({ state: 'firing', firingAt: s(300), origin: 'embedded' });
  });

  it('a metric not read this tick (its query failed) holds its alert; Prometheus unreachable holds every alert', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values({ portfolio_drawdown: 0.2 }), { rules: rulesOf([]) }));
    const { portfolio_drawdown: _gone, ...rest } = values();
    e.recordPrometheus(s(1), tick(rest, { metricErrors: { portfolio_drawdown: 'prometheus: query timed out' } }));
    expect(e.snapshot(s(1)).alerts.find((a) => a.name === 'ExcessiveDrawdown')?.state).toBe('firing');
    e.recordPrometheus(s(2), tick({}, { failed: { reason: 'connection refused', ms: 1 }, alerts: { ok: false, reason: 'connection refused', ms: 1 } }));
    const held = e.snapshot(s(2)).alerts.find((a) => a.name === 'ExcessiveDrawdown')!;
    expect(held).toMatchObject({ state: 'firing', stale: true });
    // SystemDown is not evaluated on nothing: no `up` was read.
    expect(e.snapshot(s(2)).alerts.find((a) => a.name === 'SystemDown')).toBeUndefined();
  });

  it('the trader down in Prometheus (up 0) makes SystemDown pending here', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick({ up: [{ labels: {}, value: 0 }] }, { rules: rulesOf([]), target: TARGET }));
    expect(e.snapshot(s(0)).alerts.find((a) => a.name === 'SystemDown')).toMatchObject({ state: 'pending', origin: 'embedded' });
  });

  it('an alert Prometheus has a rule for comes from Prometheus only, never twice', () => {
    const e = engine();
    const names = config.alerts.map((a) => a.name).filter((n) => n !== 'DrawdownWarning');
    e.recordPrometheus(s(0), tick(values({ portfolio_drawdown: 0.2 }), { rules: rulesOf(names), alerts: { ok: true, ms: 1, value: [firing('ExcessiveDrawdown', TARGET, 0.2)] } }));
    const snap = e.snapshot(s(0));
    expect(snap.rules).toMatchObject({ total: 22, inPrometheus: 21, evaluatedHere: ['DrawdownWarning'] });
    expect(snap.alerts.filter((a) => a.name === 'ExcessiveDrawdown').map((a) => a.origin)).toEqual(['prometheus']);
    expect(snap.alerts.find((a) => a.name === 'DrawdownWarning')).toMatchObject({ state: 'firing', origin: 'embedded' });
    // Past its critical line and firing in Prometheus: the verdict sees it once.
    expect(snap.verdict.reasons.filter((r) => r === 'ExcessiveDrawdown firing')).toHaveLength(1);
  });

  it('with the rules unreadable, an alert Prometheus fires anyway is taken as its, and not evaluated twice', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values({ portfolio_drawdown: 0.2 }), { rules: { ok: false, reason: 'HTTP 404', ms: 1 }, alerts: { ok: true, ms: 1, value: [firing('ExcessiveDrawdown', TARGET, 0.2)] } }));
    const snap = e.snapshot(s(0));
    expect(snap.rules).toMatchObject({ inPrometheus: 1, problem: 'HTTP 404' });
    expect(snap.alerts.filter((a) => a.name === 'ExcessiveDrawdown')).toHaveLength(1);
    expect(snap.alerts.find((a) => a.name === 'ExcessiveDrawdown')!.origin).toBe('prometheus');
  });

  it('a Prometheus that comes back without its rules: the next rules read puts them back here', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values({ portfolio_drawdown: 0.2 }), { rules: rulesOf(config.alerts.map((a) => a.name)) }));
    expect(e.snapshot(s(0)).alerts.find((a) => a.name === 'ExcessiveDrawdown')).toBeUndefined();
    e.recordPrometheus(s(10), tick(values({ portfolio_drawdown: 0.2 }), { rules: rulesOf([]) }));
    expect(e.snapshot(s(10)).alerts.find((a) => a.name === 'ExcessiveDrawdown')).toMatchObject({ state: 'firing', origin: 'embedded' });
  });

  it('a rule that fails to evaluate in Prometheus (health err) is evaluated here', () => {
    const e = engine();
    const rules = rulesOf(config.alerts.map((a) => a.name));
    if (rules?.ok) rules.value.find((r) => r.name === 'ExcessiveDrawdown')!.health = 'err';
    e.recordPrometheus(s(0), tick(values({ portfolio_drawdown: 0.2 }), { rules }));
    expect(e.snapshot(s(0)).rules).toMatchObject({ inPrometheus: 21, evaluatedHere: ['ExcessiveDrawdown'] });
  });
});

describe('other jobs and traders', () => {
  it('an alert of another instance is listed apart and does not change the verdict', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values(), { rules: rulesOf(config.alerts.map((a) => a.name)), target: TARGET, alerts: { ok: true, ms: 1, value: [firing('ExcessiveDrawdown', { job: 'gpt-trader', instance: '10.0.0.6:8080' }, 0.2)] } }));
    const snap = e.snapshot(s(0));
    expect(snap.alerts).toEqual([]);
    expect(snap.otherAlerts.map((a) => a.name)).toEqual(['ExcessiveDrawdown']);
    expect(snap.verdict.code).toBe(0);
    expect(snap.counts.firing.critical).toBe(0);
  });

  it('an alert of another job is another\'s too: the trader\'s job is learned from its up', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values(), { rules: rulesOf([]), target: TARGET, alerts: { ok: true, ms: 1, value: [firing('PaymentsDown', { job: 'payments' }, 0)] } }));
    expect(e.snapshot(s(0)).otherAlerts.map((a) => a.name)).toEqual(['PaymentsDown']);
  });

  it('with other_alerts: count, they count', () => {
    const e = engine({ ...config, other_alerts: 'count' });
    e.recordPrometheus(s(0), tick(values(), { rules: rulesOf(config.alerts.map((a) => a.name)), alerts: { ok: true, ms: 1, value: [firing('ExcessiveDrawdown', { instance: '10.0.0.6:8080' }, 0.2)] } }));
    expect(e.snapshot(s(0)).verdict).toMatchObject({ code: 2, reasons: ['ExcessiveDrawdown firing'] });
  });

  it('two alerts of one name with different labels are shown apart, with the labels that differ', () => {
    const e = engine({ ...config, selector: { job: 'gpt-trader' } });
    const list = [firing('ExcessiveDrawdown', { job: 'gpt-trader', instance: 'a:1' }, 0.2), firing('ExcessiveDrawdown', { job: 'gpt-trader', instance: 'b:1' }, 0.3)];
    e.recordPrometheus(s(0), tick(values(), { rules: rulesOf(config.alerts.map((a) => a.name)), alerts: { ok: true, ms: 1, value: list } }));
    const shown = e.snapshot(s(0)).alerts.filter((a) => a.name === 'ExcessiveDrawdown');
    expect(shown.map((a) => a.seriesLabels)).toEqual(expect.arrayContaining([{ instance: 'a:1' }, { instance: 'b:1' }]));
    expect(shown).toHaveLength(2);
  });
});

describe('what else Prometheus says', () => {
  it('a metric whose own query failed is marked, the source stays ok, and it is a warning', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values(), { rules: rulesOf(config.alerts.map((a) => a.name)), metricErrors: { api_latency: 'prometheus: parse error at char 12' } }));
    const snap = e.snapshot(s(0));
    expect(snap.sources.prometheus.state).toBe('ok');
    expect(snap.metrics.api_latency).toMatchObject({ error: 'prometheus: parse error at char 12', stale: true });
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ stale: false });
    expect(snap.verdict).toMatchObject({ code: 1, reasons: ['API p99: query failed (prometheus: parse error at char 12)'] });
    // Read again: the mark goes.
    e.recordPrometheus(s(1), tick({ ...values(), api_latency: [{ labels: {}, value: 0.2 }] }));
    expect(e.snapshot(s(1)).metrics.api_latency!.error).toBeUndefined();
  });

  it('warnings and the back end\'s lag are on the source; a warning is not calm', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick(values(), { rules: rulesOf(config.alerts.map((a) => a.name)), lagMs: 30_000, warnings: ['partial response: store 2 down'] }));
    const snap = e.snapshot(s(0));
    expect(snap.sources.prometheus).toMatchObject({ state: 'ok', lagMs: 30_000, warnings: ['partial response: store 2 down'] });
    expect(snap.verdict.reasons).toContain('prometheus warns: partial response: store 2 down');
  });

  it('no up for the selector: says Prometheus does not scrape this trader under that name', () => {
    const e = engine();
    e.recordPrometheus(s(0), tick({ up: [], portfolio_drawdown: [] }, { rules: rulesOf([]) }));
    expect(e.snapshot(s(0)).problems).toEqual(['prometheus has no up{instance="10.0.0.5:8080"}: it does not scrape this trader under that name (set selector: in the config)']);
  });
});
