// The embedded evaluator's state kept between runs, so that one-shot commands
// run every minute (cron, Nagios) agree with Prometheus: the alert states (how
// long a condition has held, so each alert's duration is honoured) and the
// last histogram counts (so the next run has a baseline for its latency
// quantiles). A state older than MAX_AGE_MS says nothing about the gap, so it
// is ignored.

import type { AlertTrack } from '../engine/alert-state.js';
import type { Histogram } from '../sources/types.js';
import { writeFileAtomic } from './atomic-file.js';
import { readJsonFile } from './json-file.js';
import { withFileLock } from './lock.js';

export const MAX_AGE_MS = 2 * 60_000;

export interface EngineState {
  tracks: Record<string, { alert: string; track: AlertTrack }>;
  histograms: Record<string, Array<{ at: number; h: Histogram }>>;
}

interface Saved extends EngineState {
  version: 2;
  trader: string;
  savedAt: number;
}

/** JSON has no Infinity: the +Inf bucket's bound comes back as null. */
function revive(histograms: EngineState['histograms']): EngineState['histograms'] {
  const out: EngineState['histograms'] = {};
  for (const [series, list] of Object.entries(histograms)) {
    if (!Array.isArray(list)) continue;
    out[series] = list.map((e) => ({ at: e.at, h: { ...e.h, buckets: e.h.buckets.map((b) => ({ count: b.count, le: b.le === null ? Infinity : b.le })) } }));
  }
  return out;
}

export function loadAlertState(path: string, trader: string, now: number): Partial<EngineState> | undefined {
  const read = readJsonFile(path);
  if (!read.ok || !read.value) return undefined;
  const saved = read.value as Saved;
  if (saved.version !== 2 || saved.trader !== trader || !(now - saved.savedAt <= MAX_AGE_MS) || saved.savedAt > now) return undefined;
  return {
    ...(saved.tracks && typeof saved.tracks === 'object' ? { tracks: saved.tracks } : {}),
    ...(saved.histograms && typeof saved.histograms === 'object' ? { histograms: revive(saved.histograms) } : {}),
  };
}

/** Returns why it could not be saved, or undefined: losing this only costs the next run its memory of durations. */
export function saveAlertState(path: string, trader: string, now: number, state: EngineState): string | undefined {
  try {
    // Not flushed to disk: written every 10 s by the console, and a state older than MAX_AGE_MS is ignored, so after a machine crash it would be ignored anyway.
    withFileLock(path, () => writeFileAtomic(path, JSON.stringify({ version: 2, trader, savedAt: now, ...state } satisfies Saved), { durable: false }), { timeoutMs: 1000 });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
