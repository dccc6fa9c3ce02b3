// The console with a bad night's load: 1,000 active alerts and 200 health
// components, drawn the way `gptmon tui` draws (Ink in debug mode into the
// screen writer, which paints the live lines between React commits). How long
// a frame takes from a new snapshot to the bytes for the terminal: when only
// values move (the live path), and when the alerts themselves change (a React
// commit and Ink's layout); and a keystroke in the / filter.

import { EventEmitter } from 'node:events';
import React from 'react';
import { render } from 'ink';
import { loadConfig } from '../dist/config/load.js';
import { Engine } from '../dist/engine/engine.js';
import { App } from '../dist/ui/tui/App.js';
import { PaintContext } from '../dist/ui/tui/live.js';
import { createScreen } from '../dist/ui/tui/screen.js';
import { ThemeContext } from '../dist/ui/tui/theme.js';
import { FakeStdin } from '../test/helpers/fake-stdin.mjs';
import { virtualScreen } from '../test/helpers/vscreen.mjs';
import { summary, sleep, until } from './lib/stats.mjs';

/** `variant` moves the values; `fresh` puts a new critical alert at the top of the list (a change of what is shown). */
function bigSnapshot(config, now, variant, fresh) {
  const e = new Engine({ ...config, prometheus: 'http://prom.invalid' });
  const severities = ['critical', 'high', 'medium', 'low'];
  const alerts = Array.from({ length: 1000 }, (_, i) => {
    if (fresh !== undefined && i === 0) return { labels: { alertname: `Fresh${fresh}`, severity: 'critical', shard: 'fresh' }, annotations: { summary: 'a new one' }, state: 'firing', activeAt: now, value: 1 };
    return {
      labels: { alertname: `Alert${String(i).padStart(4, '0')}`, severity: severities[i % 4], shard: `shard-${i % 50}` },
      annotations: { summary: `synthetic alert ${i}` },
      state: i % 3 ? 'firing' : 'pending',
      activeAt: now - (i + 1) * 1000,
      value: (i % 100) / 100 + variant * 1e-3,
    };
  });
  const one = (value) => [{ labels: {}, value }];
  e.recordPrometheus(now, { values: { portfolio_drawdown: one(0.05 + variant * 1e-3), cpu_usage: one(0.4) }, metricErrors: {}, ms: 1, alerts: { ok: true, value: alerts, ms: 1 }, warnings: [] });
  const components = Array.from({ length: 200 }, (_, i) => ({ name: `component-${i}`, healthy: i % 17 !== 0, latencyMs: i % 10 }));
  e.recordHealth(now, { ok: true, ms: 1, value: { components, metrics: { uptime: 1000 } } });
  return e.snapshot(now);
}

function must(ok, what) {
  if (!ok) throw new Error(`scale: ${what}`);
}

/** The console at 100x30 as `gptmon tui` wires it, onto a terminal that counts writes. */
function liveConsole(controller, config) {
  let writes = 0;
  let withInk = 0;
  const vt = virtualScreen(100, 30);
  const unread = [];
  let screen;
  const term = Object.assign(new EventEmitter(), {
    columns: 100,
    rows: 30,
    isTTY: true,
    write: (s) => {
      writes++;
      // The Ink frames handed over by the time of this write: a commit has reached the terminal once this passes them.
      withInk = screen.inkFrames();
      // Read by the virtual terminal when asked, outside the timed part.
      unread.push(s);
      return true;
    },
  });
  // No frame-rate cap: what is measured is the frame's cost, not the console's 20 fps pacing.
  screen = createScreen(term, { maxFps: 1000 });
  const stdin = new FakeStdin();
  const tree = React.createElement(
    PaintContext.Provider,
    { value: screen },
    React.createElement(ThemeContext.Provider, { value: { color: true, attributes: true } }, React.createElement(App, { controller, config, readOnly: false, operator: 'bench' })),
  );
  const app = render(tree, { stdout: screen.sink, stdin, debug: true, exitOnCtrlC: false, patchConsole: false });
  return {
    stdin,
    writes: () => writes,
    /** Ink frames made so far, and how many of them had reached the terminal at its last write. */
    inkFrames: () => screen.inkFrames(),
    inkShown: () => withInk,
    /** What the terminal shows. */
    shown: () => {
      for (const s of unread.splice(0)) vt.feed(s);
      return vt.text();
    },
    unmount: () => {
      app.unmount();
      screen.close();
    },
  };
}

export async function measureScale({ samples }) {
  const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  const now = Date.now();
  let snap = bigSnapshot(config, now, 0);
  const listeners = new Set();
  const controller = {
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    getSnapshot: () => snap,
    isPaused: () => false,
    setPaused() {},
    refreshClock() {},
    ack: async () => ({ ok: false, reason: 'bench' }),
    unack: async () => ({ ok: false, reason: 'bench' }),
  };
  const c = liveConsole(controller, config);
  // The setup is what it says, or there is no figure: 1,000 of this trader's alerts in the strip.
  must(await until(() => c.shown().includes('Alerts (1000)'), 5000), 'the overview never showed the 1,000 alerts');
  await sleep(50);

  /** From an action to the terminal's next write; with `ink`, to the write that carries a new React commit. */
  const nextFrame = async (action, ink = false) => {
    const before = c.writes();
    const inkBefore = c.inkFrames();
    const t0 = performance.now();
    action();
    must(await until(() => c.writes() > before && (!ink || c.inkShown() > inkBefore), 2000, 0), `no ${ink ? 'React commit reached the terminal' : 'frame'} within 2 s`);
    return performance.now() - t0;
  };
  const publish = (s) => () => {
    snap = s;
    listeners.forEach((l) => l());
  };
  // Snapshots are built before the clock starts: the engine's work is not the frame's.
  const frame = [];
  const commit = [];
  for (let i = 1; i <= samples; i++) {
    frame.push(await nextFrame(publish(bigSnapshot(config, now + i * 1000, i))));
  }
  for (let i = 1; i <= samples; i++) {
    commit.push(await nextFrame(publish(bigSnapshot(config, now + (samples + i) * 1000, samples + i, i)), true));
  }
  c.stdin.write('A');
  must(await until(() => /Alerts 1\d{3} /.test(c.shown()), 2000), `the alerts view never showed the 1,000 alerts:\n${c.shown()}`);
  c.stdin.write('/');
  await sleep(20);
  const keystroke = [];
  const text = 'alert00';
  for (let i = 0; i < samples; i++) {
    const ch = text[i % text.length];
    keystroke.push(await nextFrame(() => c.stdin.write(ch), true));
    if (i % text.length === text.length - 1) {
      for (let k = 0; k < text.length; k++) await nextFrame(() => c.stdin.write('\u007f'), true);
    }
  }
  c.unmount();
  return { frameMs: summary(frame), commitMs: summary(commit), keystrokeMs: summary(keystroke) };
}
