// The post-mortem in Markdown that reads well on GitHub: the facts from the
// recorder above the human sections (root cause, what went well and badly,
// action items), which are left for people to write. Times are UTC.

import { formatMoney, formatPercent } from '../text/format.js';
import { formatAge } from '../text/age.js';
import { sanitize } from '../util/sanitize.js';
import { describeEvent } from './describe.js';
import type { ReportData } from './report-data.js';

const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
/** Outside text in a table cell: no pipe may end the cell early. */
const cell = (s: string) => s.replace(/\|/g, '\\|');
const pct = (v: number | undefined) => (v === undefined ? '—' : formatPercent(v));
/** A value read well before its event (a command that did not read the trader itself) says when it was read. */
const valueAt = (e: { time: number; values?: { at: number } }, v: number | undefined) => (v !== undefined && e.values && e.time - e.values.at > 10_000 ? `${pct(v)} (at ${time(e.values.at)})` : pct(v));

export function reportMarkdown(d: ReportData): string {
  const out: string[] = [];
  const start = d.firstAlert?.at ?? d.declared.at;
  out.push(`# ${d.id}: ${sanitize(d.title)} (SEV${d.sev})`, '');
  out.push('| | |', '|---|---|');
  if (d.commander) out.push(`| Commander | ${cell(sanitize(d.commander))} |`);
  out.push(`| Severity | ${d.sevChanges.map((c, i) => `${i ? '→ ' : ''}SEV${c.sev}${i ? ` at ${time(c.at)} by ${cell(sanitize(c.by))}` : ''}`).join(' ')} |`);
  const before = d.firstAlert && d.firstAlert.at < d.declared.at ? ` (first alert ${time(d.firstAlert.at)}, ${formatAge(d.declared.at - d.firstAlert.at)} earlier)` : '';
  out.push(`| Declared | ${utc(d.declared.at)} UTC by ${cell(sanitize(d.declared.by))}${before} |`);
  if (d.acknowledged) out.push(`| Acknowledged | ${time(d.acknowledged.at)} by ${cell(sanitize(d.acknowledged.by))} (${formatAge(d.toAcknowledge!)} after the ${d.firstAlert ? 'first alert' : 'declaration'}) |`);
  if (d.mitigated) out.push(`| Mitigated | ${time(d.mitigated.at)}, ${cell(d.mitigated.what)}${d.mitigated.by ? ` by ${cell(sanitize(d.mitigated.by))}` : ''} (${formatAge(d.toMitigate!)}) |`);
  out.push(`| Resolved | ${d.resolved ? `${time(d.resolved.at)} (${formatAge(d.toResolve!)} in all)` : '_still open_'} |`);
  out.push('');
  if (d.summary) out.push(sanitize(d.summary), '');

  out.push('## Impact');
  const impact: string[] = [];
  if (d.impact.peakDrawdown) impact.push(`Peak drawdown ${formatPercent(d.impact.peakDrawdown.value)} at ${time(d.impact.peakDrawdown.at)}`);
  if (d.impact.worstDailyReturn) impact.push(`worst daily return ${formatPercent(d.impact.worstDailyReturn.value)} at ${time(d.impact.worstDailyReturn.at)}`);
  if (impact.length) out.push(`- ${impact.join('; ')}.`);
  const h = d.impact.halted;
  if (h && h.resumed) out.push(`- Trading halted ${formatAge(h.resumed - h.from)} (${time(h.from)} to ${time(h.resumed)}).`);
  else if (h) out.push(`- Trading halted at ${time(h.from)} and not resumed${d.resolved ? ` when the incident was resolved (${formatAge(d.resolved.at - h.from)} later)` : ' yet'}.`);
  if (d.impact.positionsClosedAt) out.push(`- Positions closed at ${time(d.impact.positionsClosedAt)}.`);
  if (d.impact.modelSwitchedAt) out.push(`- Switched to the fallback model at ${time(d.impact.modelSwitchedAt)}.`);
  if (d.impact.failedOverAt) out.push(`- Failed over to the standby site at ${time(d.impact.failedOverAt)}.`);
  if (out.at(-1) === '## Impact') out.push('- No values were recorded.');
  out.push('');

  if (d.alerts.length) {
    out.push('## Alerts', '', '| alert | severity | fired | resolved | for |', '|---|---|---|---|---|');
    for (const a of d.alerts) out.push(`| ${cell(sanitize(a.name))}${a.value ? ` (${cell(sanitize(a.value))})` : ''} | ${a.severity} | ${time(a.firing)} | ${a.resolved ? time(a.resolved) : '—'} | ${a.resolved ? formatAge(a.resolved - a.firing) : 'still firing'} |`);
    out.push('');
  }

  out.push('## Timeline', '', '| time (UTC) | who | what | drawdown | daily return |', '|---|---|---|---|---|');
  for (const e of d.timeline) {
    const lead = e.lead ? ' _(before it was declared)_' : '';
    out.push(`| ${time(e.time)} | ${cell(sanitize(e.operator))} | ${cell(describeEvent(e))}${lead} | ${valueAt(e, e.values?.drawdown)} | ${valueAt(e, e.values?.dailyReturn)} |`);
  }
  out.push('');

  if (d.actions.length) {
    out.push('## Actions taken', '');
    for (const e of d.actions) out.push(`- ${time(e.time)} ${sanitize(e.operator)} (${e.control!.via}): ${describeEvent(e)}${e.values?.exposure !== undefined ? `; exposure then ${formatMoney(e.values.exposure)}` : ''}`);
    out.push('');
  }

  if (d.steps.length) {
    out.push('## Runbook steps', '');
    for (const e of d.steps) {
      out.push(`- ${time(e.time)} ${sanitize(e.operator)}: ${describeEvent(e)}`);
      if (e.step?.command) out.push('', '  ```', ...e.step.command.split('\n').map((l) => `  $ ${sanitize(l)}`), ...(e.step.output ? e.step.output.trimEnd().split('\n').slice(-10).map((l) => `  ${sanitize(l)}`) : []), '  ```', '');
    }
    out.push('');
  }

  out.push('## Checklist', '');
  let section = '';
  for (const item of d.checklist) {
    if (item.section !== section) {
      section = item.section;
      out.push(`**${section}**`, '');
    }
    const how = item.by ? ` (${item.ticked ? 'ticked' : 'unticked'} by ${sanitize(item.by.who)} at ${time(item.by.at)})` : item.auto ? ` (${item.auto})` : '';
    out.push(`- [${item.ticked ? 'x' : ' '}] ${sanitize(item.text)}${how}`);
    if (d.checklist[d.checklist.indexOf(item) + 1]?.section !== section) out.push('');
  }

  out.push('## Notes', '');
  if (d.notes.length) for (const n of d.notes) out.push(`- ${time(n.time)} ${sanitize(n.operator)}: ${sanitize(n.text)}`);
  else out.push('_None recorded._');
  out.push('');

  for (const title of ['Root cause', 'What went well', 'What went badly', 'Action items']) out.push(`## ${title}`, '', '_To be written._', '');
  out.push(`<sub>Written by gptmon from the recorded timeline of ${d.id}; values are as recorded at each moment. Times UTC; first alert ${utc(start)}.</sub>`, '');
  return out.join('\n');
}
