// The checklists' ticks: per period (`daily 2026-11-25`), per item, who
// ticked it and when. One small JSON file changed whole under its lock, in
// the progress directory (shared between engineers when progress_dir is),
// bounded to the most recent periods.

import { readJsonFile, updateJsonFile } from './json-file.js';
import { StoreError } from './store-error.js';

export interface Tick {
  by: string;
  at: number;
}

/** Ticks by item text: a list reordered in the config keeps its ticks. */
export type PeriodTicks = Record<string, Tick>;

type File = { version: 1; periods: Record<string, PeriodTicks> };

/** About four months of daily lists, with the weeks and months beside them. */
export const MAX_PERIODS = 150;

function decode(raw: unknown): File {
  const data = raw as File | undefined;
  return data && data.version === 1 && data.periods && typeof data.periods === 'object' && !Array.isArray(data.periods) ? data : { version: 1, periods: {} };
}

const asTicks = (raw: unknown): PeriodTicks => {
  const out: PeriodTicks = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [text, t] of Object.entries(raw as Record<string, unknown>)) {
    const tick = t as Partial<Tick> | undefined;
    if (tick && typeof tick.by === 'string' && typeof tick.at === 'number') out[text] = { by: tick.by, at: tick.at };
  }
  return out;
};

/** A period's ticks; throws a StoreError when the file cannot be read (never taken as no ticks). */
export function readTicks(file: string, period: string): PeriodTicks {
  const read = readJsonFile(file);
  if (!read.ok) throw new StoreError(read.reason);
  return asTicks(decode(read.value).periods[period]);
}

/** Ticks an item, or takes its tick back. Answers the period's ticks after, and a warning when the file was kept aside. */
export function setTick(file: string, period: string, item: string, tick: Tick | undefined): { ticks: PeriodTicks; warning?: string } {
  const res = updateJsonFile(file, decode, (data): File => {
    const ticks = asTicks(data.periods[period]);
    if (tick) ticks[item] = tick;
    else delete ticks[item];
    const periods = { ...data.periods, [period]: ticks };
    // The oldest periods go first (by their latest tick).
    const keys = Object.keys(periods);
    if (keys.length > MAX_PERIODS) {
      const latest = (k: string) => Math.max(0, ...Object.values(periods[k]!).map((t) => t.at));
      for (const k of keys.sort((a, b) => latest(a) - latest(b)).slice(0, keys.length - MAX_PERIODS)) if (k !== period) delete periods[k];
    }
    return { version: 1, periods };
  });
  return { ticks: asTicks(res.value.periods[period]), ...(res.warning ? { warning: res.warning } : {}) };
}
