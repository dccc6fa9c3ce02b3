// A checklist as text: each item numbered (what `tick N` names), ticked or
// not with who and when, its evidence under it and gptmon's suggestion.

import type { Evidence } from '../reviews/checklist-evidence.js';
import type { Tick } from '../store/checklist-file.js';
import { formatAge } from '../text/age.js';
import { formatClock, truncate } from '../text/format.js';
import { wrap } from '../text/wrap.js';
import { sanitize } from '../util/sanitize.js';

export interface ChecklistRow {
  n: number;
  text: string;
  tick?: Tick;
  evidence?: Evidence;
}

export function checklistText(period: string, key: string, rows: ChecklistRow[], problems: string[], now: number, width = 80): string[] {
  const done = rows.filter((r) => r.tick).length;
  const out = [`${key.replace(/^\w+ /, `${period[0]!.toUpperCase()}${period.slice(1)} checklist `)} (UTC): ${done}/${rows.length} ticked`, ''];
  for (const r of rows) {
    const box = r.tick ? '[x]' : '[ ]';
    const who = r.tick ? `  by ${sanitize(r.tick.by)} ${formatClock(r.tick.at).slice(0, 5)} (${formatAge(now - r.tick.at)} ago)` : '';
    const hint = !r.tick && r.evidence ? (r.evidence.suggest === 'tick' ? '  → looks fine: tick it?' : '  → LOOK') : !r.evidence && !r.tick ? '  (by hand)' : '';
    out.push(truncate(`${String(r.n).padStart(2)}. ${box} ${sanitize(r.text)}${who}${hint}`, width));
    // Evidence wraps, never cut: a limit or an issue keeps its end.
    for (const l of r.evidence?.lines ?? []) out.push(...wrap(l, width, '       ').map((x) => truncate(x, width)));
  }
  out.push('', truncate(`tick one: gptmon checklist ${period} tick N (--undo takes it back)`, width));
  for (const p of problems) out.push(...wrap(`note: ${sanitize(p)}`, width, ''));
  return out;
}
