// What gptmon can show for a checklist item, and whether it suggests the
// tick: today's accuracy against its line, the risk limits, the day's
// peaks, the overnight alerts, the health components, the month's alert
// fatigue and incidents. An item is matched by its words, so a team's own
// wording of the same check gets the same evidence. Anything not read
// suggests a look, never a tick. Pure: what was read comes in.

import type { ChecklistPeriod, Config } from '../config/types.js';
import type { Snapshot } from '../engine/types.js';
import { formatAge } from '../text/age.js';
import { formatClock, formatMoney, formatPercent } from '../text/format.js';
import { sanitize } from '../util/sanitize.js';
import type { FatigueReport } from './alert-fatigue.js';
import type { DailyReview, FigureName } from './daily-review.js';

export interface Evidence {
  lines: string[];
  /** `tick`: what gptmon read says it is fine; `look`: something to see to, or not read. */
  suggest: 'tick' | 'look';
}

export interface EvidenceInput {
  now: number;
  config: Config;
  /** The checklist's period: a weekly or monthly item shown today's review says it is today's. */
  period: ChecklistPeriod;
  review?: DailyReview;
  snap?: Snapshot;
  fatigue?: FatigueReport;
  incidents?: Array<{ id: string; open: boolean }>;
}

type Rule = (i: EvidenceInput) => Evidence | undefined;

const notRead = (what: string): Evidence => ({ lines: [`${what}: not read`], suggest: 'look' });

const figure = (r: DailyReview, name: FigureName, pct = true): string => {
  const f = r.figures[name];
  if (f.value === undefined) return '?';
  const v = pct ? formatPercent(f.value) : String(Math.round(f.value));
  return f.basis === 'now' && f.at !== undefined ? `${v} (${formatAge(r.end - f.at)} old)` : v;
};

const performance: Rule = ({ review: r, period }) => {
  if (!r) return notRead('the daily review');
  if (r.code === 3) return notRead('the day\'s figures');
  const pnl = r.pnl === undefined ? '?' : `${r.pnl >= 0 ? '+' : ''}${formatMoney(r.pnl)}`;
  const head = `${period === 'daily' ? '' : 'today so far: '}P&L ${pnl}, win rate ${figure(r, 'win_rate')}, Sharpe ${r.figures.sharpe_ratio.value?.toFixed(2) ?? '?'}, max drawdown ${figure(r, 'max_drawdown')}${r.basis === 'now' ? ' (now)' : ''}`;
  return { lines: [head, ...(r.issues.length ? r.issues.map((i) => `issue: ${sanitize(i)}`) : ['no issues (gptmon review daily)'])], suggest: r.issues.length ? 'look' : 'tick' };
};

const accuracy: Rule = ({ review: r, config }) => {
  if (!r) return notRead('model accuracy');
  const c = r.checks.find((x) => x.figure === 'model_accuracy');
  const line = config.metrics.model_accuracy?.warning;
  const text = `accuracy ${figure(r, 'model_accuracy')}${r.basis === 'day' ? ' over the day' : ' now'}, line ${line !== undefined ? formatPercent(line) : '—'}`;
  return { lines: [text], suggest: c?.state === 'ok' ? 'tick' : 'look' };
};

const limits: Rule = ({ review: r }) => {
  if (!r) return notRead('risk limits');
  const lines = r.limits.map((l) => {
    const v = (x: number) => (l.kind === 'ratio' ? formatPercent(x) : formatMoney(x));
    return `${l.key}: ${l.peak === undefined ? '?' : v(l.peak)} of ${v(l.limit)} ${l.state.toUpperCase()}`;
  });
  return { lines, suggest: r.limits.every((l) => l.state === 'within') ? 'tick' : 'look' };
};

const RESOURCES: Array<[FigureName, string]> = [
  ['cpu_usage', 'cpu'],
  ['memory_usage', 'mem'],
  ['disk_usage', 'disk'],
];

const resources: Rule = ({ review: r, config, period }) => {
  if (!r) return notRead('resources');
  const parts = RESOURCES.map(([n, l]) => `${l} ${figure(r, n)}`);
  const db = r.figures.database_connections.value;
  const fine = RESOURCES.every(([n]) => {
    const v = r.figures[n].value;
    const line = config.metrics[n]?.warning;
    return v !== undefined && (line === undefined || v <= line);
  });
  return { lines: [`${period === 'daily' ? '' : 'today, '}${r.basis === 'day' ? 'peaks' : 'now'}: ${parts.join(' · ')}${db !== undefined ? ` · db conns ${Math.round(db)}` : ''}`], suggest: fine ? 'tick' : 'look' };
};

