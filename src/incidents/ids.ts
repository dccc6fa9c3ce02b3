// Incident ids: `INC-20261125-1`, the UTC day it was declared and its number
// that day: short enough to type, sortable, and the same for every engineer.

const PATTERN = /^INC-(\d{8})-(\d+)$/;

export const isIncidentId = (s: string): boolean => PATTERN.test(s);

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The next id for the day of `now`, given the ids that exist. */
export function nextId(now: number, existing: Iterable<string>): string {
  const day = dayOf(now);
  let max = 0;
  for (const id of existing) {
    const m = PATTERN.exec(id);
    if (m && m[1] === day) max = Math.max(max, Number(m[2]));
  }
  return `INC-${day}-${max + 1}`;
}

/** Ids in the order they were declared (newest last). */
export function compareIds(a: string, b: string): number {
  const [, da = '', na = '0'] = PATTERN.exec(a) ?? [];
  const [, db = '', nb = '0'] = PATTERN.exec(b) ?? [];
  return da.localeCompare(db) || Number(na) - Number(nb);
}
