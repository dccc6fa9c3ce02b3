// A trader (or an exporter in front of it) with 100k series on /metrics: the
// body parsed as it streams, in 64 KB pieces, then evaluated (readings,
// alert rules, the snapshot the console draws). The time is for one scrape.

import { loadConfig } from '../dist/config/load.js';
import { Engine } from '../dist/engine/engine.js';
import { ExpositionParser } from '../dist/sources/exposition.js';
import { summary } from './lib/stats.mjs';

/** The calm trader's own series, then `extra` series of other metrics with labels, as an exporter writes them. */
function body(config, extra, variant) {
  const lines = ['# TYPE trader_info gauge', 'trader_info{site="primary",model="primary-v12"} 1'];
  for (const m of Object.values(config.metrics)) if (m.read.as === 'gauge') lines.push(`${m.read.series} ${(0.01 + variant * 1e-4).toFixed(6)}`);
  lines.push('# TYPE exporter_requests_total counter');
  for (let i = 0; i < extra; i++) lines.push(`exporter_requests_total{instance="host-${i % 500}:9100",path="/api/v1/item/${i}",code="200"} ${i * 3 + variant}`);
  return `${lines.join('\n')}\n`;
}

export async function measureBigScrape({ samples, series = 100_000 }) {
  const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  const names = new Set(['trader_info']);
  for (const m of Object.values(config.metrics)) if (m.read.as !== 'query') names.add(m.read.series);
  const keep = (name) => names.has(name);
  const engine = new Engine(config);
  const times = [];
  const cpu = [];
  let bytes = 0;
  let seriesSeen = 0;
  // Two bodies whose values differ, taken in turn: each scrape moves every reading.
  const bodies = [body(config, series, 0), body(config, series, 1)];
  for (let i = 0; i < samples + 2; i++) {
    const text = bodies[i % 2];
    bytes = Buffer.byteLength(text);
    const now = Date.now();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const parser = new ExpositionParser({ keep });
    for (let at = 0; at < text.length; at += 65_536) parser.push(text.slice(at, at + 65_536));
    const parsed = parser.end();
    engine.recordScrape(now, { ok: true, value: parsed, ms: 1 });
    const snap = engine.snapshot(now);
    const ms = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    seriesSeen = parsed.samples.length + series;
    if (!snap.metrics) throw new Error('no snapshot');
    // The first two warm the code up, as a running console's are.
    if (i >= 2) {
      times.push(ms);
      cpu.push((c1.user + c1.system) / 1000);
    }
  }
  // Wall time is the figure; CPU time (all of the process's threads) says how much of it was waiting on a busy machine.
  return { ms: summary(times), cpuMs: summary(cpu), bytes, series: seriesSeen };
}
