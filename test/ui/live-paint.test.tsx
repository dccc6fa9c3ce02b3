// The live path as `gptmon tui` draws it: values, ages, sparklines and the
// clock reach the screen through the screen writer with no React commit; a
// change of structure still goes through Ink; and whatever was painted live
// equals what Ink draws in a fresh render of the same snapshot, over a night that
// changes everything (so the structure key misses nothing shown).

import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import type { Snapshot } from '../../src/engine/types.js';
import { createScreen } from '../../src/ui/tui/screen.js';
import { CALM, calmHistograms, failed, scrape } from '../helpers/scrape.js';
import { renderLiveConsole } from '../helpers/live-console.js';
import { stubController } from '../helpers/tui.js';
import { virtualScreen } from '../helpers/vscreen.mjs';
import { waitFor } from '../helpers/wait.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const at = (s: number) => T0 + s * 1000;
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
const HEALTH = { ok: true as const, ms: 2, value: { site: 'primary', components: [{ name: 'database', healthy: true, latencyMs: 2 }, { name: 'model', healthy: true, modelId: 'primary-v12' }, { name: 'api', healthy: true }], metrics: { uptime: 86400, requestsPerSecond: 41.7, errorRate: 0.002 } } };

/** A trader read every second: `read(s)` gives what second `s` answered (undefined: nothing answered; 'skip': not polled). */
function night(read: (s: number) => Record<string, number> | undefined | 'skip') {
  const e = new Engine(config, { staleAfterMs: 5000 });
  let fed = -1;
  return (s: number): Snapshot => {
    for (; fed < s; ) {
      fed++;
      const values = read(fed);
      if (values === 'skip') continue;
      e.recordScrape(at(fed), values ? scrape(values, calmHistograms(fed)) : failed('connection refused'));
      e.recordHealth(at(fed), values ? HEALTH : failed('connection refused'));
    }
    return e.snapshot(at(s));
  };
}

const opened: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.unmount();
});
const open = (...args: Parameters<typeof renderLiveConsole>) => {
  const r = renderLiveConsole(...args);
  opened.push(r);
  return r;
};

