import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { CALM, calmHistograms, failed, scrape } from '../helpers/scrape.js';
import { renderConsole, stubController, waitForFrame } from '../helpers/tui.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const at = (s: number) => T0 + s * 1000;
const HEALTH = { ok: true as const, ms: 2, value: { site: 'primary', components: [{ name: 'database', healthy: true, latencyMs: 2 }, { name: 'model', healthy: true, modelId: 'primary-v12' }, { name: 'api', healthy: true }], metrics: { uptime: 86400, requestsPerSecond: 41.7, errorRate: 0.002 } } };

/** A few seconds of history, then the state under test. */
function snapshotOf(kind: 'calm' | 'warning' | 'critical' | 'stale' | 'down') {
  const e = new Engine(config, { staleAfterMs: 5000 });
  if (kind === 'down') {
    for (let s = 0; s <= 40; s += 5) {
      e.recordScrape(at(s), failed('connection refused'));
      e.recordHealth(at(s), failed('connection refused'));
    }
    return e.snapshot(at(40));
  }
  const values = kind === 'warning' ? { ...CALM, memory_usage: 0.85 } : kind === 'critical' ? { ...CALM, portfolio_drawdown: 0.162 } : CALM;
  for (let s = 0; s <= 10; s++) {
    e.recordScrape(at(s), scrape({ ...values, portfolio_drawdown: values.portfolio_drawdown + s * 0.0001 }, { ...calmHistograms(s), api_latency_seconds: [[0.1, s * 10], [0.5, s * 40], [Infinity, s * 40]] }));
    e.recordHealth(at(s), HEALTH);
  }
  if (kind === 'stale') {
    e.recordScrape(at(20), failed('timed out after 3s'));
    e.recordHealth(at(20), HEALTH);
    return e.snapshot(at(20));
  }
  return e.snapshot(at(10));
}

afterEach(() => cleanup());

describe.each([
  { columns: 100, rows: 30 },
  { columns: 80, rows: 24 },
])('the console at $columns x $rows', (size) => {
  const show = async (kind: Parameters<typeof snapshotOf>[0]) => {
    const r = renderConsole(stubController(snapshotOf(kind)), config, size);
    const frame = await waitForFrame(r.lastFrame, (f) => f.includes('Trading'), 'the overview');
    const lines = frame.split('\n');
    // Never taller than rows - 1, never wider than the terminal.
    expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(size.columns);
    return frame;
  };

  it('calm: trading active, nothing firing, values with units and a tick', async () => {
    const f = await show('calm');
    expect(f).toContain('■ TRADING ACTIVE');
    expect(f).toContain('✓ all clear');
    expect(f).toContain('no alerts firing');
    expect(f).toMatch(/Drawdown +3\.\d% ✓/);
    expect(f).toMatch(/Accuracy +62\.0% ✓/);
    expect(f).toMatch(/DB conns +20 ✓/);
    expect(f).toContain('✓ database 2ms');
    expect(f).toMatch(/health 0s · metrics 0s · alertmanager off \(acks kept locally\)/);
  });

  it('warning: the value says WARN with a symbol, not only a colour', async () => {
    const f = await show('warning');
    expect(f).toMatch(/Memory +85\.0% ▲ WARN/);
    expect(f).not.toContain('CRIT');
  });

  it('critical: the header counts it, the row says CRIT, the strip shows the countdown and runbook', async () => {
    const f = await show('critical');
    expect(f).toContain('✖ CRIT 1');
    expect(f).toMatch(/Drawdown +16\.\d% ✖ CRIT/);
    // The value and the line it is past, at both sizes; the countdown; the runbook where there is room.
    expect(f).toMatch(/✖ CRIT ExcessiveDrawdown +16\.\d% > 15% +firing 10s +respond in 4m50s/);
    if (size.columns >= 100) expect(f).toMatch(/respond in 4m50s +→ drawdown/);
    expect(f).toMatch(/Breakers +dd 16\.\d\/20% ▲/);
  });

  it('stale: the panel says how old its values are, and the source says stale', async () => {
    const f = await show('stale');
    expect(f).toMatch(/Trading · stale 10s/);
    // The row keeps its last state, marked as not known now, and says how old it is where there is room.
    expect(f).toMatch(size.columns >= 100 ? /Drawdown +3\.\d% ✓\? +10s/ : /Drawdown +3\.\d% ✓\?/);
    expect(f).toMatch(/metrics stale 10s/);
    expect(f).not.toMatch(/Drawdown +3\.\d% ✓ /);
    // The trader is not claimed active on old data.
    expect(f).toContain('? TRADING last ACTIVE 10s ago'.slice(size.columns < 80 ? 10 : 0));
    expect(f).not.toContain('■ TRADING ACTIVE');
  });

  it('down: no number looks live, the dead source is named', async () => {
    const f = await show('down');
    expect(f).toContain('TRADING UNKNOWN'.slice(size.columns < 80 ? 8 : 0));
    expect(f).toMatch(/health down \d+s/);
    expect(f).toMatch(/metrics down \d+s/);
    expect(f).toMatch(/Drawdown +— +(>10│15%|▲10 ✖15)/);
    expect(f).not.toMatch(/Drawdown +— ✓/);
    expect(f).toContain('health unavailable: connection refused');
  });
});

describe('the console at other sizes', () => {
  it('60x20: one column, scrolled with tab', async () => {
    const ctl = stubController(snapshotOf('critical'));
    const r = renderConsole(ctl, config, { columns: 60, rows: 20 });
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
    expect(f.split('\n')[2]).toMatch(/^▸Trading ─+$/);
    expect(f).not.toContain('Resources');
    expect(f).toMatch(/ExcessiveDrawdown/);
    r.stdin.write('\t');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('▸Model'), 'the model panel on top');
    expect(f.split('\n')[2]).toMatch(/^▸Model ─+$/);
    expect(f).not.toContain('▸Trading');
    // The critical drawdown is out of sight now: the header says where it is.
    expect(f.split('\n')[0]).toContain('✖ Drawdown in Trading (tab)');
    expect(f.split('\n').length).toBeLessThanOrEqual(19);
  });

  it('below 60x20: one line saying the size needed', async () => {
    const r = renderConsole(stubController(snapshotOf('calm')), config, { columns: 50, rows: 15 });
    expect(await waitForFrame(r.lastFrame, (f) => f.includes('too small'))).toBe('terminal too small: need 60x20, have 50x15');
  });
});
