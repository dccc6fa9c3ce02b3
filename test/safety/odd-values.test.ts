// Values of the wrong JSON type from Prometheus and Alertmanager: a rule that
// writes `alertname: 123`, an object summary, a number for who made a silence.
// They are turned into strings where they are parsed, so nothing that shows
// them crashes (both used to exit 70), and --json still shows them as sent.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Monitor } from '../../src/monitor/monitor.js';
import { runCli, expectNoStack } from '../helpers/cli.js';
import { startFaultServer } from '../helpers/fault-server.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
let server: Awaited<ReturnType<typeof startFaultServer>>;
const NOW = new Date().toISOString();

beforeAll(async () => {
  server = await startFaultServer();
  // A Prometheus with the playbook's rules: it evaluates every alert, so gptmon evaluates none itself.
  const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
  const rules = config.alerts.map((a) => ({ type: 'alerting', name: a.name, health: 'ok' }));
  server.set('/api/v1/rules', 'ok-json', JSON.stringify({ status: 'success', data: { groups: [{ name: 'gpt-trader-playbook', rules }] } }));
  server.set('/api/v1/query', 'ok-json', JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { __name__: 'trader_info', site: 7, model: { v: 12 } }, value: [0, '1'] }] } }));
  server.set(
    '/api/v1/alerts',
    'ok-json',
    JSON.stringify({
      status: 'success',
      data: {
        alerts: [
          null,
          { labels: { alertname: 123, severity: 'critical', desk: { x: 1 }, note: '\x1b]0;PWNED\x07fx' }, annotations: { summary: { a: 1 }, runbook: 42 }, state: 'firing', activeAt: NOW, value: [] },
          { labels: { alertname: true, severity: 5 }, annotations: null, state: 'pending', activeAt: NOW, value: '2e-01' },
        ],
      },
    }),
  );
  // Alertmanager holds none of these alerts (Prometheus has not sent them): gptmon matches the silences itself.
  server.set('/api/v2/alerts', 'ok-json', '[]');
  server.set(
    '/api/v2/silences',
    'ok-json',
    JSON.stringify([
      { id: 's1', matchers: [{ name: 'alertname', value: 123, isRegex: false }, null], createdBy: 7, comment: { why: 'x' }, startsAt: NOW, endsAt: new Date(Date.now() + 3_600_000).toISOString(), status: { state: 'active' } },
      null,
    ]),
  );
});

afterAll(async () => {
  cleanup();
  await server?.close();
});

const targets = () => ['--trader', `${server.url}/trader`, '--prometheus', server.url, '--alertmanager', server.url];

describe('labels, annotations and silences that are not strings', () => {
  it('`gptmon alerts` shows them as text, and exits 0', async () => {
    const r = await runCli(['alerts', ...targets()], { env: { XDG_STATE_HOME: tmp.dir() } });
    expectNoStack(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CRIT +123 /);
    expect(r.stdout).toContain('{"a":1}');
    // The silence names alertname 123: it covers the alert, and its author shows as text.
    expect(r.stdout).toMatch(/acked by 7 to \d\d:\d\d/);
    expect(r.stdout).toContain('ack: "{"why":"x"}"');
    expect(r.stdout).not.toContain('\x1b');
  });

  it('`gptmon alerts --json` keeps them as received, as strings', async () => {
    const r = await runCli(['alerts', '--json', ...targets()], { env: { XDG_STATE_HOME: tmp.dir() } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { alerts: Array<{ name: string; labels: Record<string, string>; summary?: string; runbook?: string; ack?: { operator: string } }> };
    const a = doc.alerts.find((x) => x.name === '123')!;
    expect(a.labels).toEqual({ alertname: '123', severity: 'critical', desk: '{"x":1}', note: '\x1b]0;PWNED\x07fx' });
    expect(a.summary).toBe('{"a":1}');
    expect(a.runbook).toBe('42');
    expect(a.ack?.operator).toBe('7');
    expect(doc.alerts.find((x) => x.name === 'true')).toBeDefined();
  });

  it('the console shows them in the overview, the alerts view and the detail', async () => {
    const { config } = loadConfig({ trader: `${server.url}/trader`, prometheus: server.url, alertmanager: server.url }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    const monitor = new Monitor({ config, ackFile: `${tmp.dir()}/acks.json` });
    const snap = await monitor.tick();
    await monitor.close();
    const r = renderConsole(stubController(snap), config, { columns: 100, rows: 30 });
    const overview = await waitForFrame(r.lastFrame, (f) => f.includes('Breakers'), 'the overview');
    expect(overview).toMatch(/CRIT 123 /);
    expect(overview).toContain('site 7  model {"v":12}');
    r.stdin.write('A');
    await waitForFrame(r.lastFrame, (f) => f.includes('Alerts 2'), 'the alerts view');
    r.stdin.write('\r');
    const detail = await waitForFrame(r.lastFrame, (f) => f.includes('What the playbook says'), 'the detail');
    expect(detail).toContain('{"a":1}');
    expect(detail).toContain('desk={"x":1} note=fx');
    expect(detail).not.toContain('\x1b');
  });
});