const overnight: Rule = ({ review: r }) => {
  if (!r) return notRead('alerts');
  // No alert recorded is only worth a tick when a gptmon was watching: else they may have gone unseen.
  if (!r.alerts.length && r.watchedSince === undefined) return { lines: ['no alerts recorded, but no gptmon recorded the trader in the last 24 h: alerts may have gone unseen'], suggest: 'look' };
  if (!r.alerts.length) return { lines: [`no alerts recorded in the last 24 h (watched since ${formatClock(r.watchedSince!).slice(0, 5)} UTC)`], suggest: 'tick' };
  const lines = r.alerts.slice(0, 8).map((a) => `${formatClock(a.firedAt).slice(0, 5)} ${sanitize(a.name)}${a.detail ? ` ${sanitize(a.detail)}` : ''} ${a.resolvedAt === undefined ? 'FIRING' : `resolved after ${formatAge(a.resolvedAt - a.firedAt)}`}${a.ackedBy.length ? `, acked by ${a.ackedBy.map(sanitize).join(', ')}` : ', not acked'}`);
  if (r.alerts.length > 8) lines.push(`… and ${r.alerts.length - 8} more (gptmon review daily)`);
  const open = r.alerts.some((a) => a.resolvedAt === undefined && !a.ackedBy.length);
  return { lines, suggest: open ? 'look' : 'tick' };
};

const pipeline: Rule = ({ snap }) => {
  if (!snap || !snap.trader.componentsFresh || !snap.trader.components.length) return notRead('health components');
  const bad = snap.trader.components.filter((c) => !c.healthy);
  return { lines: [snap.trader.components.map((c) => `${sanitize(c.name)} ${c.healthy ? 'ok' : `FAIL${c.message ? ` (${sanitize(c.message)})` : ''}`}`).join(', ')], suggest: bad.length ? 'look' : 'tick' };
};

const fatigue: Rule = ({ fatigue: f }) => {
  if (!f) return notRead('the alert history');
  if (!f.alerts.length) return { lines: ['no alerts recorded in the period'], suggest: 'tick' };
  const lines = [`${f.totals.fired} firings of ${f.alerts.length} alerts, ${f.totals.acked} acked; ${f.totals.flapping} flapping; ${f.totals.neverActed} never acted on`];
  for (const a of f.alerts.slice(0, 6)) {
    const ack = a.medianAckMs !== undefined ? `, median ack ${formatAge(a.medianAckMs)}` : '';
    lines.push(`${sanitize(a.name)}: fired ${a.fired}, acked ${a.acked}${ack}${a.ackedNoAction ? `, ${a.ackedNoAction} acked without action` : ''}${a.neverActed ? `, ${a.neverActed} never acted on` : ''}${a.flapping ? `, FLAPPING (${a.maxCyclesPerHour} in an hour)` : ''}`);
  }
  return { lines, suggest: f.totals.flapping || f.totals.neverActed ? 'look' : 'tick' };
};

const postMortems: Rule = ({ incidents }) => {
  if (!incidents) return notRead('incidents');
  if (!incidents.length) return { lines: ['no incidents this month'], suggest: 'tick' };
  return { lines: incidents.map((i) => `${sanitize(i.id)} ${i.open ? 'OPEN' : 'resolved'}: gptmon incident report ${sanitize(i.id)}`), suggest: 'look' };
};

const RULES: Array<[RegExp, Rule]> = [
  [/trading performance|full system performance/i, performance],
  [/model accuracy/i, accuracy],
  [/risk limit/i, limits],
  [/resource usage|capacity/i, resources],
  [/overnight alerts|any alerts/i, overnight],
  [/pipeline health|data pipeline/i, pipeline],
  [/alert fatigue|tune alert thresholds/i, fatigue],
  [/post-?mortem/i, postMortems],
];

/** The evidence for an item, or undefined for one only a person can check. */
export function evidenceFor(text: string, input: EvidenceInput): Evidence | undefined {
  const rule = RULES.find(([re]) => re.test(text))?.[1];
  return rule?.(input);
}

/** Whether an item has evidence at all: the command reads only what its items need. */
export const needs = (texts: string[]): { review: boolean; fatigue: boolean; incidents: boolean } => ({
  review: texts.some((t) => RULES.slice(0, 6).some(([re]) => re.test(t))),
  fatigue: texts.some((t) => /alert fatigue|tune alert thresholds/i.test(t)),
  incidents: texts.some((t) => /post-?mortem/i.test(t)),
});
