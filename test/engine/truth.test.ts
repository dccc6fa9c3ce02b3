// The engine says only what is true now: every series counts, a missing or
// NaN metric is not calm, a dark trader is neither active nor OK, and live
// alerts come before resolved ones.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import type { Exposition, Fetched, TraderHealth } from '../../src/sources/types.js';
import { parseExposition } from '../../src/sources/exposition.js';
import { CALM, calmHistograms, failed, scrape } from '../helpers/scrape.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const s = (n: number) => T0 + n * 1000;
const HEALTH: Fetched<TraderHealth> = { ok: true, ms: 1, value: { components: [{ name: 'database', healthy: true }], metrics: {}, trading: 'active' } };

/** /metrics as the trader would serve it: the calm values as text, then `extra` lines. */
function text(values: Record<string, number>, extra: string): Fetched<Exposition> {
  const base = scrape(values, calmHistograms(1));
  const lines = (base as { value: Exposition }).value.samples.filter((x) => !(x.name in values) || !extra.includes(`${x.name}`)).map((x) => `${x.name}${Object.keys(x.labels).length ? `{${Object.entries(x.labels).map(([k, v]) => `${k}="${v}"`).join(',')}}` : ''} ${x.value}`);
  return { ok: true, value: parseExposition(`${lines.join('\n')}\n${extra}\n`), ms: 1 };
}

describe('every series counts', () => {
  it('a metric as several series: the row shows the worst with its labels, and each series fires its own alert', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), text(CALM, 'portfolio_drawdown{desk="a"} 0.01\nportfolio_drawdown{desk="b"} 0.5'));
    e.recordHealth(s(0), HEALTH);
    const snap = e.snapshot(s(0));
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ value: 0.5, labels: { desk: 'b' }, series: 2, level: 'critical' });
    const dd = snap.alerts.filter((a) => a.name === 'ExcessiveDrawdown');
    expect(dd).toHaveLength(1);
    expect(dd[0]).toMatchObject({ key: 'ExcessiveDrawdown{desk="b"}', seriesLabels: { desk: 'b' }, value: 0.5, line: { op: '>', value: 0.15 } });
    expect(dd[0]!.labels).toMatchObject({ alertname: 'ExcessiveDrawdown', desk: 'b', job: 'gpt-trader', instance: '127.0.0.1:8080' });
    // Both desks past 15%: two instances of the alert, the one firing longest first.
    e.recordScrape(s(1), text(CALM, 'portfolio_drawdown{desk="a"} 0.2\nportfolio_drawdown{desk="b"} 0.5'));
    expect(e.snapshot(s(1)).alerts.filter((a) => a.name === 'ExcessiveDrawdown' && a.state === 'firing').map((a) => a.key)).toEqual(['ExcessiveDrawdown{desk="b"}', 'ExcessiveDrawdown{desk="a"}']);
  });

  it('duplicate series and unreadable lines are said, and make it a warning', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), text(CALM, 'cpu_usage 0.3\ncpu_usage 0.3\nbroken{ 1\nalso broken'));
    e.recordHealth(s(0), HEALTH);
    const snap = e.snapshot(s(0));
    expect(snap.scrape).toEqual({ unreadable: 2, duplicates: ['cpu_usage'] });
    expect(snap.verdict).toMatchObject({ code: 1, reasons: ['/metrics: 2 lines unreadable', '/metrics: duplicate series cpu_usage'] });
  });
});

describe('no data is not calm', () => {
  it.each([
    ['missing', { ...CALM, portfolio_drawdown: undefined as unknown as number }],
    ['NaN', { ...CALM, portfolio_drawdown: NaN }],
    ['+Inf', { ...CALM, portfolio_drawdown: Infinity }],
  ])('a contract metric %s: a warning that says so, never OK', (why, values) => {
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const e = new Engine(config);
    e.recordScrape(s(0), scrape(clean, calmHistograms(1)));
    e.recordHealth(s(0), HEALTH);
    const snap = e.snapshot(s(0));
    expect(snap.metrics.portfolio_drawdown).toMatchObject({ noData: why, level: 'warning' });
    expect(snap.metrics.portfolio_drawdown!.value).toBeUndefined();
    expect(snap.verdict).toMatchObject({ code: 1, reasons: [`Drawdown: no data (${why})`] });
  });

  it('an optional metric (trades_total) missing is fine', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape(CALM, calmHistograms(1)));
    e.recordHealth(s(0), HEALTH);
    expect(e.snapshot(s(0)).metrics.trades_total?.noData).toBeUndefined();
    expect(e.snapshot(s(0)).verdict.code).toBe(0);
  });

  it('a series that goes away while its alert fires resolves it, as Prometheus would, marked no data', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape({ ...CALM, memory_usage: 0.95 }, calmHistograms(1)));
    e.recordScrape(s(61), scrape({ ...CALM, memory_usage: 0.95 }, calmHistograms(2)));
    expect(e.snapshot(s(61)).alerts.find((a) => a.name === 'MemoryCritical')?.state).toBe('firing');
    const gone = Object.fromEntries(Object.entries(CALM).filter(([k]) => k !== 'memory_usage'));
    e.recordScrape(s(62), scrape(gone, calmHistograms(3)));
    expect(e.snapshot(s(62)).alerts.find((a) => a.name === 'MemoryCritical')).toMatchObject({ state: 'resolved', resolvedNoData: true });
  });
});

