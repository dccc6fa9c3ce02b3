// The daily review as text (80 columns) and as Markdown (`-o report.md`).
// Every figure says whether it is the day's or the value now, and how old;
// a figure not read says so and why; names from the recorder are sanitised.

import type { DailyReview, Figure, FigureName, LimitCheck } from '../reviews/daily-review.js';
import { formatAge } from '../text/age.js';
import { formatClock, formatMoney, formatPercent, truncate } from '../text/format.js';
import { sanitize } from '../util/sanitize.js';
import { wrap } from '../text/wrap.js';

type Kind = 'ratio' | 'money' | 'count' | 'number';

const ROWS: Array<[FigureName, string, Kind]> = [
  ['trades', 'Trades', 'count'],
  ['win_rate', 'Win rate', 'ratio'],
  ['daily_return', 'Daily return', 'ratio'],
  ['portfolio_value', 'Portfolio', 'money'],
  ['sharpe_ratio', 'Sharpe', 'number'],
  ['max_drawdown', 'Max drawdown', 'ratio'],
  ['model_accuracy', 'Accuracy', 'ratio'],
];
const PEAKS: Array<[FigureName, string, Kind]> = [
  ['cpu_usage', 'cpu', 'ratio'],
  ['memory_usage', 'mem', 'ratio'],
  ['disk_usage', 'disk', 'ratio'],
  ['database_connections', 'db conns', 'count'],
];

const show = (v: number, kind: Kind) => (kind === 'ratio' ? formatPercent(v) : kind === 'money' ? formatMoney(v) : kind === 'count' ? String(Math.round(v)) : v.toFixed(2));

/** `52.0%`, `? (not exposed)`, `61.2% (now, 3s old)`. */
function figureText(f: Figure, kind: Kind, now: number, name?: FigureName): string {
  if (f.value === undefined) return `? (${sanitize(f.error ?? 'not read')})`;
  const v = show(f.value, kind);
  if (f.basis === 'day') return v;
  const age = f.at !== undefined ? `, ${formatAge(now - f.at)} old` : '';
  const what = name === 'trades' ? 'since the trader started' : name === 'max_drawdown' ? 'drawdown now' : 'now';
  return `${v} (${what}${age}${f.stale ? ', STALE' : ''})`;
}

function checkMark(r: DailyReview, name: FigureName): string {
  const c = r.checks.find((x) => x.figure === name);
  if (!c) return '';
  return c.state === 'issue' ? '  ISSUE' : c.state === 'unknown' ? '  UNKNOWN' : '  ok';
}

const limitText = (l: LimitCheck) => {
  const v = (x: number) => (l.kind === 'ratio' ? formatPercent(x) : formatMoney(x));
  return `${l.label} ${l.peak === undefined ? '?' : v(l.peak)}/${v(l.limit)} ${l.state === 'over' ? 'OVER' : l.state === 'near' ? 'NEAR' : l.state === 'unknown' ? 'UNKNOWN' : 'ok'}`;
};

const span = (r: DailyReview) => `${r.date} UTC, ${formatClock(r.start).slice(0, 5)}–${r.partial ? `${formatClock(r.end).slice(0, 5)} so far` : '24:00'}`;

function alertLine(a: DailyReview['alerts'][number], end: number): string {
  const dur = formatAge((a.resolvedAt ?? end) - a.firedAt);
  const acked = a.ackedBy.length ? `acked by ${a.ackedBy.map(sanitize).join(', ')}` : 'not acked';
  return `${formatClock(a.firedAt).slice(0, 5)} ${a.resolvedAt === undefined ? `${dur}+ firing` : dur} ${sanitize(a.severity).toUpperCase()} ${sanitize(a.name)}${a.detail ? ` ${sanitize(a.detail)}` : ''}, ${acked}`;
}

