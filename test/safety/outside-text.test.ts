// Nothing from outside writes to the terminal. Every string a snapshot, a
// team runbook, runbook progress or the audit log holds is replaced with a
// hostile payload (titles, clipboard, screen clearing, a forged line, a bidi
// override), then every human output path is rendered: `status`, `alerts`,
// the sources line, `audit`, `runbook` (rendered and piped), and every view
// of the console at two sizes, with and without colour.
//
// The payload goes into every string field by walking the data, not into a
// list of fields: a field added to the snapshot later is poisoned too, and
// this test fails until its display sanitises it. Only the enum fields (state,
// severity, mode, ...) and identifiers (keys) keep their values, since they
// are checked or chosen by gptmon, never shown as received.

import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { ControlService } from '../../src/actions/service.js';
import { IncidentService } from '../../src/incidents/incident-service.js';
import { Recorder } from '../../src/incidents/recorder.js';
import type { Event } from '../../src/incidents/types.js';
import { alertsText } from '../../src/cli/alerts-text.js';
import { modelDaysText } from '../../src/cli/review-models-text.js';
import { flagModelDays, type ModelReviewLines } from '../../src/engine/model-review.js';
import { auditLine } from '../../src/cli/audit.js';
import { writeText } from '../../src/cli/output.js';
import { sourcesLine } from '../../src/cli/source-text.js';
import { statusText } from '../../src/cli/status-text.js';
import { reviewMarkdown, reviewText } from '../../src/cli/review-text.js';
import { checklistText } from '../../src/cli/checklist-text.js';
import { alertFatigue } from '../../src/reviews/alert-fatigue.js';
import { evidenceFor } from '../../src/reviews/checklist-evidence.js';
import { dailyReview, type Figure, type FigureName } from '../../src/reviews/daily-review.js';
import { loadConfig } from '../../src/config/load.js';
import type { Ack, AlertView, Snapshot } from '../../src/engine/types.js';
import { parseRunbook } from '../../src/runbooks/parse.js';
import { renderRunbook, runbookMarkdown } from '../../src/runbooks/render.js';
import { RunbookService } from '../../src/runbooks/service.js';
import type { Runbook } from '../../src/runbooks/types.js';
import type { AuditEntry } from '../../src/store/audit-log.js';
import { ProgressStore } from '../../src/store/progress-file.js';
import type { View } from '../../src/ui/tui/app-state.js';
import { createScreen } from '../../src/ui/tui/screen.js';
import { runbookText } from '../helpers/runbook-files.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait.js';

const tmp = useTempDir();
afterEach(() => cleanup());
const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });

/** OSC title, OSC 52 clipboard, erase screen, DCS, APC, 8-bit CSI, bidi override, a forged line, CR, BEL. */
const PAYLOAD = '\x1b]0;PWNED\x07\x1b]52;c;Y2xpcA==\x07\x1b[2J\x1bP1$q\x1b\\\x1b_apc\x1b\\\u009b31m\u202eevil\nforged line\r\x07';
/** What is left of it once sanitised: the bidi mark, the words, the newline marks. */
const SHOWN = '\ufffdevil';

/** Every string in `value` replaced with PAYLOAD, unless `keep` says the path is an enum or an identifier. */
function poison<T>(value: T, keep: (path: string[]) => boolean, path: string[] = []): T {
  if (typeof value === 'string') return (keep(path) ? value : PAYLOAD) as T;
  if (Array.isArray(value)) return value.map((v, i) => poison(v, keep, [...path, String(i)])) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, keep, [...path, k])])) as T;
  return value;
}

const ENUMS = new Set(['state', 'severity', 'mode', 'level', 'worst', 'where', 'origin', 'trading', 'kind', 'valueKind', 'section', 'result', 'via', 'op', 'word']);
/** Maps of outside text: every value in them is poisoned, whatever its key is called. */
const TEXT_MAPS = new Set(['labels', 'annotations', 'matchers']);

