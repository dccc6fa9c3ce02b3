// Hostile text for the outside-text tests: a payload of every escape, written into
// every string field of a snapshot, runbook, audit entry, incident and checklist by
// walking the data, and the checks that what a view or command prints is safe.

import { join } from 'node:path';
import { expect } from 'vitest';

import { IncidentService } from '../../src/incidents/incident-service.js';
import { ChecklistService } from '../../src/reviews/checklist-service.js';
import { setTick } from '../../src/store/checklist-file.js';
import { Recorder } from '../../src/incidents/recorder.js';
import type { Event } from '../../src/incidents/types.js';

import { type ModelReviewLines } from '../../src/engine/model-review.js';

import { dailyReview, type Figure, type FigureName } from '../../src/reviews/daily-review.js';
import { loadConfig } from '../../src/config/load.js';
import type { Ack, AlertView, Snapshot } from '../../src/engine/types.js';
import { parseRunbook } from '../../src/runbooks/parse.js';

import type { Runbook } from '../../src/runbooks/types.js';
import type { AuditEntry } from '../../src/store/audit-log.js';

import { runbookText } from './runbook-files.js';

export const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });

/** OSC title, OSC 52 clipboard, erase screen, DCS, APC, 8-bit CSI, bidi override, a forged line, CR, BEL. */
export const PAYLOAD = '\x1b]0;PWNED\x07\x1b]52;c;Y2xpcA==\x07\x1b[2J\x1bP1$q\x1b\\\x1b_apc\x1b\\\u009b31m\u202eevil\nforged line\r\x07';
/** What is left of it once sanitised: the bidi mark, the words, the newline marks. */
export const SHOWN = '\ufffdevil';

/** Every string in `value` replaced with PAYLOAD, unless `keep` says the path is an enum or an identifier. */
export function poison<T>(value: T, keep: (path: string[]) => boolean, path: string[] = []): T {
  if (typeof value === 'string') return (keep(path) ? value : PAYLOAD) as T;
  if (Array.isArray(value)) return value.map((v, i) => poison(v, keep, [...path, String(i)])) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, keep, [...path, k])])) as T;
  return value;
}

export const ENUMS = new Set(['state', 'severity', 'mode', 'level', 'worst', 'where', 'origin', 'trading', 'kind', 'valueKind', 'section', 'result', 'via', 'op', 'word']);
/** Maps of outside text: every value in them is poisoned, whatever its key is called. */
export const TEXT_MAPS = new Set(['labels', 'annotations', 'matchers']);

export function keepInSnapshot(path: string[]): boolean {
  const last = path.at(-1)!;
  if (TEXT_MAPS.has(path.at(-2) ?? '')) return false;
  if (ENUMS.has(last) || last === 'key') return true;
  // Source and breaker names are gptmon's own words, chosen from a fixed list.
  return last === 'name' && (path[0] === 'sources' || path[0] === 'breakers');
}

// A runbook's id is checked at parse (lowercase letters, digits, dashes) and a step's key is made by gptmon.
export const keepInRunbook = (path: string[]) => ['id', 'key', 'section', 'origin', 'severity'].includes(path.at(-1)!);

export const NOW = Date.parse('2026-11-25T03:00:00Z');
export const LINES: ModelReviewLines = { accuracyWarning: 0.55, dropPoints: 0.05, spreadFactor: 2 };