describe('the live path', () => {
  it('paints new values, ages and the clock without a React commit', async () => {
    const snapAt = night((s) => (s <= 11 ? { ...CALM, portfolio_drawdown: s === 11 ? 0.047 : 0.031 } : 'skip'));
    const c = stubController(snapAt(10));
    const r = open(c, config, { columns: 100, rows: 30 });
    await waitFor('the first frame', () => /Drawdown +3\.1% ✓/.test(r.text()), 5000, 5);
    const frames = r.inkFrames();
    c.set(snapAt(11));
    await waitFor('the new drawdown', () => /Drawdown +4\.7% ✓/.test(r.text()), 5000, 5);
    expect(r.text()).toContain(clock(at(11)));
    // Three seconds on with nothing read: the ages say so.
    c.set(snapAt(14));
    await waitFor('the ages', () => r.text().includes('health 3s · metrics 3s'), 5000, 5).catch((e) => {
      throw new Error(`${e}\n${r.text()}`);
    });
    expect(r.text()).toContain(clock(at(14)));
    // Past stale: the value keeps its state, marked, and the panel says how old it is; still no commit.
    c.set(snapAt(17));
    await waitFor('the stale marks', () => r.text().includes('Trading · stale 6s'), 5000, 5);
    expect(r.text()).toMatch(/Drawdown +4\.7% ✓\?/);
    c.set(snapAt(18));
    await waitFor('the stale age moving', () => r.text().includes('Trading · stale 7s'), 5000, 5);
    expect(r.inkFrames()).toBe(frames);
  });

  it('commits through Ink when the structure changes: an alert comes, and goes', async () => {
    const snapAt = night((s) => ({ ...CALM, portfolio_drawdown: s >= 12 && s < 20 ? 0.17 : 0.03 }));
    const c = stubController(snapAt(10));
    const r = open(c, config, { columns: 100, rows: 30 });
    await waitFor('the first frame', () => r.text().includes('no alerts firing or pending'), 5000, 5);
    const frames = r.inkFrames();
    c.set(snapAt(12));
    await waitFor('the alert in the strip', () => /✖ CRIT ExcessiveDrawdown/.test(r.text()), 5000, 5);
    expect(r.inkFrames()).toBeGreaterThan(frames);
    const withAlert = r.inkFrames();
    // The alert's age moves with no commit.
    c.set(snapAt(15));
    await waitFor('the alert line moving', () => r.text().includes(clock(at(15))), 5000, 5);
    expect(r.inkFrames()).toBe(withAlert);
    c.set(snapAt(20));
    c.set(snapAt(21));
    await waitFor('the alert resolved', () => /resolved/.test(r.text()), 5000, 5);
  });

  describe.each([
    { columns: 100, rows: 30, view: 'overview' as const },
    { columns: 80, rows: 24, view: 'overview' as const },
    { columns: 60, rows: 20, view: 'overview' as const },
    { columns: 100, rows: 30, view: 'alerts' as const },
  ])('at $columns x $rows on the $view', ({ view, ...size }) => {
    it('what it paints live is what a fresh render of the same snapshot draws', async () => {
      // Calm; memory over its line (pending, then firing); a drawdown past critical; the trader dark; back.
      const read = (s: number) => (s >= 30 && s < 45 ? undefined : { ...CALM, memory_usage: s >= 14 && s < 30 ? 0.86 : 0.5, portfolio_drawdown: s >= 20 && s < 30 ? 0.162 + s * 0.001 : 0.03 });
      const snapAt = night(read);
      const c = stubController(snapAt(10));
      const live = open(c, config, size, { initial: { view } });
      await waitFor('the first frame', () => live.text().includes('Alerts'), 5000, 5);
      for (const s of [11, 12, 14, 15, 20, 21, 22, 26, 30, 33, 36, 41, 46, 50, 56, 70, 107]) {
        const snap = snapAt(s);
        c.set(snap);
        // Drawn whole by Ink: what the live path paints must be what Ink would have drawn.
        const fresh = open(stubController(snap), config, size, { initial: { view }, inkOnly: true });
        const same = () => fresh.text().includes('Alerts') && live.text() === fresh.text() && live.styles() === fresh.styles();
        await waitFor(`second ${s} painted as a fresh render draws it`, same, 3000, 5).catch(() => undefined);
        expect(live.text(), `second ${s}`).toBe(fresh.text());
        expect(live.styles(), `second ${s}`).toBe(fresh.styles());
        fresh.unmount();
      }
    });
  });
});

describe('live regions on the screen writer', () => {
  it('sanitise what they paint, and paint only inside their box', async () => {
    const vt = virtualScreen(30, 4);
    const written: string[] = [];
    const term = Object.assign(new (await import('node:events')).EventEmitter(), { columns: 30, rows: 4, write: (s: string) => (written.push(s), vt.feed(s), true) });
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 1000 });
    let text = 'calm';
    screen.add({ place: () => ({ row: 1, col: 5, width: 10 }), text: () => text });
    screen.sink.write('header\n|    ..........  |\nfooter');
    await waitFor('the frame', () => vt.text().includes('footer'), 2000, 5);
    expect(vt.text().split('\n')[1]).toBe('|    calm        |');
    text = 'x\x1b]0;PWNED\x07\x1b[2Jred \x1b[31mvalue\x1b[0m that is far too long';
    screen.repaint();
    await waitFor('the repaint', () => vt.text().split('\n')[1] !== '|    calm        |', 2000, 5);
    expect(vt.text().split('\n')[1]).toBe('|    xred value  |');
    const all = written.join('');
    expect(all).not.toContain('PWNED');
    expect(all).not.toContain('\x1b[2J');
    expect(vt.styleAt(2, 11)).toBe('fg=31');
    screen.close();
  });
});
