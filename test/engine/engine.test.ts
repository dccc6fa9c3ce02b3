import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import type { Ack } from '../../src/engine/types.js';
import { CALM, calmHistograms, failed, scrape } from '../helpers/scrape.js';
import { tick } from '../helpers/prom-tick.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const s = (n: number) => T0 + n * 1000;

describe('the engine in the embedded mode, under a fake clock', () => {
  it('is unknown before anything is read, and ok when calm', () => {
    const e = new Engine(config);
    expect(e.snapshot(s(0))).toMatchObject({ unknown: true, alerts: [] });
    e.recordScrape(s(0), scrape(CALM, calmHistograms(1)));
    e.recordHealth(s(0), { ok: true, ms: 1, value: { components: [{ name: 'database', healthy: true }], metrics: {} } });
    const snap = e.snapshot(s(0));
    expect(snap).toMatchObject({ unknown: false, worst: 'ok', alerts: [], verdict: { code: 0, word: 'OK', reasons: [] } });
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ value: 0.03, level: 'ok', stale: false });
    expect(snap.trader.trading).toBe('active');
  });

  it('fires ExcessiveDrawdown at once, with the critical response time', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.162 }));
    const snap = e.snapshot(s(10));
    expect(snap.worst).toBe('critical');
    const alert = snap.alerts.find((a) => a.name === 'ExcessiveDrawdown')!;
    expect(alert).toMatchObject({ state: 'firing', severity: 'critical', firingAt: s(0), respondBy: s(300), value: 0.162, runbook: 'drawdown' });
    expect(alert.actions[0]).toBe('Stop all trading immediately');
    // Sorted worst first: the critical before the high DrawdownWarning.
    expect(snap.alerts.map((a) => a.name)).toEqual(['ExcessiveDrawdown', 'DrawdownWarning']);
  });

  it('holds ModelDegradation pending for 15 minutes before firing', () => {
    const e = new Engine(config);
    for (let t = 0; t <= 15 * 60; t += 60) e.recordScrape(s(t), scrape({ ...CALM, model_accuracy: 0.53 }));
    const pendingAt14 = new Engine(config);
    for (let t = 0; t <= 14 * 60; t += 60) pendingAt14.recordScrape(s(t), scrape({ ...CALM, model_accuracy: 0.53 }));
    expect(pendingAt14.snapshot(s(14 * 60)).alerts.find((a) => a.name === 'ModelDegradation')!.state).toBe('pending');
    const a = e.snapshot(s(15 * 60)).alerts.find((x) => x.name === 'ModelDegradation')!;
    expect(a).toMatchObject({ state: 'firing', severity: 'high', activeAt: s(0), firingAt: s(900) });
  });

  it('takes either side of an OR', () => {
    const e = new Engine(config);
    for (let t = 0; t <= 900; t += 300) e.recordScrape(s(t), scrape({ ...CALM, sharpe_ratio: 0.7 }));
    expect(e.snapshot(s(900)).alerts.find((a) => a.name === 'ModelDegradation')?.state).toBe('firing');
  });

  it('fires SystemDown after a minute of failed scrapes, and goes stale meanwhile', () => {
    const e = new Engine(config, { staleAfterMs: 5000 });
    e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.12 }));
    for (let t = 1; t <= 61; t++) e.recordScrape(s(t), failed('timed out after 3s'));
    const snap = e.snapshot(s(61));
    expect(snap.sources.metrics).toMatchObject({ state: 'down', reason: 'timed out after 3s', lastOkAt: s(0) });
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ value: 0.12, stale: true });
    const names = Object.fromEntries(snap.alerts.map((a) => [a.name, a]));
    expect(names.SystemDown).toMatchObject({ state: 'firing', stale: false });
    // The drawdown alert keeps its state but says its data is stale.
    expect(names.DrawdownWarning).toMatchObject({ state: 'firing', stale: true });
    const early = new Engine(config);
    early.recordScrape(s(0), scrape(CALM));
    early.recordScrape(s(5), failed());
    expect(early.snapshot(s(5)).sources.metrics.state).toBe('stale');
    expect(early.snapshot(s(5)).alerts.find((a) => a.name === 'SystemDown')?.state).toBe('pending');
  });

  it('computes latency quantiles from bucket deltas between scrapes', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape(CALM, { api_latency_seconds: [[0.1, 100], [0.5, 100], [1, 100], [Infinity, 100]] }));
    expect(e.snapshot(s(0)).metrics.api_latency!.value).toBeUndefined();
    // In the last 10 s every request took 0.5-1 s: the old fast ones do not dilute it.
    e.recordScrape(s(10), scrape(CALM, { api_latency_seconds: [[0.1, 100], [0.5, 100], [1, 200], [Infinity, 200]] }));
    const m = e.snapshot(s(10)).metrics;
    expect(m.api_latency!.value).toBeCloseTo(0.995, 3);
    expect(m.api_latency!.level).toBe('warning');
    expect(m.api_latency_p50!.value).toBeCloseTo(0.75, 3);
  });

  it('classifies the circuit breakers by their distance to tripping', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape({ ...CALM, daily_return: -0.018, consecutive_losses: 5, portfolio_drawdown: 0.162 }));
    const b = Object.fromEntries(e.snapshot(s(0)).breakers.map((x) => [x.name, x]));
    expect(b['daily loss']).toMatchObject({ value: 0.018, limit: 0.05 });
    expect(b.streak).toMatchObject({ value: 5, limit: 5, used: 1 });
    expect(b.drawdown!.used).toBeCloseTo(0.81, 2);
    expect(e.snapshot(s(0)).alerts.some((a) => a.name === 'LosingStreakBreaker' && a.state === 'firing')).toBe(true);
  });

  it('marks an acknowledged alert, which stays visible until it resolves', () => {
    const e = new Engine(config);
    const ack: Ack = { id: 'a1', alertname: 'ExcessiveDrawdown', matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }], operator: 'ana', comment: 'flattening', createdAt: s(1), expiresAt: s(3601), where: 'local' };
    e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.16 }));
    e.recordAcks(s(1), undefined, [ack]);
    const alert = e.snapshot(s(2)).alerts.find((a) => a.name === 'ExcessiveDrawdown')!;
    expect(alert.ack).toMatchObject({ operator: 'ana', comment: 'flattening' });
    expect(alert.state).toBe('firing');
    expect(e.snapshot(s(3602)).alerts.find((a) => a.name === 'ExcessiveDrawdown')!.ack).toBeUndefined();
    e.recordScrape(s(10), scrape(CALM));
    expect(e.snapshot(s(10)).alerts.find((a) => a.name === 'ExcessiveDrawdown')!.state).toBe('resolved');
  });

  it('reads the trader identity from health, and an unhealthy component is a warning', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape(CALM));
    e.recordHealth(s(0), { ok: true, ms: 1, value: { site: 'secondary', components: [{ name: 'model', healthy: true, modelId: 'fallback-v3' }, { name: 'api', healthy: false, message: '429 from broker' }], metrics: {} } });
    const snap = e.snapshot(s(0));
    expect(snap.trader).toMatchObject({ site: 'secondary', model: 'fallback-v3', trading: 'active' });
    expect(snap.worst).toBe('warning');
  });
});

