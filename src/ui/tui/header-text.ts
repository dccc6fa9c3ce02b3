// What the header says, as plain data: the trading state (only when it was
// seen fresh; otherwise what was last seen and when), the counts of what is
// wrong, and the trust line (each source's age, and what gptmon could not read).

import type { Severity } from '../../config/types.js';
import type { Snapshot, SourceStatus } from '../../engine/types.js';
import { sanitize } from '../../util/sanitize.js';
import { formatAge } from '../../text/format.js';
import { SEVERITY_SYMBOL, SEVERITY_WORD } from './theme.js';
import { lagText, otherAlertsText, rulesText } from '../../text/prom-notes.js';

export type Tone = 'ok' | 'warning' | 'critical' | 'unknown';

export interface Segment {
  text: string;
  tone: Tone;
  bold?: boolean;
}

const SOURCE_NAME: Record<string, string> = { trader: 'health', metrics: 'metrics', prometheus: 'prometheus', alertmanager: 'alertmanager' };

/** `health 1s`, `prometheus stale 20s`, `alertmanager down 40s`: the age of what is shown. */
export function sourceAge(s: SourceStatus, now: number): string {
  const name = SOURCE_NAME[s.name] ?? s.name;
  if (s.state === 'off') return `${name} off`;
  if (s.state === 'ok') {
    const lag = lagText(s);
    return `${name} ${formatAge(now - (s.lastOkAt ?? now))}${lag ? ` (${lag})` : ''}`;
  }
  const age = s.lastOkAt !== undefined ? formatAge(now - s.lastOkAt) : formatAge(now - (s.since ?? now));
  return `${name} ${s.state === 'stale' ? 'stale' : 'down'} ${age}`;
}

/** ` ■ TRADING ACTIVE `, ` ■ TRADING HALTED `, ` ? TRADING last ACTIVE 1m07s ago `. */
export function tradingSegment(snap: Snapshot, short: boolean): Segment {
  const t = snap.trader;
  const word = short ? '' : 'TRADING ';
  if (t.trading === 'halted') return { text: ` ■ ${word}HALTED `, tone: 'critical', bold: true };
  if (t.trading === 'active') return { text: ` ■ ${word}ACTIVE `, tone: 'ok', bold: true };
  if (t.lastTrading) return { text: ` ? ${word}last ${t.lastTrading.state.toUpperCase()} ${formatAge(snap.now - t.lastTrading.at)} ago `, tone: 'unknown', bold: true };
  return { text: ` ? ${word}UNKNOWN `, tone: 'unknown', bold: true };
}

const SEV_TONE: Record<Severity, Tone> = { critical: 'critical', high: 'warning', medium: 'warning', low: 'ok' };

/**
 * `✖ CRIT 2  ▲ HIGH 1  … 3 pending`: CRIT counts values already past a
 * critical line too. With nothing to count, "all clear" only when the verdict
 * is OK; otherwise why it is not.
 */
export function countSegments(snap: Snapshot): Segment[] {
  const c = snap.counts;
  const out: Segment[] = [];
  for (const s of ['critical', 'high', 'medium', 'low'] as const) {
    const n = c.firing[s] + (s === 'critical' ? c.pastCritical.length : 0);
    if (n) out.push({ text: `${SEVERITY_SYMBOL[s]} ${SEVERITY_WORD[s]} ${n}`, tone: SEV_TONE[s], bold: s === 'critical' });
  }
  if (c.pending) out.push({ text: `… ${c.pending} pending`, tone: 'warning' });
  if (out.length) return out;
  const v = snap.verdict;
  if (v.code === 0) return [{ text: '✓ all clear', tone: 'ok' }];
  return [{ text: `${v.code === 3 ? '?' : '▲'} ${sanitize(v.reasons[0] ?? v.word)}`, tone: v.code === 3 ? 'unknown' : v.code === 2 ? 'critical' : 'warning' }];
}

/** The open incident as the header names it (the most severe, when several are open). */
export interface IncidentBadge {
  sev: number;
  id: string;
  declaredAt: number;
  commander?: string;
  /** Other incidents open besides. */
  more: number;
}

/** `12m`, `45s`, `3h05m`: an incident's age, short. */
function shortAge(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return `${Math.floor(Math.max(0, ms) / 1000)}s`;
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * ` ✖ SEV2 INC-20261125-1 12m · ic ana `, shortened to fit `room`: the
 * commander goes first, then the id, then the age; the severity never does.
 */
export function incidentSegment(b: IncidentBadge, now: number, room: number): Segment {
  // A symbol as well as the word and the colour: SEV1-2 read as critical, SEV3-4 as a warning, in monochrome too.
  const sev = `${b.sev <= 2 ? '✖' : '▲'} SEV${b.sev}`;
  const age = shortAge(now - b.declaredAt);
  const more = b.more ? ` +${b.more}` : '';
  const ic = b.commander ? ` · ic ${sanitize(b.commander).slice(0, 12)}` : '';
  const forms = [` ${sev} ${b.id} ${age}${ic}${more} `, ` ${sev} ${b.id} ${age}${more} `, ` ${sev} ${age}${more} `, ` ${sev}${more} `, ` ${sev} `];
  const text = forms.find((f) => [...f].length <= room) ?? forms.at(-1)!;
  return { text, tone: b.sev <= 2 ? 'critical' : 'warning', bold: true };
}

/** The trust line: each source's age, what a dead one means, and what could not be read. */
export function trustLine(snap: Snapshot): { text: string; troubled: boolean } {
  const sources = snap.mode === 'embedded' ? [snap.sources.trader, snap.sources.metrics, snap.sources.alertmanager] : [snap.sources.trader, snap.sources.prometheus, snap.sources.alertmanager];
  const am = snap.sources.alertmanager.state;
  const amNote = am === 'off' ? ' (acks kept locally)' : am !== 'ok' ? ' (acks kept locally meanwhile)' : '';
  const notes: string[] = [];
  if (snap.scrape?.unreadable) notes.push(`metrics: ${snap.scrape.unreadable} line${snap.scrape.unreadable === 1 ? '' : 's'} unreadable`);
  if (snap.scrape?.duplicates.length) notes.push(`duplicate series: ${snap.scrape.duplicates.map(sanitize).join(', ')}`);
  notes.push(...snap.problems.map(sanitize));
  // Which alerts gptmon evaluates itself, and other traders' alerts: facts, not trouble.
  const rules = rulesText(snap);
  const others = otherAlertsText(snap);
  const facts = [...(rules && snap.rules!.inPrometheus < snap.rules!.total ? [rules] : []), ...(others ? [others] : [])];
  const text = [sources.map((s) => sourceAge(s, snap.now)).join(' · ') + amNote, ...notes, ...facts].join(' · ');
  return { text, troubled: notes.length > 0 || sources.some((s) => s.state === 'stale' || s.state === 'down') };
}
