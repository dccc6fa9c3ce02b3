// The config's review settings, read into a layer: the risk limits (each in
// its unit, named by its field when wrong) and the checklists' items.

import { didYouMean } from '../util/closest.js';
import { parseMoney, parseShare, RISK_LIMITS } from './risk-limits.js';
import { CHECKLIST_PERIODS, type ChecklistPeriod, type RiskLimits } from './types.js';
import type { YamlCursor } from './yaml-cursor.js';

const RISK_KEYS = [...RISK_LIMITS.map((l) => l.key), 'warn_at'];

const unknownKey = (key: string, keyAt: YamlCursor, known: readonly string[]) => keyAt.issue(`unknown key "${key}"${didYouMean(key, known)}`);

/** Each limit in its unit (money, or a share for concentration); a mistake leaves the built-in limit in force. */
export function readRiskLimits(at: YamlCursor, out: Partial<RiskLimits>): void {
  for (const [key, v, keyAt] of at.entries('a map of max_exposure, max_position_size, max_var, max_concentration, warn_at') ?? []) {
    const def = RISK_LIMITS.find((l) => l.key === key);
    if (!def && key !== 'warn_at') {
      unknownKey(key, keyAt, RISK_KEYS);
      continue;
    }
    const r = key === 'warn_at' ? parseShare(v.value(), 'a share of the limit', false) : def!.kind === 'ratio' ? parseShare(v.value(), 'a ratio') : parseMoney(v.value());
    if (typeof r === 'string') v.issue(r);
    else out[key as keyof RiskLimits] = r;
  }
}

/** A period's items replace the built-in list for that period. */
export function readChecklists(at: YamlCursor, out: Partial<Record<ChecklistPeriod, string[]>>): void {
  for (const [key, v, keyAt] of at.entries('a map of daily, weekly, monthly') ?? []) {
    if (!(CHECKLIST_PERIODS as readonly string[]).includes(key)) {
      unknownKey(key, keyAt, CHECKLIST_PERIODS);
      continue;
    }
    const items = v.items('a list of checklist items');
    if (!items) continue;
    const texts = items.map((i) => i.string());
    if (!texts.length) v.issue('expected at least one item');
    else if (texts.every((t): t is string => t !== undefined)) out[key as ChecklistPeriod] = texts.map((t) => t.trim());
  }
}