describe('acks with Alertmanager down', () => {
  it('keeps its last known silences, and shows the acks kept here meanwhile at once', () => {
    const e = new Engine({ ...config, alertmanager: ['http://am:9093'] });
    const mk = (id: string, where: 'local' | 'alertmanager'): Ack => ({ id, alertname: 'ExcessiveDrawdown', matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }], operator: id, comment: '', createdAt: s(0), expiresAt: s(3600), where });
    e.recordAcks(s(1), { ok: true, value: { alerts: [], silences: [mk('from-am', 'alertmanager')] }, ms: 1 }, []);
    e.recordAcks(s(2), { ok: false, reason: 'connection refused', ms: 1 }, [mk('kept-here', 'local')]);
    const snap = e.snapshot(s(2));
    expect(snap.acks.map((a) => a.id)).toEqual(['from-am', 'kept-here']);
    expect(snap.sources.alertmanager).toMatchObject({ state: 'stale', reason: 'connection refused' });
  });
});

describe('the engine with Prometheus', () => {
  const promConfig = { ...config, prometheus: 'http://prom:9090' };

  it('takes alerts from Prometheus and remembers the ones that vanish as resolved', () => {
    const e = new Engine(promConfig);
    const firing = { labels: { alertname: 'ExcessiveDrawdown', severity: 'critical', job: 'gpt-trader' }, annotations: {}, state: 'firing' as const, activeAt: s(0), value: 0.16 };
    e.recordPrometheus(s(1), tick({ portfolio_drawdown: [{ labels: {}, value: 0.16 }] }, { alerts: { ok: true, value: [firing], ms: 2 } }));
    let snap = e.snapshot(s(1));
    expect(snap.mode).toBe('prometheus');
    expect(snap.alerts[0]).toMatchObject({ name: 'ExcessiveDrawdown', state: 'firing', firingAt: s(0), respondBy: s(300), runbook: 'drawdown', origin: 'prometheus' });
    e.recordPrometheus(s(5), tick({ portfolio_drawdown: [{ labels: {}, value: 0.05 }] }));
    snap = e.snapshot(s(5));
    expect(snap.alerts[0]).toMatchObject({ state: 'resolved', resolvedAt: s(5) });
  });

  it('maps other severity words, and a failing query marks the source but keeps what came', () => {
    const e = new Engine(promConfig);
    const warn = { labels: { alertname: 'SomethingElse', severity: 'warning' }, annotations: {}, state: 'pending' as const, activeAt: s(0) };
    e.recordPrometheus(s(1), tick({ cpu_usage: [{ labels: {}, value: 0.9 }] }, { failed: { reason: 'HTTP 503', ms: 3 }, alerts: { ok: true, value: [warn], ms: 2 } }));
    const snap = e.snapshot(s(1));
    expect(snap.alerts[0]!.severity).toBe('medium');
    expect(snap.sources.prometheus).toMatchObject({ state: 'down', reason: 'HTTP 503' });
    expect(snap.metrics.cpu_usage).toMatchObject({ value: 0.9, level: 'critical', stale: true });
  });
});
