// The checklists' periods, in UTC like the review's days and the incidents'
// ids: a day, an ISO week (Monday first), a month. A tick belongs to the
// period it was made in: Tuesday's daily list starts empty.

import type { ChecklistPeriod } from '../config/types.js';

const DAY_MS = 86_400_000;

export interface Period {
  /** `daily 2026-11-25`, `weekly 2026-W48`, `monthly 2026-11`: where its ticks are kept. */
  key: string;
  start: number;
  end: number;
}

export function periodOf(period: ChecklistPeriod, now: number): Period {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'daily') return { key: `daily ${new Date(day).toISOString().slice(0, 10)}`, start: day, end: day + DAY_MS };
  if (period === 'monthly') {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    return { key: `monthly ${new Date(start).toISOString().slice(0, 7)}`, start, end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
  }
  const start = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  // The ISO week's year is its Thursday's.
  const thursday = new Date(start + 3 * DAY_MS);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * DAY_MS)) + 1;
  return { key: `weekly ${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, start, end: start + 7 * DAY_MS };
}
