// The console's daily checklist: its evidence from what the console already
// holds (the snapshot on screen: the values now, marked so) and the day's
// alerts from the flight recorder, read by the service, never by the UI.

import type { Config } from '../config/types.js';
import type { Snapshot } from '../engine/types.js';
import type { EvidenceInput } from '../reviews/checklist-evidence.js';
import { ChecklistService } from '../reviews/checklist-service.js';
import { dailyReview } from '../reviews/daily-review.js';
import { periodOf } from '../reviews/periods.js';
import { checklistFile } from '../store/state-paths.js';
import { nowFigures, readDayEvents } from './review-read.js';

const DAY_MS = 86_400_000;

export function consoleChecklist(config: Config, operator: string, snapshot: () => Snapshot | undefined): ChecklistService {
  const gather = (now: number): { input: EvidenceInput; problems: string[] } => {
    const input: EvidenceInput = { now, config, period: 'daily' };
    const snap = snapshot();
    if (!snap) return { input, problems: [] };
    const day = periodOf('daily', now);
    // The night before is what the morning's checklist asks about: the last 24 hours' alerts.
    const alertsFrom = now - DAY_MS;
    const { events, problems } = readDayEvents(config, alertsFrom, now);
    const date = new Date(day.start).toISOString().slice(0, 10);
    input.review = dailyReview({ date, start: day.start, end: now, partial: true, basis: 'now', figures: nowFigures(snap), events, config, alertsFrom });
    input.snap = snap;
    return { input, problems };
  };
  return new ChecklistService({ file: checklistFile(config), items: config.checklists.daily, operator, gather });
}
