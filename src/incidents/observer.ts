// Watches snapshots for the recorder: what each shows happened is recorded
// once, however many ticks (or processes) see it. The console and the one-shot
// commands both hand their snapshots here through the monitor.

import type { Snapshot } from '../engine/types.js';
import { observedEvents, SAMPLE_MS } from './observe.js';
import type { Recorded, Recorder } from './recorder.js';

export class Observer {
  /** Keys this process has recorded (or found recorded): no need to look in the file again. */
  private readonly seen = new Set<string>();
  private lastSample: string | undefined;

  constructor(readonly recorder: Recorder) {}

  /** What a snapshot shows (alerts fired and resolved, acks, the values now and then). */
  observe(snap: Snapshot): Recorded {
    const every = this.recorder.openNow().length ? SAMPLE_MS.incident : SAMPLE_MS.quiet;
    const fresh = observedEvents(snap, every, (key) => this.seen.has(key));
    if (!fresh.length) return { ok: true };
    const res = this.recorder.record(fresh);
    if (res.ok) for (const e of fresh) if (e.key) this.remember(e.key);
    return res;
  }

  /** A console stays open for days: of the periodic samples only the latest key is kept (older ones never come again). */
  private remember(key: string): void {
    if (key.startsWith('sample:')) {
      if (this.lastSample) this.seen.delete(this.lastSample);
      this.lastSample = key;
    }
    this.seen.add(key);
  }
}