/** A snapshot with every optional text field filled, so the walk has something to poison everywhere. */
export function fullSnapshot(): Snapshot {
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

export const hostileSnapshot = () => poison(fullSnapshot(), keepInSnapshot);

/** A team runbook with a fenced block, every text in it poisoned, Markdown included. */
export function hostileRunbook(): Runbook {
  const text = runbookText('walk', { alerts: ['ExcessiveDrawdown'], aliases: ['w'], steps: ['Look: `echo look`', 'Show the block:\n\n   ```sh\n   echo block\n   ```'] });
  const parsed = parseRunbook(text, '/team/walk.md', 'team');
  if (!parsed.ok) throw new Error(parsed.issue.message);
  expect(parsed.runbook.diagnosis[1]!.block).toBeDefined();
  return poison(parsed.runbook, keepInRunbook);
}

export function hostileAudit(): AuditEntry {
  const entry: AuditEntry = { time: '2026-11-25T03:00:00Z', operator: 'ana', host: 'jump1', action: 'halt', reason: 'drawdown', target: 'http://trader', result: 'failed', duration_ms: 10, detail: 'HTTP 500', idempotency_key: 'k', via: 'cli' };
  return poison(entry, () => false);
}

export const FORGED_LINE = /^[^\p{L}\p{N}]*forged line/u;

/**
 * No escape, no control but the newline, no C1, no bidi control; the
 * payload's newline not a line of its own, except in `asWritten` lines: text
 * shown line by line on purpose (a step's output, a shell block, piped Markdown).
 */
export function expectSafe(text: string, what: string, opts: { asWritten?: (line: string, i: number, lines: string[]) => boolean } = {}): void {
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
export function expectOnlySgr(text: string, what: string, asWritten?: (line: string) => boolean): void {
  expect(text, `${what}: colour expected`).toMatch(/\x1b\[[0-9;]*m/);
  expectSafe(text.replace(/\x1b\[[0-9;]*m/g, ''), what, asWritten ? { asWritten } : {});
}

/** The runbook view's last lines of a run's output: indented, under the line that says how the run went. */
export const runOutput = (line: string, i: number, lines: string[]) => line.startsWith('   ') && lines.slice(Math.max(0, i - 3), i).some((l) => / ran \S+ ago by /.test(l));

/**
 * An open incident whose every text is hostile: its title, commander and the
 * operator, the team's checklist, and one event of each kind the timeline
 * shows (alert names and values, ack comments, step commands and outputs,
 * control reasons and details, notes, summaries), walked like the snapshot.
 */
export function hostileIncidents(dir: string): IncidentService {
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

/**
 * A day as the recorder's files and the figures give it, every text hostile:
 * what those files hold is outside text (another process, or anyone with the
 * shared directory, wrote it). The alert carries labels of its own; the ack
 * names it by the same (poisoned) name, so the two still pair up.
 */
export function hostileDay(): { events: Event[]; figures: Record<FigureName, Figure>; start: number; review: ReturnType<typeof dailyReview> } {
  const keepEvent = (path: string[]) => ['kind', 'where', 'result', 'via', 'status'].includes(path.at(-1)!);
  const events = poison<Event[]>([
    { kind: 'sample', time: NOW - 7_000_000, operator: '—', host: 'h', values: { at: NOW - 7_000_000, firing: [] } },
    { kind: 'alert-firing', time: NOW - 3_600_000, operator: '—', host: 'h', key: 'k1', alert: { name: 'X', key: 'X{limit="max_var",desk="fx"}', severity: 'high', at: NOW - 3_600_000 } },
    { kind: 'ack', time: NOW - 3_500_000, operator: 'ana', host: 'h', ack: { alert: 'X', forMs: 1, comment: 'c', where: 'local' } },
  ], keepEvent);
  const figures = Object.fromEntries((['trades', 'win_rate', 'daily_return', 'portfolio_value', 'sharpe_ratio', 'max_drawdown', 'model_accuracy', 'cpu_usage', 'memory_usage', 'disk_usage', 'database_connections', 'total_exposure', 'largest_position', 'var_95', 'position_concentration'] as FigureName[]).map((n, i) => [n, i % 2 ? { basis: 'now', value: 0.5, at: NOW - 1000 } : { basis: 'now', error: PAYLOAD }])) as Record<FigureName, Figure>;
  const start = Date.parse('2026-11-25T00:00:00Z');
  return { events, figures, start, review: dailyReview({ date: '2026-11-25', start, end: NOW, partial: true, basis: 'now', figures, events, config }) };
}

/**
 * Today's checklist with every text hostile: the items, who ticked one, the
 * problems, and the evidence (recorded alert names and ackers, the figures'
 * errors, the health components) from a hostile snapshot and recorder.
 */
export function hostileChecklist(dir: string): ChecklistService {
  const { review } = hostileDay();
  const snap = { ...hostileSnapshot(), trader: { ...hostileSnapshot().trader, componentsFresh: true } };
  const file = join(dir, 'checklists.json');
  const items = [PAYLOAD, ...config.checklists.daily, `${PAYLOAD} second`];
  setTick(file, 'daily 2026-11-25', PAYLOAD, { by: PAYLOAD, at: NOW - 60_000 });
  return new ChecklistService({ file, items, operator: PAYLOAD, clock: () => NOW, gather: (now) => ({ input: { now, config, period: 'daily', review, snap }, problems: [PAYLOAD] }) });
}
