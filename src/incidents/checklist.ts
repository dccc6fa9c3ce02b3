// The incident commander's checklist: the response flow's steps for the
// severity first (SEV1: page on-call, name a commander, assemble the team;
// SEV2: notify the team; SEV3-4: create a ticket), then the playbook's five
// sections. An item gptmon can see is ticked by itself with its evidence
// (`halted 03:12:40 by ana (verified)`); the rest stay for the humans. A tick
// by hand, or a tick taken back, has the last word.

import { DEFAULT_INCIDENT_CHECKLIST } from '../config/defaults.js';
import type { ChecklistConfig } from '../config/types.js';
import { formatMoney, formatPercent } from '../text/format.js';
import { closest } from '../util/closest.js';
import type { Incident } from './incident.js';
import type { Event, Sev } from './types.js';

/** What gptmon can tick by itself, by what it saw. */
export type AutoRule = 'commander' | 'impact' | 'exposure' | 'halted' | 'safe-mode' | 'monitoring' | 'reduced' | 'watching' | 'normal';

export interface ChecklistItem {
  text: string;
  auto?: AutoRule;
}

export interface ChecklistSection {
  title: string;
  items: ChecklistItem[];
}

/** Sections as written (the playbook's, or a team's): what gptmon can tick by itself goes by each item's words. */
function sectionsOf(written: ChecklistConfig): ChecklistSection[] {
  return written.map((s) => ({
    title: s.title,
    items: s.items.map((text) => {
      const auto = ruleFor(text);
      return auto ? { text, auto } : { text };
    }),
  }));
}

/** The playbook's "Incident Commander Checklist", as the built-in default; a team's config may replace it. */
export const PLAYBOOK_CHECKLIST: ChecklistSection[] = sectionsOf(DEFAULT_INCIDENT_CHECKLIST);

/** The checklist a team runs: its own from the config (`incident_checklist`), else the playbook's. */
export function checklistOf(config: { incident_checklist?: ChecklistConfig | undefined }): ChecklistSection[] {
  return config.incident_checklist ? sectionsOf(config.incident_checklist) : PLAYBOOK_CHECKLIST;
}

/** The playbook's response flow, by severity: what comes first. */
export function responseFlow(sev: Sev): ChecklistSection {
  if (sev === 1) return { title: 'Response (SEV1)', items: [{ text: 'Page on-call' }, { text: 'Name an incident commander', auto: 'commander' }, { text: 'Assemble team' }] };
  if (sev === 2) return { title: 'Response (SEV2)', items: [{ text: 'Notify team' }, { text: 'Name an incident commander', auto: 'commander' }] };
  return { title: `Response (SEV${sev})`, items: [{ text: 'Create ticket' }] };
}

/** Which rule, if any, an item's words ask for: a team's own wording of the same step is ticked alike. */
export function ruleFor(text: string): AutoRule | undefined {
  const t = text.toLowerCase();
  if (/commander/.test(t)) return 'commander';
  if (/impact on trading/.test(t)) return 'impact';
  if (/exposure/.test(t) && /check|financial/.test(t)) return 'exposure';
  if (/stop trading|halt/.test(t)) return 'halted';
  if (/safe mode|fallback/.test(t)) return 'safe-mode';
  if (/monitoring data/.test(t)) return 'monitoring';
  if (/reduce risk|reduce position/.test(t)) return 'reduced';
  if (/monitor closely/.test(t)) return 'watching';
  if (/normal operation/.test(t)) return 'normal';
  return undefined;
}

export interface ItemState {
  section: string;
  text: string;
  /** 1-based across the whole list: what `gptmon incident check 4` names. */
  number: number;
  ticked: boolean;
  /** Ticked by gptmon from what it saw, and what. */
  auto?: string;
  /** Ticked (or unticked) by hand: who and when. */
  by?: { who: string; at: number };
}

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

const verified = (events: Event[], actions: string[]) => events.find((e) => e.kind === 'control' && e.control && actions.includes(e.control.action) && e.control.result === 'verified');