function keepInSnapshot(path: string[]): boolean {
  const last = path.at(-1)!;
  if (TEXT_MAPS.has(path.at(-2) ?? '')) return false;
  if (ENUMS.has(last) || last === 'key') return true;
  // Source and breaker names are gptmon's own words, chosen from a fixed list.
  return last === 'name' && (path[0] === 'sources' || path[0] === 'breakers');
}

// A runbook's id is checked at parse (lowercase letters, digits, dashes) and a step's key is made by gptmon.
const keepInRunbook = (path: string[]) => ['id', 'key', 'section', 'origin', 'severity'].includes(path.at(-1)!);

const NOW = Date.parse('2026-11-25T03:00:00Z');
const LINES: ModelReviewLines = { accuracyWarning: 0.55, dropPoints: 0.05, spreadFactor: 2 };

/** A snapshot with every optional text field filled, so the walk has something to poison everywhere. */
function fullSnapshot(): Snapshot {
  const ack: Ack = { id: 'silence-1', alertname: 'ExcessiveDrawdown', matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }, { name: 'desk', value: 'f.*', isRegex: true, isEqual: true }], operator: 'ana', comment: 'flattening', createdAt: NOW - 60_000, expiresAt: NOW + 3_600_000, where: 'alertmanager' };
  const alert = (over: Partial<AlertView>): AlertView => ({
    key: 'a1',
    name: 'ExcessiveDrawdown',
    labels: { alertname: 'ExcessiveDrawdown', severity: 'critical', desk: 'fx' },
    severity: 'critical',
    state: 'firing',
    activeAt: NOW - 120_000,
    firingAt: NOW - 60_000,
    value: 0.162,
    valueKind: 'ratio',
    availability: false,
    line: { op: '>', value: 0.15 },
    seriesLabels: { desk: 'fx' },
    durationMs: 60_000,
    respondBy: NOW + 240_000,
    summary: 'Drawdown above 15%',
    actions: ['Halt trading', 'Flatten positions'],
    runbook: 'walk',
    stale: false,
    origin: 'prometheus',
    ...over,
  });
  const metric = (name: string, value: number) => ({ name, value, labels: { desk: 'fx' }, series: 2, at: NOW - 1000, level: 'ok' as const, judged: true, stale: false, history: [value, value] });
  return {
    now: NOW,
    mode: 'prometheus',
    sources: {
      trader: { name: 'trader', state: 'stale', since: NOW - 20_000, lastOkAt: NOW - 20_000, reason: 'timed out after 3s', ms: 3000 },
      metrics: { name: 'metrics', state: 'off', reason: 'not used' },
      prometheus: { name: 'prometheus', state: 'down', since: NOW - 40_000, lastOkAt: NOW - 60_000, reason: 'not JSON (HTTP 200, starts "x")', ms: 5 },
      alertmanager: { name: 'alertmanager', state: 'stale', since: NOW - 10_000, lastOkAt: NOW - 10_000, reason: 'HTTP 500', ms: 4 },
    },
    trader: {
      trading: 'active',
      lastTrading: { state: 'active', at: NOW - 20_000 },
      componentsFresh: false,
      site: 'primary',
      model: 'primary-v12',
      components: [
        { name: 'database', healthy: true, latencyMs: 2, message: 'fine', detail: 'pg' },
        { name: 'api', healthy: false, message: '429 from broker', detail: 'broker' },
        { name: 'model', healthy: false, message: 'predictions failing', detail: 'primary-v12' },
      ],
      uptime: 86_400,
      requestsPerSecond: 41.7,
      errorRate: 0.002,
      activeConnections: 12,
      at: NOW - 20_000,
    },
    metrics: { portfolio_drawdown: metric('portfolio_drawdown', 0.162), memory_usage: metric('memory_usage', 0.5) },
    alerts: [
      // Acknowledged, and inhibited in Alertmanager by alerts named there: outside text too.
      alert({ ack, inhibitedBy: ['DatacenterDown', 'TraderMaintenance'] }),
      alert({ key: 'a2', name: 'HighMemory', severity: 'high', state: 'pending', labels: { alertname: 'HighMemory', severity: 'high' } }),
      alert({ key: 'a3', name: 'ApiErrors', severity: 'medium', state: 'resolved', resolvedAt: NOW - 10_000 }),
    ],
    otherAlerts: [alert({ key: 'o1', name: 'PaymentsDown', severity: 'high', labels: { alertname: 'PaymentsDown', job: 'payments' }, seriesLabels: { job: 'payments' } })],
    rules: { total: 21, inPrometheus: 18, evaluatedHere: ['ExcessiveDrawdown', 'SystemDown', 'ModelFailure'], problem: 'HTTP 404' },
    breakers: [
      { name: 'daily loss', value: 0.01, limit: 0.05, used: 0.2 },
      { name: 'streak', value: 1, limit: 5, used: 0.2 },
      { name: 'drawdown', value: 0.162, limit: 0.2, used: 0.81 },
    ],
    acks: [ack],
    problems: ['acks kept here could not be read: /home/ana/.local/state/gptmon/acks.json: permission denied'],
    scrape: { unreadable: 3, duplicates: ['portfolio_drawdown'] },
    verdict: { code: 2, word: 'CRITICAL', reasons: ['Drawdown past its critical line', 'unhealthy: api'] },
    counts: { firing: { critical: 1, high: 0, medium: 0, low: 0 }, pending: 1, pastCritical: ['portfolio_drawdown'] },
    worst: 'critical',
    unknown: false,
    // The database went away: the last figures, and the driver's words for why.
    database: { name: 'postgres://gptmon:***@db/trader', state: 'unknown', inUse: 12, max: 100, at: NOW - 30_000, reason: 'database postgres://gptmon:***@db/trader: terminating connection', level: 'warning' },
  };
}

