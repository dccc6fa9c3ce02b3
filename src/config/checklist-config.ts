// `incident_checklist`: a team's own incident commander's checklist, in place
// of the playbook's. Sections with a title and their items, as the playbook
// writes them. Taken whole or not at all: a checklist half read would leave
// the commander without steps nobody knows are missing, so any mistake leaves
// the playbook's checklist in force (a warning naming the field).

import { didYouMean } from '../util/closest.js';
import type { ChecklistConfig } from './types.js';
import { describe } from './units.js';
import type { YamlCursor } from './yaml-cursor.js';

const SECTION_KEYS = ['title', 'items'] as const;

/** The checklist as written, or undefined (its problems recorded against their fields). */
export function readChecklist(at: YamlCursor): ChecklistConfig | undefined {
  const sections = at.items('a list of sections, each with a title and items');
  if (!sections) return undefined;
  const before = at.issueCount();
  if (!sections.length) at.issue('expected at least one section (leave the key out for the playbook\'s checklist)');
  const out: ChecklistConfig = [];
  // Ticks are kept by an item's words: two items with the same words would tick together.
  const seen = new Map<string, string>();
  for (const section of sections) {
    const entries = section.entries('a section: a map with title and items');
    if (!entries) continue;
    const byKey = new Map(entries.map(([k, v]) => [k, v]));
    const unknown = entries.filter(([key]) => !(SECTION_KEYS as readonly string[]).includes(key));
    for (const [key, , keyAt] of unknown) keyAt.issue(`unknown key "${key}"${didYouMean(key, SECTION_KEYS)} (a section has a title and items)`);
    const titleAt = byKey.get('title');
    const itemsAt = byKey.get('items');
    // A misspelt key already said what is missing: one line for one mistake.
    if (!titleAt && !unknown.length) section.issue('missing "title" (the section\'s name, e.g. Assess)');
    if (!itemsAt && !unknown.length) section.issue('missing "items" (the list of things to do)');
    const title = titleAt?.string();
    const items = itemsAt?.items('a list of items, each a line of text');
    if (!title || !items) continue;
    if (!items.length) itemsAt!.issue('expected at least one item');
    const texts: string[] = [];
    for (const item of items) {
      const v = item.value();
      if (typeof v !== 'string' || !v.trim()) {
        item.issue(`expected an item as a line of text, got ${describe(v)}`);
        continue;
      }
      const text = v.trim();
      const other = seen.get(text.toLowerCase());
      if (other !== undefined) item.issue(`"${text}" is already an item of ${other}: ticks go by an item's words, so each must differ`);
      seen.set(text.toLowerCase(), title);
      texts.push(text);
    }
    out.push({ title: title.trim(), items: texts });
  }
  return at.issueCount() > before ? undefined : out;
}