describe('the trader dark', () => {
  it('trading is unknown with what was last seen; firing metric alerts are held as no data; UNKNOWN until SystemDown fires, then CRITICAL', () => {
    const e = new Engine(config, { staleAfterMs: 5000 });
    e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.162 }, calmHistograms(1)));
    e.recordHealth(s(0), HEALTH);
    expect(e.snapshot(s(0)).trader.trading).toBe('active');
    for (let t = 1; t <= 40; t++) {
      e.recordScrape(s(t), failed('timed out after 3s'));
      e.recordHealth(s(t), failed('timed out after 3s'));
    }
    let snap = e.snapshot(s(40));
    expect(snap.trader.trading).toBeUndefined();
    expect(snap.trader.lastTrading).toEqual({ state: 'active', at: s(0) });
    expect(snap.trader.componentsFresh).toBe(false);
    expect(snap.alerts.find((a) => a.name === 'ExcessiveDrawdown')).toMatchObject({ state: 'firing', stale: true, value: 0.162 });
    expect(snap.alerts.find((a) => a.name === 'SystemDown')).toMatchObject({ state: 'pending', stale: false });
    expect(snap.verdict).toEqual({ code: 3, word: 'UNKNOWN', reasons: ['trader not answering for 40s'] });
    for (let t = 41; t <= 62; t++) {
      e.recordScrape(s(t), failed('timed out after 3s'));
      e.recordHealth(s(t), failed('timed out after 3s'));
    }
    snap = e.snapshot(s(62));
    expect(snap.alerts.find((a) => a.name === 'SystemDown')).toMatchObject({ state: 'firing', value: 0 });
    expect(snap.verdict).toMatchObject({ code: 2, word: 'CRITICAL' });
    expect(snap.verdict.reasons[0]).toMatch(/^SystemDown firing: the trader has not answered for 1m0\ds$/);
  });
});

describe('severity and the verdict agree with the rows', () => {
  it('only a warning line crossed: WARNING (1), with DrawdownWarning medium', () => {
    const e = new Engine(config);
    e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.106 }, calmHistograms(1)));
    e.recordHealth(s(0), HEALTH);
    const snap = e.snapshot(s(0));
    expect(snap.metrics.portfolio_drawdown!.level).toBe('warning');
    expect(snap.alerts.map((a) => [a.name, a.severity])).toEqual([['DrawdownWarning', 'medium']]);
    expect(snap.verdict).toMatchObject({ code: 1, word: 'WARNING' });
  });
});

describe('live first', () => {
  it('firing, then pending, then resolved; by severity, then age; the resolved stay as long as the config says', () => {
    const keep = { ...config, resolvedKeepMs: 60_000 };
    const e = new Engine(keep);
    // Memory fires its critical line (high) while its warning line and CPU's wait out their 2m (medium).
    e.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.16 }, calmHistograms(1)));
    e.recordScrape(s(10), scrape({ ...CALM, memory_usage: 0.95, cpu_usage: 0.75 }, calmHistograms(2)));
    e.recordScrape(s(80), scrape({ ...CALM, memory_usage: 0.95, cpu_usage: 0.75 }, calmHistograms(3)));
    const at80 = e.snapshot(s(80)).alerts.map((a) => `${a.state} ${a.severity} ${a.name}`);
    expect(at80).toEqual(['firing high MemoryCritical', 'pending medium HighCPUUsage', 'pending medium HighMemoryUsage']);
    const e2 = new Engine(keep);
    e2.recordScrape(s(0), scrape({ ...CALM, portfolio_drawdown: 0.16 }, calmHistograms(1)));
    e2.recordScrape(s(10), scrape({ ...CALM, cpu_usage: 0.75 }, calmHistograms(2)));
    expect(e2.snapshot(s(10)).alerts.map((a) => `${a.state} ${a.severity} ${a.name}`)).toEqual([
      'pending medium HighCPUUsage',
      'resolved critical ExcessiveDrawdown',
      'resolved medium DrawdownWarning',
    ]);
    // Gone from the list after resolved_keep.
    expect(e2.snapshot(s(71)).alerts.map((a) => a.name)).toEqual(['HighCPUUsage']);
  });
});