const hostileSnapshot = () => poison(fullSnapshot(), keepInSnapshot);

/** A team runbook with a fenced block, every text in it poisoned, Markdown included. */
function hostileRunbook(): Runbook {
  const text = runbookText('walk', { alerts: ['ExcessiveDrawdown'], aliases: ['w'], steps: ['Look: `echo look`', 'Show the block:\n\n   ```sh\n   echo block\n   ```'] });
  const parsed = parseRunbook(text, '/team/walk.md', 'team');
  if (!parsed.ok) throw new Error(parsed.issue.message);
  expect(parsed.runbook.diagnosis[1]!.block).toBeDefined();
  return poison(parsed.runbook, keepInRunbook);
}

function hostileAudit(): AuditEntry {
  const entry: AuditEntry = { time: '2026-11-25T03:00:00Z', operator: 'ana', host: 'jump1', action: 'halt', reason: 'drawdown', target: 'http://trader', result: 'failed', duration_ms: 10, detail: 'HTTP 500', idempotency_key: 'k', via: 'cli' };
  return poison(entry, () => false);
}

const FORGED_LINE = /^[^\p{L}\p{N}]*forged line/u;

/**
 * No escape, no control but the newline, no C1, no bidi control; the
 * payload's newline not a line of its own, except in `asWritten` lines: text
 * shown line by line on purpose (a step's output, a shell block, piped Markdown).
 */
function expectSafe(text: string, what: string, opts: { asWritten?: (line: string, i: number, lines: string[]) => boolean } = {}): void {
  expect(text, `${what}: an escape`).not.toMatch(/\x1b/);
  expect(text, `${what}: a C0 control`).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  expect(text, `${what}: a C1 control`).not.toMatch(/[\x80-\x9f]/);
  expect(text, `${what}: a bidi control`).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/);
  const lines = text.split('\n');
  const forged = lines.filter((l, i) => FORGED_LINE.test(l) && !opts.asWritten?.(l, i, lines));
  expect(forged, `${what}: a forged line`).toEqual([]);
  // The poisoned fields did reach the output: this is not passing on an empty screen.
  expect(text, `${what}: the sanitised payload`).toContain(SHOWN);
}

