// The embedded evaluator's alert states, kept between runs so that one-shot
// commands run every minute (cron, Nagios) see how long a condition has held
// and honour each alert's duration. A state older than MAX_AGE_MS says nothing
// about the gap, so it is ignored.

import type { AlertTrack } from '../engine/alert-state.js';
import { writeFileAtomic } from './atomic-file.js';
import { readJsonFile } from './json-file.js';
import { withFileLock } from './lock.js';

export const MAX_AGE_MS = 2 * 60_000;

interface Saved {
  version: 1;
  trader: string;
  savedAt: number;
  tracks: Record<string, AlertTrack>;
}

export function loadAlertState(path: string, trader: string, now: number): Record<string, AlertTrack> | undefined {
  const read = readJsonFile(path);
  if (!read.ok || !read.value) return undefined;
  const saved = read.value as Saved;
  if (saved.version !== 1 || saved.trader !== trader || !(now - saved.savedAt <= MAX_AGE_MS) || saved.savedAt > now) return undefined;
  return saved.tracks && typeof saved.tracks === 'object' ? saved.tracks : undefined;
}

/** Returns why it could not be saved, or undefined: losing this only costs the next run its memory of durations. */
export function saveAlertState(path: string, trader: string, now: number, tracks: Record<string, AlertTrack>): string | undefined {
  try {
    withFileLock(path, () => writeFileAtomic(path, JSON.stringify({ version: 1, trader, savedAt: now, tracks } satisfies Saved)), { timeoutMs: 1000 });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