/** The evidence for an automatic tick, or undefined when gptmon has not seen it. */
export function evidence(rule: AutoRule, inc: Incident): string | undefined {
  const during = inc.events.filter((e) => !e.lead || e.kind !== 'sample');
  switch (rule) {
    case 'commander':
      return inc.commander ? `ic ${inc.commander}` : undefined;
    case 'impact': {
      const e = during.find((x) => x.values?.trading && x.values.trading !== 'unknown');
      return e?.values ? `trading ${e.values.trading}${e.values.drawdown !== undefined ? `, drawdown ${formatPercent(e.values.drawdown)}` : ''} at ${hhmmss(e.values.at)}` : undefined;
    }
    case 'exposure': {
      const e = during.find((x) => x.values?.exposure !== undefined);
      return e?.values ? `exposure ${formatMoney(e.values.exposure!)}${e.values.var95 !== undefined ? `, VaR ${formatMoney(e.values.var95)}` : ''} at ${hhmmss(e.values.at)}` : undefined;
    }
    case 'halted': {
      const e = verified(during, ['halt']);
      return e ? `halted ${hhmmss(e.time)} by ${e.operator} (verified)` : undefined;
    }
    case 'safe-mode': {
      const e = verified(during, ['fallback-model']);
      return e ? `fallback model ${hhmmss(e.time)} by ${e.operator} (verified)` : undefined;
    }
    case 'reduced': {
      const e = verified(during, ['flatten', 'reduce', 'halt']);
      return e ? `${e.control!.action} ${hhmmss(e.time)} by ${e.operator} (verified)` : undefined;
    }
    case 'monitoring': {
      const e = during.find((x) => x.kind === 'sample' && !x.lead && x.time >= inc.declaredAt);
      return e ? `watched in gptmon from ${hhmmss(e.time)}` : undefined;
    }
    case 'watching': {
      const mitigated = verified(during, ['halt', 'flatten', 'reduce', 'fallback-model', 'failover']);
      const after = mitigated ? during.filter((x) => x.kind === 'sample' && x.time > mitigated.time) : [];
      return after.length >= 2 ? `watched ${Math.round((after.at(-1)!.time - mitigated!.time) / 60_000)} min after ${mitigated!.control!.action}` : undefined;
    }
    case 'normal': {
      const last = [...during].reverse().find((x) => x.values);
      return inc.resolvedAt && last?.values && last.values.trading !== 'unknown' && last.values.firing.length === 0 ? `no alerts firing at ${hhmmss(last.values.at)}` : undefined;
    }
  }
}

/** The checklist as it stands: every item, ticked or not, by whom or on what evidence. */
export function checklistState(inc: Incident, sections: ChecklistSection[] = PLAYBOOK_CHECKLIST): ItemState[] {
  const out: ItemState[] = [];
  for (const section of [responseFlow(inc.sev), ...sections]) {
    for (const item of section.items) {
      const state: ItemState = { section: section.title, text: item.text, number: out.length + 1, ticked: false };
      const rule = item.auto ?? ruleFor(item.text);
      const seen = rule ? evidence(rule, inc) : undefined;
      if (seen) {
        state.ticked = true;
        state.auto = seen;
      }
      const hand = inc.ticks.get(item.text);
      if (hand) {
        state.ticked = hand.ticked;
        state.by = { who: hand.by, at: hand.at };
      }
      out.push(state);
    }
  }
  return out;
}

/** An item by number or by words (`stop trading`): the one it names, or the closest ones. */
export function findItem(items: ItemState[], spec: string): { ok: true; item: ItemState } | { ok: false; reason: string } {
  const n = Number(spec);
  if (Number.isInteger(n) && String(n) === spec.trim()) {
    const item = items.find((i) => i.number === n);
    return item ? { ok: true, item } : { ok: false, reason: `no item ${n}: the checklist has 1-${items.length}` };
  }
  const words = spec.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = items.filter((i) => words.every((w) => i.text.toLowerCase().includes(w)));
  if (hits.length === 1) return { ok: true, item: hits[0]! };
  if (hits.length > 1) return { ok: false, reason: `"${spec}" could be ${hits.map((i) => `${i.number} (${i.text})`).join(', ')}` };
  const near = items
    .map((i) => ({ i, score: words.filter((w) => i.text.toLowerCase().includes(w)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  const close = near.length ? near.map((x) => x.i) : closest(spec, items.map((i) => i.text), 3).map((t) => items.find((i) => i.text === t)!);
  return { ok: false, reason: `no item matches "${spec}"; ${close.length ? `closest: ${close.map((i) => `${i.number} (${i.text})`).join(', ')}` : `the items are 1-${items.length} (gptmon incident status lists them)`}` };
}
