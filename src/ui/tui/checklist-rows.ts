// Today's checklist as the lines the console's checklist view scrolls
// through: each item numbered (what `c` asks for), ticked or not with who and
// when, gptmon's suggestion, and its evidence under it, wrapped, never cut.
// Items, operators and evidence are outside text: sanitised here.

import type { ChecklistNow } from '../../reviews/checklist-service.js';
import { formatAge } from '../../text/age.js';
import { formatClock, truncate } from '../../text/format.js';
import { wrap } from '../../text/wrap.js';
import { sanitize } from '../../util/sanitize.js';

export interface ChecklistLine {
  text: string;
  tone: 'title' | 'done' | 'todo' | 'evidence' | 'problem' | 'blank';
  /** Dim text after it: who ticked it, or what gptmon suggests. */
  tag?: string;
  /** The suggestion is to look: it stands out. */
  look?: boolean;
}

const INDENT = '        ';

export function checklistLines(state: ChecklistNow | undefined, now: number, width: number): ChecklistLine[] {
  if (!state) return [{ text: ' This console keeps no checklist.', tone: 'title' }];
  const done = state.rows.filter((r) => r.tick).length;
  const date = state.key.replace(/^daily /, '');
  const out: ChecklistLine[] = [{ text: truncate(` Daily checklist ${date} (UTC): ${done}/${state.rows.length} ticked`, width), tone: 'title' }];
  for (const p of state.problems) out.push(...wrap(`✖ ${sanitize(p)}`, width - 1, '  ').map((l) => ({ text: truncate(` ${l}`, width), tone: 'problem' as const })));
  out.push({ text: '', tone: 'blank' });
  for (const r of state.rows) {
    const head = `${String(r.n).padStart(3)}. ${r.tick ? '[x]' : '[ ]'} ${sanitize(r.text)}`;
    const tag = r.tick
      ? `  by ${sanitize(r.tick.by)} ${formatClock(r.tick.at).slice(0, 5)} (${formatAge(Math.max(0, now - r.tick.at))} ago)`
      : r.evidence
        ? r.evidence.suggest === 'tick'
          ? '  → looks fine: tick it?'
          : '  → LOOK'
        : '  (by hand)';
    const text = truncate(head, width);
    out.push({ text, tone: r.tick ? 'done' : 'todo', tag: truncate(tag, Math.max(0, width - text.length)), look: !r.tick && r.evidence?.suggest === 'look' });
    for (const l of r.evidence?.lines ?? []) out.push(...wrap(sanitize(l), width, INDENT).map((x) => ({ text: truncate(x, width), tone: 'evidence' as const })));
  }
  out.push({ text: '', tone: 'blank' });
  out.push({ text: truncate(' c N ticks item N, c -N takes the tick back (--read-only too)', width), tone: 'evidence' });
  return out;
}
