/** A bounded series: recent readings for sparklines, at most one a `stepMs`. */
export class History {
  private values: number[] = [];
  private times: number[] = [];

  constructor(
    private readonly capacity = 600,
    private readonly stepMs = 1000,
  ) {}

  push(value: number, at: number): void {
    const last = this.times.length - 1;
    if (last >= 0 && at - this.times[last]! < this.stepMs) {
      // Several readings within one step: keep the newest.
      this.values[last] = value;
      this.times[last] = at;
      return;
    }
    this.values.push(value);
    this.times.push(at);
    if (this.values.length > this.capacity) {
      this.values.shift();
      this.times.shift();
    }
  }

  latest(): { value: number; at: number } | undefined {
    const i = this.values.length - 1;
    return i < 0 ? undefined : { value: this.values[i]!, at: this.times[i]! };
  }

  /** Values newer than `since`, oldest first. */
  since(since: number): number[] {
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > since) i--;
    return this.values.slice(i);
  }
}