/** With colour, SGR is the only escape, and what is left once it is gone is safe. */
function expectOnlySgr(text: string, what: string, asWritten?: (line: string) => boolean): void {
  expect(text, `${what}: colour expected`).toMatch(/\x1b\[[0-9;]*m/);
  expectSafe(text.replace(/\x1b\[[0-9;]*m/g, ''), what, asWritten ? { asWritten } : {});
}

/** The runbook view's last lines of a run's output: indented, under the line that says how the run went. */
const runOutput = (line: string, i: number, lines: string[]) => line.startsWith('   ') && lines.slice(Math.max(0, i - 3), i).some((l) => / ran \S+ ago by /.test(l));

describe('outside text in the one-shot commands', () => {
  const snap = hostileSnapshot();

  it('status', () => {
    expectSafe(statusText(snap, config, 80).join('\n'), 'status');
    expectSafe(statusText(snap, config, 200).join('\n'), 'status, wide');
  });

  it('review models: the model names are the database\'s words', () => {
    const row = (modelId: string, accuracy: number) => ({ day: '2026-11-25', modelId, predictions: 100, resolved: 90, accuracy, confidenceMean: 0.7, confidenceStd: 0.1 });
    const rows = [row('primary-v12', 0.5), row('fallback-v3', 0.6)];
    const flags = flagModelDays(rows, LINES);
    const read = poison({ rows, flags }, (path) => path.at(-1) !== 'modelId');
    const text = modelDaysText({ ok: true, database: 'postgres://gptmon@db/trader', from: '2026-11-25', until: '2026-11-25', ...read }, LINES, 80).join('\n');
    expectSafe(text, 'review models');
  });

  it('alerts', () => {
    expectSafe(alertsText(snap, 80).join('\n'), 'alerts');
    expectSafe(alertsText(snap, 300).join('\n'), 'alerts, wide');
  });

  it('the sources line', () => {
    expectSafe(sourcesLine(snap), 'sources');
  });

  it('audit', () => {
    expectSafe(auditLine(hostileAudit()), 'audit');
  });

  it('runbook, rendered for a terminal and piped as Markdown', () => {
    const rb = hostileRunbook();
    // A shell block is shown line by line, each after its `$ `.
    const codeLine = (l: string) => l.startsWith('       $ ');
    expectSafe(renderRunbook(rb, 80, false), 'runbook', { asWritten: codeLine });
    expectOnlySgr(renderRunbook(rb, 80, true), 'runbook in colour', codeLine);
    // Piped, the Markdown keeps its line breaks (it is a document), each line sanitised.
    expectSafe(runbookMarkdown(rb), 'runbook piped', { asWritten: () => true });
  });

  it('review daily and the checklists: recorded alerts, ackers, reasons and health all sanitised', () => {
    // What the recorder's files hold is outside text: another process (or anyone with the shared directory) wrote it.
    const keepEvent = (path: string[]) => ['kind', 'where', 'result', 'via', 'status'].includes(path.at(-1)!);
    const events = poison<Event[]>([
      { kind: 'sample', time: NOW - 7_000_000, operator: '—', host: 'h', values: { at: NOW - 7_000_000, firing: [] } },
      { kind: 'alert-firing', time: NOW - 3_600_000, operator: '—', host: 'h', key: 'k1', alert: { name: 'X', key: 'X{limit="max_var",desk="fx"}', severity: 'high', at: NOW - 3_600_000 } },
      { kind: 'ack', time: NOW - 3_500_000, operator: 'ana', host: 'h', ack: { alert: 'X', forMs: 1, comment: 'c', where: 'local' } },
    ], keepEvent);
    // Poisoned alert names still pair up: the ack names the alert by the same (poisoned) name.
    const figures = Object.fromEntries((['trades', 'win_rate', 'daily_return', 'portfolio_value', 'sharpe_ratio', 'max_drawdown', 'model_accuracy', 'cpu_usage', 'memory_usage', 'disk_usage', 'database_connections', 'total_exposure', 'largest_position', 'var_95', 'position_concentration'] as FigureName[]).map((n, i) => [n, i % 2 ? { basis: 'now', value: 0.5, at: NOW - 1000 } : { basis: 'now', error: PAYLOAD }])) as Record<FigureName, Figure>;
    const start = Date.parse('2026-11-25T00:00:00Z');
    const review = dailyReview({ date: '2026-11-25', start, end: NOW, partial: true, basis: 'now', figures, events, config });
    expect(review.alerts).toHaveLength(1);
    expectSafe(reviewText(review, NOW, [PAYLOAD], 80).join('\n'), 'review daily');
    expectSafe(reviewMarkdown(review, NOW, [PAYLOAD]), 'review daily as Markdown');
    const fatigue = alertFatigue(events, start, NOW);
    const input = { now: NOW, config, period: 'daily' as const, review, snap: { ...hostileSnapshot(), trader: { ...hostileSnapshot().trader, componentsFresh: true } }, fatigue, incidents: [{ id: PAYLOAD, open: true }] };
    const items = [...config.checklists.daily, ...config.checklists.monthly, PAYLOAD];
    const rows = items.map((text, i) => ({ n: i + 1, text, ...(i === 0 ? { tick: { by: PAYLOAD, at: NOW - 60_000 } } : {}), ...(evidenceFor(text, input) ? { evidence: evidenceFor(text, input)! } : {}) }));
    expectSafe(checklistText('daily', 'daily 2026-11-25', rows, [PAYLOAD], NOW, 80).join('\n'), 'checklist');
  });

  it('do not crash on labels and annotations that are not strings', () => {
    const snap = fullSnapshot();
    const odd = { ...snap.alerts[0]!, name: 123, summary: { a: 1 }, labels: { alertname: 123, desk: ['x'] } } as unknown as AlertView;
    const text = alertsText({ ...snap, alerts: [odd] }, 200).join('\n');
    expect(text).toContain('123');
    expect(text).toContain('{"a":1}');
  });

  it('write through the one writer, which lets only colour through', () => {
    const out: string[] = [];
    writeText({ write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream, `\x1b[1mbold\x1b[0m ${PAYLOAD}\n`);
    expect(out.join('')).toBe('\x1b[1mbold\x1b[0m \ufffdevil\nforged line\n');
  });

  it('every command writes human text through that writer (JSON and the rules file excepted)', () => {
    const dir = join(import.meta.dirname, '../../src/cli');
    const raw: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/process\.(stdout|stderr)\.write\(/.test(line)) return;
        if (line.includes('JSON.stringify') || (file === 'rules.ts' && line.includes('process.stdout.write(text)'))) return;
        raw.push(`src/cli/${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(raw, 'use writeOut/writeErr from src/cli/output.ts').toEqual([]);
  });
});

/**
 * An open incident whose every text is hostile: its title, commander and the
 * operator, the team's checklist, and one event of each kind the timeline
 * shows (alert names and values, ack comments, step commands and outputs,
 * control reasons and details, notes, summaries), walked like the snapshot.
 */
function hostileIncidents(dir: string): IncidentService {
  const recorder = new Recorder(dir, PAYLOAD, () => NOW);
  const checklist = [{ title: PAYLOAD, items: [{ text: PAYLOAD }, { text: `${PAYLOAD} second` }] }];
  const service = new IncidentService(recorder, { checklist, clock: () => NOW });
  const declared = service.declare({ sev: 2, title: PAYLOAD, commander: PAYLOAD });
  if (!declared.ok) throw new Error(declared.reason);
  const values = { at: NOW, trading: 'halted' as const, drawdown: 0.168, firing: [PAYLOAD] };
  const kinds: Array<Omit<Event, 'time' | 'host'>> = [
    { kind: 'alert-firing', operator: 'x', alert: { name: 'x', key: 'k1', severity: 'critical', value: 'x', at: NOW }, values },
    { kind: 'alert-resolved', operator: 'x', alert: { name: 'x', key: 'k2', severity: 'high', at: NOW } },
    { kind: 'ack', operator: 'x', ack: { alert: 'x', forMs: 60_000, comment: 'x', where: 'local' } },
    { kind: 'unack', operator: 'x', ack: { alert: 'x', forMs: 0, comment: 'x', where: 'alertmanager' } },
    { kind: 'step', operator: 'x', step: { runbook: 'x', step: 'x', text: 'x', status: 'ran', command: 'x', exit: 1, output: 'x' } },
    { kind: 'step', operator: 'x', step: { runbook: 'x', step: 'x', text: 'x', status: 'done' } },
    { kind: 'control', operator: 'x', control: { action: 'x', result: 'failed', reason: 'x', detail: 'x', via: 'tui' } },
    { kind: 'control', operator: 'x', control: { action: 'x', result: 'verified', reason: 'x', via: 'cli', ms: 5 } },
    { kind: 'note', operator: 'x', text: 'x' },
    { kind: 'commander', operator: 'x', commander: 'x' },
    { kind: 'check', operator: 'x', check: { item: PAYLOAD } },
  ];
  const keep = (path: string[]) => ['kind', 'severity', 'where', 'status', 'result', 'via', 'key', 'trading'].includes(path.at(-1)!);
  for (const e of poison(kinds, keep)) recorder.recordFor(declared.id, e);
  return service;
}

describe('outside text in the console', () => {
  /** The hostile runbook with progress: a step marked, and a run whose output is hostile too. */
  function runbookService(rb: Runbook): RunbookService {
    const progressFile = join(tmp.dir(), 'progress.json');
    const output = `${PAYLOAD}\nsecond line ${PAYLOAD}\n`;
    new ProgressStore(progressFile).record('a1', rb.id, 'diagnosis:1', { status: 'done', at: NOW, operator: PAYLOAD, run: { at: NOW, operator: PAYLOAD, command: PAYLOAD, exitCode: 1, timedOut: false, ms: 5, output } });
    return new RunbookService({ runbooks: [rb], issues: [], progressFile, operator: 'ana', stepTimeoutMs: 1000, clock: () => NOW });
  }

  // The trader's state as the halt preview shows it.
  const controls = { preview: async () => PAYLOAD, run: async () => [] } as unknown as ControlService;

  type Console = ReturnType<typeof renderConsole>;
  const frameWith = (r: Console, text: string) => waitForFrame(r.lastFrame, (f) => f.includes(text), text);

  // Every view, typed by View: a view added later breaks the typecheck here until it is walked too.
  const VIEWS: Record<View, (r: Console) => Promise<string[]>> = {
    overview: async (r) => [await frameWith(r, 'Breakers')],
    alerts: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('A');
      const list = await frameWith(r, 'Alerts 3');
      // The filter matches what is shown: the sanitised text.
      await typeKeys(r.stdin, '/', 'evil', '\r');
      return [list, await frameWith(r, '/evil: 3 of 3')];
    },
    alert: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('\r');
      const detail = await frameWith(r, 'What the playbook says');
      r.stdin.write('a');
      return [detail, await frameWith(r, 'already acknowledged by')];
    },
    runbook: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('r');
      // The stepper opens on the first step not yet marked: go up to the one that ran.
      await waitForFrame(r.lastFrame, (f) => /▶ +2\./.test(f), 'the cursor on step 2');
      r.stdin.write('k');
      const view = await frameWith(r, 'second line');
      expect(view).toMatch(/ran 0s ago by .*: exit 1/);
      // The run prompt quotes the step's command.
      r.stdin.write('x');
      return [view, await frameWith(r, 'y to run')];
    },
    incident: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('I');
      const view = await frameWith(r, 'Timeline');
      // The checklist alone (every evidence whole), the timeline filtered, and the declaration's questions.
      r.stdin.write('\t');
      const checklist = await frameWith(r, 'tab: timeline');
      await typeKeys(r.stdin, '/', 'evil', '\r');
      const filtered = await waitForFrame(r.lastFrame, (f) => /\/evil: \d+ of \d+/.test(f), 'the timeline filtered');
      await typeKeys(r.stdin, ':', 'incident start', '\r', 'x', '\r');
      return [view, checklist, filtered, await frameWith(r, 'Severity 1-4')];
    },
    help: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('?');
      await frameWith(r, 'Keys in overview');
      r.stdin.write('\x1b');
      await frameWith(r, 'Breakers');
      // The halt preview quotes the trader's state.
      r.stdin.write('H');
      return [await frameWith(r, 'HALT:')];
    },
  };

  for (const size of [
    { columns: 100, rows: 30 },
    { columns: 80, rows: 24 },
  ]) {
    for (const color of [false, true]) {
      for (const [view, drive] of Object.entries(VIEWS)) {
        it(`${view} at ${size.columns}x${size.rows}${color ? ', in colour' : ''}`, async () => {
          const rb = hostileRunbook();
          const r = renderConsole(stubController(hostileSnapshot()), config, size, { color, runbooks: runbookService(rb), controls, incidents: hostileIncidents(join(tmp.dir(), 'incidents')) });
          for (const frame of await drive(r)) expectSafe(color ? frame.replace(/\x1b\[[0-9;]*m/g, '') : frame, view, { asWritten: runOutput });
        });
      }
    }
  }

  it("names the incident's commander in a header wide enough for it, sanitised", async () => {
    const r = renderConsole(stubController(hostileSnapshot()), config, { columns: 200, rows: 30 }, { incidents: hostileIncidents(join(tmp.dir(), 'incidents')) });
    const frame = await frameWith(r, 'Breakers');
    expect(frame.split('\n')[0]).toContain(`· ic ${SHOWN}`);
    expectSafe(frame, 'the header with an incident');
  });

  it('shows "health unavailable" with the reason sanitised when no component was read', async () => {
    const snap = hostileSnapshot();
    const down = { ...snap, trader: { components: [], componentsFresh: false }, sources: { ...snap.sources, trader: { ...snap.sources.trader, state: 'down' as const } } };
    const r = renderConsole(stubController(down), config, { columns: 100, rows: 30 });
    expectSafe(await frameWith(r, 'health unavailable'), 'health unavailable');
  });

  it('shows the database row in the Health panel with the reason sanitised', async () => {
    const snap = hostileSnapshot();
    const r = renderConsole(stubController({ ...snap, trader: { ...snap.trader, components: [] } }), config, { columns: 100, rows: 40 });
    expectSafe(await frameWith(r, '? db 12/100 conns 30s ago, unknown:'), 'the database row');
  });

  it('the screen writer lets no escape but its own cursor moves and SGR reach the terminal', async () => {
    const term = new EventEmitter() as EventEmitter & { columns: number; rows: number; out: string[]; write(s: string): boolean };
    Object.assign(term, { columns: 60, rows: 5, out: [] });
    term.write = (s: string) => (term.out.push(s), true);
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    // A frame as a component that forgot to sanitise would leave it.
    screen.sink.write(`header\n\x1b[31mred\x1b[0m ${PAYLOAD.replace('\n', ' ')}\nfooter`);
    await waitForWrite(term.out);
    screen.close();
    const written = term.out.join('');
    // What remains once the screen's own sequences are taken out: cursor position, SGR, sync, erase to end of line.
    const rest = written.replace(/\x1b\[\d+;\d+H|\x1b\[[0-9;]*m|\x1b\[\?2026[hl]|\x1b\[K/g, '');
    expect(rest).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(rest).toContain('red \ufffdevil forged line');
    expect(written).not.toContain('PWNED');
    expect(written).not.toContain('\x1b[2J');
  });
});

async function waitForWrite(out: string[]): Promise<void> {
  await waitFor('the screen to write the frame', () => out.length > 0, 2000, 10);
}
