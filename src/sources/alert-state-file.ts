// The embedded evaluator's alert states, kept between runs so that one-shot
// commands run every minute (cron, Nagios) see how long a condition has held
// and honour each alert's duration. A state older than MAX_AGE_MS says nothing
// about the gap, so it is ignored.

import fs from 'node:fs';
import type { AlertTrack } from '../engine/alert-state.js';
import { writeFileAtomic } from './atomic-file.js';

export const MAX_AGE_MS = 2 * 60_000;

interface Saved {
  version: 1;
  trader: string;
  savedAt: number;
  tracks: Record<string, AlertTrack>;
}

export function loadAlertState(path: string, trader: string, now: number): Record<string, AlertTrack> | undefined {
  try {
    const saved = JSON.parse(fs.readFileSync(path, 'utf8')) as Saved;
    if (saved.version !== 1 || saved.trader !== trader || !(now - saved.savedAt <= MAX_AGE_MS) || saved.savedAt > now) return undefined;
    return saved.tracks && typeof saved.tracks === 'object' ? saved.tracks : undefined;
  } catch {
    return undefined;
  }
}

export function saveAlertState(path: string, trader: string, now: number, tracks: Record<string, AlertTrack>): void {
  try {
    writeFileAtomic(path, JSON.stringify({ version: 1, trader, savedAt: now, tracks } satisfies Saved));
  } catch {
    /* losing this only costs the next run its memory of durations */
  }
}
