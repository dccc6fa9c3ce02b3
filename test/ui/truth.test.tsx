// The console shows only what is true now, worst live thing first, at 100x30
// and at 80x24: each screen rule of the "truth" issue, from a real engine.

import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import type { Snapshot } from '../../src/engine/types.js';
import { sparkline } from '../../src/ui/sparkline.js';
import { BINDINGS } from '../../src/ui/tui/keys.js';
import { CALM, calmHistograms, failed, scrape } from '../helpers/scrape.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const at = (s: number) => T0 + s * 1000;
const HEALTH = { ok: true as const, ms: 1, value: { site: 'primary', components: [{ name: 'database', healthy: true }], metrics: {} } };
afterEach(() => cleanup());

/** A night so far: a drawdown past 15% that has resolved, then the model degrading (high) and memory climbing (medium). */
function night(): Snapshot {
  const e = new Engine({ ...config, alerts: config.alerts.map((a) => (a.name === 'ModelDegradation' ? { ...a, durationMs: 0 } : a)) });
  e.recordScrape(at(0), scrape({ ...CALM, portfolio_drawdown: 0.16 }, calmHistograms(1)));
  e.recordHealth(at(0), HEALTH);
  for (let s = 60; s <= 600; s += 60) {
    e.recordScrape(at(s), scrape({ ...CALM, model_accuracy: 0.53, memory_usage: 0.84 }, calmHistograms(s)));
    e.recordHealth(at(s), HEALTH);
  }
  return e.snapshot(at(600));
}

describe.each([
  { columns: 100, rows: 30 },
  { columns: 80, rows: 24 },
])('at $columns x $rows', (size) => {
  it('live first: the firing HIGH and MED above the resolved CRIT, the cursor on the worst live one, the resolved one dimmed and aged', async () => {
    const snap = night();
    const r = renderConsole(stubController(snap), config, size);
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('ModelDegradation'));
    const strip = f.split('\n').filter((l) => /(CRIT|HIGH|MED) +[A-Z]/.test(l) && !l.includes('TRADING'));
    expect(strip.map((l) => /(ModelDegradation|HighMemoryUsage|ExcessiveDrawdown|DrawdownWarning)/.exec(l)?.[1])).toEqual(['ModelDegradation', 'HighMemoryUsage', 'ExcessiveDrawdown', 'DrawdownWarning'].slice(0, strip.length));
    expect(strip[0]).toMatch(/^.?.?▶▲ HIGH ModelDegradation +53\.0% < 55%/);
    if (strip.length > 2) expect(strip[2]).toMatch(/ExcessiveDrawdown +16\.0% > 15% +resolved 9m00s ago/);
  });

  it('the trader dark: TRADING ? with what was last seen, never ACTIVE', async () => {
    const e = new Engine(config, { staleAfterMs: 5000 });
    e.recordScrape(at(0), scrape(CALM, calmHistograms(1)));
    e.recordHealth(at(0), HEALTH);
    for (let s = 1; s <= 67; s++) {
      e.recordScrape(at(s), failed('timed out after 3s'));
      e.recordHealth(at(s), failed('timed out after 3s'));
    }
    const r = renderConsole(stubController(e.snapshot(at(67))), config, size);
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
    expect(f.split('\n')[0]).toContain('? TRADING last ACTIVE 1m07s ago');
    expect(f).not.toContain('TRADING ACTIVE');
    expect(f).toMatch(/\? database/);
    expect(f).toMatch(/SystemDown +down +firing/);
  });

  it('a stale CRIT without colour still says CRIT, marked as not known now', async () => {
    const e = new Engine(config, { staleAfterMs: 5000 });
    e.recordScrape(at(0), scrape({ ...CALM, portfolio_drawdown: 0.167 }, calmHistograms(1)));
    e.recordHealth(at(0), HEALTH);
    e.recordScrape(at(40), failed('timed out after 3s'));
    e.recordHealth(at(40), HEALTH);
    const r = renderConsole(stubController(e.snapshot(at(40))), config, size);
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
    expect(f).toMatch(/Drawdown +16\.7% ✖ CRIT\?/);
    expect(f).not.toMatch(/Drawdown +16\.7% ✓/);
  });

  it('every value keeps its lines (compact at 80x24), and the alert strip shows value and line', async () => {
    const e = new Engine(config);
    e.recordScrape(at(0), scrape({ ...CALM, portfolio_drawdown: 0.165 }, calmHistograms(1)));
    e.recordHealth(at(0), HEALTH);
    const r = renderConsole(stubController(e.snapshot(at(0))), config, size);
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('ExcessiveDrawdown'));
    expect(f).toMatch(size.columns >= 100 ? /Drawdown +16\.5% ✖ CRIT .*>10│15%/ : /Drawdown +16\.5% ✖ CRIT .*▲10 ✖15/);
    expect(f).toMatch(size.columns >= 100 ? /Memory .*>80│90%/ : /Memory .*▲80 ✖90/);
    expect(f).toMatch(/ExcessiveDrawdown +16\.5% > 15%/);
  });

  it('? help scrolls to its last line with j and pgdn', async () => {
    const r = renderConsole(stubController(night()), config, size);
    await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
    r.stdin.write('?');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('Keys in overview'));
    expect(f).not.toContain('erase the line');
    await typeKeys(r.stdin, '\u001b[6~', '\u001b[6~', '\u001b[6~', 'j', 'j');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('erase the line'), 'the last help line');
    expect(f).toMatch(/lines \d+-\d+ of \d+/);
  });

  it('while paused the footer says p resume', async () => {
    const ctl = stubController(night());
    const r = renderConsole(ctl, config, size);
    await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
    r.stdin.write('p');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('PAUSED'));
    expect(f).toContain(' p resume');
  });

  it('the footer shows whole key hints only, never one cut mid-word', async () => {
    for (const readOnly of [false, true]) {
      const r = renderConsole(stubController(night()), config, size, { readOnly });
      const f = await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
      const footer = f.split('\n').at(-1)!;
      const shorts = new Set(BINDINGS.map((b) => `${b.label} ${b.short}`));
      const hints = footer.trim().split(/ {2}/).map((h) => h.trim()).filter((h) => h && h !== '[read-only]');
      expect(hints.length).toBeGreaterThan(2);
      expect(hints.filter((h) => !shorts.has(h))).toEqual([]);
      if (readOnly) expect(footer).toContain('[read-only]');
      r.unmount();
    }
  });
});

