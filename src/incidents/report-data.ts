// The post-mortem's facts, from the recorded timeline only (the values as
// they were recorded, never read again): when it started, was acknowledged,
// mitigated and resolved, and how long each took; the impact; the alerts
// involved; what was done and what it gave. The Markdown and the JSON are two
// renderings of this.

import { checklistState, type ChecklistSection, type ItemState } from './checklist.js';
import { happenings, type Incident } from './incident.js';
import type { Event } from './types.js';

export interface Moment {
  at: number;
  what: string;
}

export interface ReportData {
  id: string;
  title: string;
  sev: Incident['sev'];
  sevChanges: Incident['sevChanges'];
  commander?: string;
  summary?: string;
  declared: Moment & { by: string };
  firstAlert?: Moment;
  acknowledged?: Moment & { by: string };
  mitigated?: Moment & { by?: string };
  resolved?: Moment & { by: string };
  /** Milliseconds: from the first alert (or the declaration) to each. */
  toAcknowledge?: number;
  toMitigate?: number;
  toResolve?: number;
  impact: {
    peakDrawdown?: { value: number; at: number };
    worstDailyReturn?: { value: number; at: number };
    /** From the first verified halt to the first verified resume after it (absent when not resumed). */
    halted?: { from: number; resumed?: number };
    positionsClosedAt?: number;
    modelSwitchedAt?: number;
    failedOverAt?: number;
  };
  alerts: Array<{ name: string; severity: string; firing: number; resolved?: number; value?: string }>;
  timeline: Event[];
  actions: Event[];
  steps: Event[];
  checklist: ItemState[];
  notes: Event[];
}

const MITIGATIONS = ['halt', 'flatten', 'failover', 'fallback-model', 'reduce'];

export function reportData(inc: Incident, sections?: ChecklistSection[]): ReportData {
  const events = happenings(inc);
  const firings = events.filter((e) => e.kind === 'alert-firing' && e.alert);
  const firstAlert = firings[0];
  const ack = events.find((e) => e.kind === 'ack');
  const control = events.find((e) => e.kind === 'control' && e.control?.result === 'verified' && MITIGATIONS.includes(e.control.action));
  const criticalResolved = events.find((e) => e.kind === 'alert-resolved' && e.alert?.severity === 'critical');
  const mitigation = control && (!criticalResolved || control.time <= criticalResolved.time) ? control : criticalResolved;
  const start = firstAlert?.time ?? inc.declaredAt;

  const data: ReportData = {
    id: inc.id,
    title: inc.title,
    sev: inc.sev,
    sevChanges: inc.sevChanges,
    declared: { at: inc.declaredAt, what: 'declared', by: inc.declaredBy },
    impact: impactOf(inc),
    alerts: alertsOf(events),
    timeline: events,
    actions: events.filter((e) => e.kind === 'control' && e.control?.result !== 'attempt'),
    steps: events.filter((e) => e.kind === 'step'),
    checklist: checklistState(inc, sections),
    notes: events.filter((e) => e.kind === 'note'),
  };
  if (inc.commander) data.commander = inc.commander;
  if (inc.summary) data.summary = inc.summary;
  if (firstAlert) data.firstAlert = { at: firstAlert.time, what: `${firstAlert.alert!.name} firing` };
  if (ack) {
    data.acknowledged = { at: ack.time, what: `${ack.ack?.alert ?? 'an alert'} acknowledged`, by: ack.operator };
    data.toAcknowledge = ack.time - start;
  }
  if (mitigation) {
    data.mitigated = mitigation.kind === 'control' ? { at: mitigation.time, what: `${mitigation.control!.action} verified`, by: mitigation.operator } : { at: mitigation.time, what: `${mitigation.alert!.name} resolved` };
    data.toMitigate = mitigation.time - start;
  }
  if (inc.resolvedAt !== undefined) {
    data.resolved = { at: inc.resolvedAt, what: 'resolved', by: inc.resolvedBy ?? '—' };
    data.toResolve = inc.resolvedAt - start;
  }
  return data;
}

function impactOf(inc: Incident): ReportData['impact'] {
  const impact: ReportData['impact'] = {};
  for (const e of inc.events) {
    const v = e.values;
    if (!v) continue;
    if (v.drawdown !== undefined && (!impact.peakDrawdown || v.drawdown > impact.peakDrawdown.value)) impact.peakDrawdown = { value: v.drawdown, at: v.at };
    if (v.dailyReturn !== undefined && (!impact.worstDailyReturn || v.dailyReturn < impact.worstDailyReturn.value)) impact.worstDailyReturn = { value: v.dailyReturn, at: v.at };
  }
  const verified = (action: string) => inc.events.filter((e) => e.kind === 'control' && e.control?.action === action && e.control.result === 'verified');
  const halt = verified('halt')[0];
  if (halt) {
    const resume = verified('resume').find((e) => e.time > halt.time);
    impact.halted = { from: halt.time, ...(resume ? { resumed: resume.time } : {}) };
  }
  const flatten = verified('flatten')[0];
  if (flatten) impact.positionsClosedAt = flatten.time;
  const fallback = verified('fallback-model')[0];
  if (fallback) impact.modelSwitchedAt = fallback.time;
  const failover = verified('failover')[0];
  if (failover) impact.failedOverAt = failover.time;
  return impact;
}

function alertsOf(events: Event[]): ReportData['alerts'] {
  const out: ReportData['alerts'] = [];
  for (const e of events) {
    if (!e.alert) continue;
    if (e.kind === 'alert-firing') out.push({ name: e.alert.name, severity: e.alert.severity, firing: e.alert.at, ...(e.alert.value ? { value: e.alert.value } : {}) });
    if (e.kind === 'alert-resolved') {
      const open = [...out].reverse().find((a) => a.name === e.alert!.name && a.resolved === undefined);
      if (open) open.resolved = e.alert.at;
    }
  }
  return out;
}
