// The console with a bad night's load: 1,000 active alerts and 200 health
// components. How long a frame takes, and a keystroke in the / filter.

import React from 'react';
import { render } from 'ink-testing-library';
import { loadConfig } from '../dist/config/load.js';
import { Engine } from '../dist/engine/engine.js';
import { App } from '../dist/ui/tui/App.js';
import { ThemeContext } from '../dist/ui/tui/theme.js';
import { summary, sleep, until } from './lib/stats.mjs';

function bigSnapshot(config, now, variant) {
  const e = new Engine({ ...config, prometheus: 'http://prom.invalid' });
  const severities = ['critical', 'high', 'medium', 'low'];
  const alerts = Array.from({ length: 1000 }, (_, i) => ({
    labels: { alertname: `Alert${String(i).padStart(4, '0')}`, severity: severities[i % 4], instance: `host-${i % 50}:9100` },
    annotations: { summary: `synthetic alert ${i}` },
    state: i % 3 ? 'firing' : 'pending',
    activeAt: now - (i + 1) * 1000,
    value: (i % 100) / 100 + variant * 1e-4,
  }));
  const one = (value) => [{ labels: {}, value }];
  e.recordPrometheus(now, { values: { portfolio_drawdown: one(0.05 + variant * 1e-4), cpu_usage: one(0.4) }, metricErrors: {}, ms: 1, alerts: { ok: true, value: alerts, ms: 1 }, warnings: [] });
  const components = Array.from({ length: 200 }, (_, i) => ({ name: `component-${i}`, healthy: i % 17 !== 0, latencyMs: i % 10 }));
  e.recordHealth(now, { ok: true, ms: 1, value: { components, metrics: { uptime: 1000 } } });
  return e.snapshot(now);
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
  const r = render(React.createElement(React.Fragment));
  Object.defineProperty(r.stdout, 'columns', { value: 100, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: 30, configurable: true });
  r.rerender(React.createElement(ThemeContext.Provider, { value: { color: true } }, React.createElement(App, { controller, config, readOnly: false, operator: 'bench' })));
  await until(() => (r.lastFrame() ?? '').includes('Alert'), 5000);

  const nextFrame = async (action) => {
    const before = r.frames.length;
    const t0 = performance.now();
    action();
    await until(() => r.frames.length > before, 2000, 0);
    return performance.now() - t0;
  };
  const frame = [];
  for (let i = 1; i <= samples; i++) {
    snap = bigSnapshot(config, now + i * 1000, i);
    frame.push(await nextFrame(() => listeners.forEach((l) => l())));
  }
  r.stdin.write('A');
  await until(() => /Alerts 1000/.test(r.lastFrame() ?? ''), 2000);
  r.stdin.write('/');
  await sleep(20);
  const keystroke = [];
  const text = 'alert00';
  for (let i = 0; i < samples; i++) {
    const ch = text[i % text.length];
    keystroke.push(await nextFrame(() => r.stdin.write(ch)));
    if (i % text.length === text.length - 1) {
      for (let k = 0; k < text.length; k++) await nextFrame(() => r.stdin.write('\u007f'));
    }
  }
  r.unmount();
  return { frameMs: summary(frame), keystrokeMs: summary(keystroke) };
}