describe('sparklines do not invent trends', () => {
  it('a flat series draws flat, a wobble far inside its lines draws low and flat, a real climb shows', () => {
    expect(sparkline([0.5, 0.5, 0.5, 0.5], 4, { lines: [0.8, 0.9] })).toMatch(/^(.)\1{3}$/);
    // Memory at 50% ± 0.2 points, lines at 80 and 90%: under 1% of the scale, flat.
    expect(sparkline([0.5, 0.502, 0.498, 0.501], 4, { lines: [0.8, 0.9] })).toMatch(/^(.)\1{3}$/);
    expect(sparkline([0.5, 0.502, 0.498, 0.501], 4, { lines: [0.8, 0.9] })[0]).not.toBe('█');
    // $1.05M wobbling by $1K with no lines: flat too.
    expect(sparkline([1_050_000, 1_051_000, 1_049_500], 3)).toBe('▄▄▄');
    // A drawdown climbing from 3% to 16% against lines at 10 and 15%: it rises.
    expect(sparkline([0.03, 0.08, 0.12, 0.16], 4, { lines: [0.1, 0.15] })).toBe('▁▄▆█');
  });
});

describe('the demo says it is one', () => {
  it('SIM and its URL in the header; :scenario starts an incident; the help says how to reach it', async () => {
    const asked: string[] = [];
    const demo = { url: 'http://127.0.0.1:8080', token: 'tok123', scenarios: ['calm', 'drawdown', 'db-saturation'], setScenario: (n: string) => (asked.push(n), undefined) };
    const { render } = await import('ink-testing-library');
    const React = await import('react');
    const { App } = await import('../../src/ui/tui/App.js');
    const { ThemeContext } = await import('../../src/ui/tui/theme.js');
    const r = render(React.createElement(React.Fragment));
    Object.defineProperty(r.stdout, 'columns', { value: 100, configurable: true });
    Object.defineProperty(r.stdout, 'rows', { value: 30, configurable: true });
    r.rerender(React.createElement(ThemeContext.Provider, { value: { color: false } }, React.createElement(App, { controller: stubController(night()), config, readOnly: false, operator: 'ana', demo })));
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('Trading'));
    expect(f.split('\n')[0]).toMatch(/^ SIM http:\/\/127\.0\.0\.1:8080 /);
    // Tab and Enter in the same read as the text (tmux send-keys, a quick typist) still complete, then submit.
    await typeKeys(r.stdin, ':', 'scenario dr\t\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('the simulator is running the drawdown scenario'));
    expect(asked).toEqual(['drawdown']);
    r.stdin.write('?');
    await typeKeys(r.stdin, '\u001b[6~', '\u001b[6~', '\u001b[6~');
    const help = await waitForFrame(r.lastFrame, (x) => x.includes('GPTMON_TOKEN=tok123'), 'how to reach the simulator');
    expect(help).toContain('gptmon halt --confirm');
  });
});