export function reviewText(r: DailyReview, now: number, problems: string[], width = 80): string[] {
  const out: string[] = [];
  out.push(`Daily review ${span(r)}: ${r.code === 3 ? 'NOTHING READ' : r.issues.length ? `${r.issues.length} issue(s)` : 'no issues'}`);
  if (r.basis === 'now') out.push('figures: the values now, not over the day (history needs Prometheus)');
  out.push('');
  for (const [name, label, kind] of ROWS) out.push(`${label.padEnd(14)}${figureText(r.figures[name], kind, now, name)}${checkMark(r, name)}`);
  out.push(`${'P&L'.padEnd(14)}${r.pnl === undefined ? '? (needs daily return and portfolio value)' : `${r.pnl >= 0 ? '+' : ''}${formatMoney(r.pnl)}`}`);
  out.push('');
  out.push(`${r.basis === 'day' ? 'peaks' : 'resources'}: ${PEAKS.map(([n, l, k]) => `${l} ${figureText(r.figures[n], k, now)}`).join(' · ')}`);
  out.push(`risk limits (${r.basis === 'day' ? 'peak' : 'now'}/limit): ${r.limits.map(limitText).join(' · ')}`);
  out.push('');
  const watched = r.watchedSince === undefined ? 'no gptmon recorded the trader then: alerts may have gone unseen' : `watched since ${formatClock(r.watchedSince).slice(0, 5)}`;
  const since = r.alertsFrom === r.start ? '' : ' in the last 24 h';
  out.push(`alerts fired${since} (${r.alerts.length}):${r.alerts.length ? '' : ' none recorded'} (${watched})`);
  for (const a of r.alerts) out.push(`  ${alertLine(a, r.end)}`);
  if (r.issues.length) {
    out.push('');
    out.push(`issues (${r.issues.length}):`);
    for (const i of r.issues) out.push(`  - ${sanitize(i)}`);
  }
  for (const p of problems) out.push(`note: ${sanitize(p)}`);
  return out.flatMap((l) => wrapTo(l, width));
}

/** Long lines are wrapped, not cut: an issue or a limit never loses its end. */
function wrapTo(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)![0];
  const [first, ...rest] = wrap(line, width, indent);
  return [first!, ...rest.map((l) => `  ${l}`)].map((l) => truncate(l, width));
}

const md = (s: string) => sanitize(s).replace(/([\\`*_[\]|<>])/g, '\\$1');

export function reviewMarkdown(r: DailyReview, now: number, problems: string[]): string {
  const out: string[] = [];
  out.push(`# Daily review ${r.date}`, '', `${span(r)}. ${r.basis === 'now' ? 'Figures are the values now, not over the day (history needs Prometheus).' : 'Figures over the day from Prometheus.'}`, '');
  out.push('| Figure | Value | Check |', '|---|---|---|');
  for (const [name, label, kind] of ROWS) out.push(`| ${label} | ${md(figureText(r.figures[name], kind, now, name))} | ${checkMark(r, name).trim()} |`);
  out.push(`| P&L | ${r.pnl === undefined ? '?' : md(`${r.pnl >= 0 ? '+' : ''}${formatMoney(r.pnl)}`)} | |`, '');
  out.push(`## ${r.basis === 'day' ? 'Peaks' : 'Resources now'}`, '', ...PEAKS.map(([n, l, k]) => `- ${l}: ${md(figureText(r.figures[n], k, now))}`), '');
  out.push('## Risk limits', '', ...r.limits.map((l) => `- ${md(limitText(l))}`), '');
  out.push(`## Alerts fired${r.alertsFrom === r.start ? '' : ' in the last 24 hours'}`, '', r.watchedSince === undefined ? 'No gptmon recorded the trader then: alerts may have gone unseen.' : `Recorded by gptmon since ${formatClock(r.watchedSince).slice(0, 5)} UTC.`, '', ...(r.alerts.length ? r.alerts.map((a) => `- ${md(alertLine(a, r.end))}`) : ['None recorded.']), '');
  out.push('## Issues', '', ...(r.issues.length ? r.issues.map((i) => `- ${md(i)}`) : ['None.']), '');
  if (problems.length) out.push('## Notes', '', ...problems.map((p) => `- ${md(p)}`), '');
  return `${out.join('\n')}\n`;
}
