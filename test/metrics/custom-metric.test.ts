// A team's own metric is a change in one place: declared in gptmon.yaml, it
// is read from /metrics, judged, shown in the console and in `status`,
// exported as a rule, and its alert fires. No code knows `queue_depth`.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Monitor } from '../../src/monitor/monitor.js';
import { Controller } from '../../src/ui/tui/controller.js';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
let server: Server;
let url: string;
let queueDepth = 40;

beforeAll(async () => {
  // A trader with the contract's health and one metric of the team's own.
  server = createServer((req, res) => {
    if (req.url === '/health/detailed') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ components: { database: { healthy: true } }, metrics: {} }));
    if (req.url === '/metrics') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`# TYPE queue_depth gauge\nqueue_depth ${queueDepth}\ntrading_enabled 1\nportfolio_drawdown 0.02\n`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => cleanup());

const CONFIG = (trader: string) => `trader: ${trader}
metrics:
  queue_depth:
    description: jobs waiting
    threshold_warning: 100
    threshold_critical: 500
    check_interval: 30s
alerts:
  - alert: QueueBacklog
    condition: queue_depth > 500
    duration: instant
    severity: medium
    action: [Check the consumers]
`;

describe("a team's own metric", () => {
  it('is in the config as a judged metric of the Custom panel', () => {
    const file = tmp.file('gptmon.yaml', CONFIG(url));
    const { config, issues } = loadConfig({ config: file }, { XDG_CONFIG_HOME: tmp.dir() });
    expect(issues).toEqual([]);
    expect(config.metrics.queue_depth).toMatchObject({ direction: 'above', warning: 100, critical: 500, panel: 'Custom', label: 'queue_depth', read: { as: 'gauge', series: 'queue_depth' }, custom: true });
    expect(config.alerts.find((a) => a.name === 'QueueBacklog')).toMatchObject({ valueKind: 'number', availability: false });
  });

  it('shows in status, in rules export, and fires its alert', async () => {
    const file = tmp.file('gptmon.yaml', CONFIG(url));
    const env = { XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir() };
    queueDepth = 640;
    const status = await runCli(['status', '--config', file], { env });
    expect(status.stdout).toMatch(/^queue_depth +640 +CRIT +>100│500$/m);
    expect(status.stdout).toMatch(/alerts: 1 firing \(QueueBacklog\)/);
    expect(status.code).toBe(2);
    const rules = await runCli(['rules', 'export', '--config', file], { env });
    expect(rules.stdout).toMatch(/- alert: QueueBacklog\n\s+expr: queue_depth > 500/);
    queueDepth = 40;
  });

  it('shows in the console in its own panel, and its alert in the strip', async () => {
    const file = tmp.file('gptmon.yaml', CONFIG(url));
    const { config } = loadConfig({ config: file }, { XDG_CONFIG_HOME: tmp.dir() });
    queueDepth = 250;
    const monitor = new Monitor({ config, ackFile: join(tmp.dir(), 'acks.json'), refreshMs: 250 });
    const controller = new Controller({ monitor, refreshMs: 250 });
    controller.start();
    try {
      const r = renderConsole(controller, config, { columns: 100, rows: 30 });
      const warn = await waitForFrame(r.lastFrame, (f) => /queue_depth +250 ▲ WARN/.test(f), 'queue_depth as a warning');
      expect(warn).toMatch(/┌ Custom ─/);
      expect(warn).toMatch(/queue_depth +250 ▲ WARN .*>100│500/);
      queueDepth = 900;
      const crit = await waitForFrame(r.lastFrame, (f) => f.includes('QueueBacklog'), 'QueueBacklog in the alert strip');
      expect(crit).toMatch(/● MED +QueueBacklog +900/);
    } finally {
      queueDepth = 40;
      await controller.stop();
    }
  });
});
