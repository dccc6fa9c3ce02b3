// The incident view as rows of plain text: the summary line, the checklist
// (the response flow for the severity first, then the team's sections), and
// the timeline newest first with the values of each moment, the lead-up
// before the declaration set apart. Titles, notes, names and outputs are
// outside text: sanitised here (describeEvent sanitises what it quotes).

import { describeEvent } from '../../incidents/describe.js';
import { happenings } from '../../incidents/incident.js';
import type { IncidentsNow, OpenIncident } from '../../incidents/incident-service.js';
import { formatAge, formatPercent, truncate } from '../../text/format.js';
import { sanitize } from '../../util/sanitize.js';

export interface Row {
  text: string;
  /** Dim words after the text: an automatic tick's evidence, who ticked, the drawdown then. */
  tag?: string;
  /** The tag when the whole one does not fit (an automatic tick's `auto`). */
  short?: string;
  /** The tag stays whole and the text is cut (the values of the moment). */
  keepTag?: boolean;
  tone?: 'section' | 'done' | 'lead' | 'divider';
}

export interface IncidentPanes {
  checklist: Row[];
  timeline: Row[];
  /** The timeline's rows before the filter. */
  total: number;
}

/** Times on the incident's rows are UTC, as in `gptmon incident status` and the post-mortem. */
export const utcTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function summaryText(o: OpenIncident, more: number, now: number): string {
  const inc = o.incident;
  const done = o.items.filter((i) => i.ticked).length;
  const ic = inc.commander ? `ic ${sanitize(inc.commander)}` : 'no commander yet';
  return `SEV${inc.sev} ${inc.id} "${sanitize(inc.title)}" · ${ic} · open ${formatAge(now - inc.declaredAt)} · checklist ${done}/${o.items.length}${more ? ` · +${more} more open (gptmon incident list)` : ''}`;
}

export function checklistRows(o: OpenIncident): Row[] {
  const rows: Row[] = [];
  let section = '';
  for (const item of o.items) {
    if (item.section !== section) {
      section = item.section;
      rows.push({ text: sanitize(section), tone: 'section' });
    }
    const text = `${item.ticked ? '✓' : ' '} ${String(item.number).padStart(2)} ${sanitize(item.text)}`;
    const who = item.by ? `${item.ticked ? '' : 'unticked by '}${sanitize(item.by.who)} ${utcTime(item.by.at)}` : undefined;
    const tag = who ?? (item.auto ? `auto: ${sanitize(item.auto)}` : undefined);
    rows.push({ text, ...(tag ? { tag, short: who ? sanitize(item.by!.who) : 'auto' } : {}), ...(item.ticked ? { tone: 'done' as const } : {}) });
  }
  return rows;
}

/** What happened, newest first; the lead-up (before anyone declared it) after a divider, dimmed. */
export function timelineRows(o: OpenIncident): Row[] {
  const rows: Row[] = [];
  let divided = false;
  for (const e of [...happenings(o.incident)].reverse()) {
    if (e.lead && !divided) {
      rows.push({ text: '·· before it was declared: the lead-up ··', tone: 'divider' });
      divided = true;
    }
    const dd = e.values?.drawdown;
    rows.push({ text: `${utcTime(e.time)} ${sanitize(e.operator).slice(0, 10).padEnd(6)} ${describeEvent(e)}`, ...(dd !== undefined ? { tag: `dd ${formatPercent(dd)}`, keepTag: true } : {}), ...(e.lead ? { tone: 'lead' as const } : {}) });
  }
  return rows;
}

/** A row in `width` columns, as text and dim tag: a tag that does not fit shortens or, for values, stays while the text is cut. */
export function fitRow(row: Row, width: number): { text: string; tag: string } {
  const text = ` ${row.text}`;
  let tag = row.tag ? `  ${row.tag}` : '';
  if (text.length + tag.length <= width) return { text, tag };
  if (row.short !== undefined) tag = `  ${row.short}`;
  if (row.keepTag && tag.length * 3 < width) return { text: truncate(text, width - tag.length), tag };
  const whole = truncate(text + tag, width);
  return { text: whole.slice(0, text.length), tag: whole.slice(text.length) };
}

/** Rows whose words (as shown) hold the filter, case-insensitively; no dividers while filtering. */
export function filterRows(rows: Row[], filter: string): Row[] {
  const f = filter.trim().toLowerCase();
  if (!f) return rows;
  return rows.filter((r) => r.tone !== 'divider' && `${r.text} ${r.tag ?? ''}`.toLowerCase().includes(f));
}

export function incidentPanes(o: OpenIncident | undefined, filter: string): IncidentPanes {
  if (!o) return { checklist: [], timeline: [], total: 0 };
  const all = timelineRows(o);
  return { checklist: checklistRows(o), timeline: filterRows(all, filter), total: all.length };
}

/** What the engineer must know about what is shown: it could not all be read, or a change was not written. */
export function problemLines(state: IncidentsNow | undefined, o: OpenIncident | undefined): string[] {
  const out: string[] = [];
  if (state?.problem) out.push(`✖ ${sanitize(state.problem)}`);
  if (o?.bad.length) out.push(`▲ ${o.bad.length} line${o.bad.length === 1 ? '' : 's'} of ${o.incident.id}'s timeline could not be read (skipped): line ${o.bad.slice(0, 5).join(', ')}${o.bad.length > 5 ? ', …' : ''}`);
  return out;
}

export interface IncidentGeometry {
  /** Side by side (wide enough); else one pane at a time. */
  two: boolean;
  left: number;
  right: number;
  /** Rows a pane has for its lines. */
  rows: number;
}

/** Two panes from 100 columns, the timeline wider; the summary, any problem lines and the panes' titles come off the height. */
export function incidentGeometry(width: number, height: number, problemLines: number): IncidentGeometry {
  const two = width >= 100;
  const left = two ? Math.floor(width * 0.45) : width;
  return { two, left, right: two ? width - left - 1 : width, rows: Math.max(1, height - 2 - problemLines) };
}

/** The positions a pane of `total` rows scrolls through in `rows` lines. */
export const scrollPositions = (total: number, rows: number) => Math.max(1, total - rows + 1);
