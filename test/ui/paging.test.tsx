// What the console and `gptmon alerts` say of an alert Alertmanager silences
// or inhibits: who acknowledged it and until when; by which alert it is
// inhibited, and no countdown for it.

import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { alertsText } from '../../src/cli/alerts-text.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import type { Snapshot } from '../../src/engine/types.js';
import type { AmAlert } from '../../src/sources/types.js';
import { formatClock } from '../../src/text/format.js';
import { CALM, calmHistograms, scrape } from '../helpers/scrape.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const { config: base } = loadConfig({ trader: 'http://127.0.0.1:8080' }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const config = { ...base, alertmanager: ['http://am:9093'] };
const T0 = Date.parse('2026-11-25T03:00:00Z');
const at = (s: number) => T0 + s * 1000;
afterEach(() => cleanup());

const held = (alertname: string, severity: string, status: Partial<AmAlert>): AmAlert => ({
  labels: { alertname, severity, job: 'gpt-trader', instance: '127.0.0.1:8080' },
  fingerprint: `fp-${alertname}`,
  state: 'suppressed',
  silencedBy: [],
  inhibitedBy: [],
  ...status,
});

/** A drawdown: ExcessiveDrawdown silenced by ana in Alertmanager, DrawdownWarning inhibited by it. */
function paged(): Snapshot {
  const e = new Engine(config);
  e.recordScrape(at(0), scrape({ ...CALM, portfolio_drawdown: 0.165 }, calmHistograms(1)));
  e.recordHealth(at(0), { ok: true, ms: 1, value: { components: [{ name: 'database', healthy: true }], metrics: {} } });
  const silence = { id: 's1', alertname: '*', matchers: [{ name: 'alertname', value: '(?i)excessive.*', isRegex: true, isEqual: true }], operator: 'ana', comment: 'flattening', createdAt: at(0), expiresAt: at(3600), where: 'alertmanager' as const };
  e.recordAcks(at(1), { ok: true, value: { alerts: [held('ExcessiveDrawdown', 'critical', { silencedBy: ['s1'] }), held('DrawdownWarning', 'medium', { inhibitedBy: ['fp-ExcessiveDrawdown'] })], silences: [silence] }, ms: 1 }, []);
  return e.snapshot(at(30));
}

describe.each([
  { columns: 100, rows: 30 },
  { columns: 80, rows: 24 },
])('at $columns x $rows', (size) => {
  it('the strip: acked by whom until when; inhibited by which alert, with no countdown', async () => {
    const r = renderConsole(stubController(paged()), config, size);
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('DrawdownWarning'));
    const line = (name: string) => f.split('\n').find((l) => l.includes(name) && /CRIT|MED/.test(l))!;
    expect(line('ExcessiveDrawdown')).toContain(`acked ana to ${formatClock(at(3600))}`);
    // At 80 columns only the word fits: the detail says by what.
    expect(line('DrawdownWarning')).toContain(size.columns >= 100 ? 'inhibited by ExcessiveDrawdown' : 'inhibited');
    expect(line('DrawdownWarning')).not.toContain('respond');
  });

  it('the detail of the inhibited alert: no response asked, and why', async () => {
    const r = renderConsole(stubController(paged()), config, size);
    await waitForFrame(r.lastFrame, (x) => x.includes('DrawdownWarning'));
    await typeKeys(r.stdin, 'j', '\r');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('What the playbook says'));
    expect(f).toMatch(/Respond +none: inhibited by ExcessiveDrawdown/);
    expect(f).toMatch(/Ack +none/);
  });
});

it('gptmon alerts: the silence author, comment and end; the inhibition instead of a countdown', () => {
  const text = alertsText(paged(), 80).join('\n');
  expect(text).toMatch(new RegExp(`^CRIT ExcessiveDrawdown +firing 30s\\n +16\\.5% > 15% · acked by ana to ${formatClock(at(3600))} · runbook drawdown\\n +Drawdown from peak is past 15% · ack: "flattening"$`, 'm'));
  expect(text).toMatch(/^MED +DrawdownWarning +firing 30s\n +16\.5% > 10% · inhibited by ExcessiveDrawdown · runbook drawdown$/m);
});
