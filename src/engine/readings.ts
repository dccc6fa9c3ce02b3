// What was last read of each metric: every series of it (a metric may come as
// several, by desk or strategy, and each counts), or why there is no number
// (the trader answered without it, or with NaN). The history behind the
// sparkline follows the worst series, the one the row shows.

import type { MetricSpec } from '../config/types.js';
import { History } from './history.js';

export interface SeriesValue {
  labels: Record<string, string>;
  value: number;
}

export interface Reading {
  /** Every series with a number; empty when `noData` says why there is none. */
  series: SeriesValue[];
  /** The read worked but gave no number: `missing`, `NaN`, `+Inf`, `-Inf`. */
  noData?: string;
  at: number;
}

const nonNumber = (v: number) => (Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf');

/** The series that matters most: the worst for the metric's direction, else the first. */
export function worstOf(series: SeriesValue[], spec: MetricSpec | undefined): SeriesValue | undefined {
  let worst: SeriesValue | undefined;
  for (const s of series) {
    if (!worst) worst = s;
    else if (spec?.direction === 'above' ? s.value > worst.value : spec?.direction === 'below' ? s.value < worst.value : false) worst = s;
  }
  return worst;
}

const EMPTY: readonly number[] = Object.freeze([]);

export class Readings {
  private readonly latest = new Map<string, Reading>();
  private readonly histories = new Map<string, History>();

  constructor(
    private readonly specs: Record<string, MetricSpec>,
    private readonly historyPoints: number,
  ) {}

  /**
   * A metric as read now: its series (non-finite ones say `noData` when no
   * series has a number), or `[]` with `missing` when it was not exposed.
   */
  record(name: string, raw: SeriesValue[], at: number): void {
    const series = raw.filter((s) => Number.isFinite(s.value));
    const reading: Reading = { series, at };
    if (!series.length) reading.noData = raw.length ? nonNumber(raw[0]!.value) : 'missing';
    this.latest.set(name, reading);
    const worst = worstOf(series, this.specs[name]);
    if (!worst) return;
    let h = this.histories.get(name);
    if (!h) this.histories.set(name, (h = new History(this.historyPoints)));
    h.push(worst.value, at);
  }

  get(name: string): Reading | undefined {
    return this.latest.get(name);
  }

  names(): IterableIterator<string> {
    return this.latest.keys();
  }

  history(name: string, since: number, max?: number): readonly number[] {
    return this.histories.get(name)?.since(since, max) ?? EMPTY;
  }
}
