// Finding a runbook by what an engineer types: its id, an alias, the name of
// an alert it serves, or an unambiguous prefix of any of those; case does not matter.

import { closest } from '../util/closest.js';
import type { Runbook } from './types.js';

export type Found = { ok: true; runbook: Runbook } | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: string[] };

export function findRunbook(runbooks: Runbook[], name: string): Found {
  const n = name.trim().toLowerCase();
  const exact = runbooks.find((r) => r.id === n) ?? runbooks.find((r) => r.aliases.includes(n)) ?? runbooks.find((r) => r.alerts.some((a) => a.toLowerCase() === n));
  if (exact) return { ok: true, runbook: exact };
  if (n) {
    const hits = runbooks.filter((r) => [r.id, ...r.aliases].some((k) => k.startsWith(n)));
    if (hits.length === 1) return { ok: true, runbook: hits[0]! };
    if (hits.length > 1) return { ok: false, reason: 'ambiguous', candidates: hits.map((r) => r.id) };
  }
  const names = runbooks.flatMap((r) => [r.id, ...r.aliases]);
  const near = closest(n, names, 3).map((k) => runbooks.find((r) => r.id === k || r.aliases.includes(k))!.id);
  return { ok: false, reason: 'unknown', candidates: [...new Set(near)] };
}

/** Every name that finds a runbook, for completion. */
export function runbookNames(runbooks: Runbook[]): string[] {
  return runbooks.flatMap((r) => [r.id, ...r.aliases]).sort();
}
