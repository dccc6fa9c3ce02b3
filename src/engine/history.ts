/**
 * How many recent values a snapshot carries for a metric: more than the widest
 * sparkline draws. The engine keeps ten minutes; a snapshot a second copies only these.
 */
export const HISTORY_SHOWN = 64;

/**
 * A bounded series: recent readings for sparklines, at most one a `stepMs`.
 * Kept in two fixed typed arrays used as a ring: a reading costs no
 * allocation and no shifting, and a night of them takes the same memory as
 * ten minutes (16 bytes a point).
 */
export class History {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  /** Where the next reading goes, and how many there are. */
  private head = 0;
  private size = 0;

  constructor(
    private readonly capacity = 600,
    private readonly stepMs = 1000,
  ) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  private at(i: number): number {
    return (this.head - this.size + i + this.capacity) % this.capacity;
  }

  push(value: number, at: number): void {
    if (this.size > 0) {
      const last = this.at(this.size - 1);
      if (at - this.times[last]! < this.stepMs) {
        // Several readings within one step: keep the newest.
        this.values[last] = value;
        this.times[last] = at;
        return;
      }
    }
    this.values[this.head] = value;
    this.times[this.head] = at;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  latest(): { value: number; at: number } | undefined {
    if (!this.size) return undefined;
    const i = this.at(this.size - 1);
    return { value: this.values[i]!, at: this.times[i]! };
  }

  /**
   * Values newer than `since`, oldest first, the newest `max` of them at most:
   * a copy, so a snapshot keeps what it saw. A plain array, on the heap: a
   * snapshot a second would otherwise leave an off-heap buffer per metric for
   * the collector to sweep.
   */
  since(since: number, max = Infinity): number[] {
    let n = 0;
    while (n < this.size && n < max && this.times[this.at(this.size - 1 - n)]! > since) n++;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.values[this.at(this.size - n + i)]!;
    return out;
  }
}
