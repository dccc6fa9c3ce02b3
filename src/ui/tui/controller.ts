// The console's link to the world: it owns the monitor and the poll loop, and
// offers the snapshot to React through subscribe/getSnapshot. Components never
// fetch; they render what this holds and call its actions.

import type { Ack, Snapshot } from '../../engine/types.js';
import type { Monitor } from '../../monitor/monitor.js';
import type { AckRequest, AckOutcome } from '../../monitor/ack-service.js';

export interface ControllerOptions {
  monitor: Monitor;
  refreshMs: number;
  /** Where embedded alert states are kept, so a restart does not forget how long things have fired. */
  alertStateFile?: string;
  /** Called once for each alert that newly fires critical (the terminal bell). */
  onNewCritical?: () => void;
}

/** What the App needs of a controller: the data, and the actions it may take. */
export interface ControllerLike {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Snapshot;
  isPaused(): boolean;
  setPaused(paused: boolean): void;
  refreshClock(): void;
  ack(req: AckRequest): Promise<AckOutcome>;
  unack(ack: Ack, operator: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Poll now, so the result of an action shows at once (the header's trading state). */
  refreshNow?(): void;
}

export class Controller implements ControllerLike {
  private snapshot: Snapshot;
  private listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private paused = false;
  private rung = new Set<string>();
  private first = true;
  private stopped = false;
  private savedAt = 0;
  private polledOnce!: () => void;
  /** Settles when the first poll has been published (or failed): the console's first frame can wait for it. */
  readonly firstPoll = new Promise<void>((resolve) => (this.polledOnce = resolve));

  constructor(private readonly opts: ControllerOptions) {
    this.snapshot = opts.monitor.snapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Snapshot => this.snapshot;

  isPaused = (): boolean => this.paused;

  private publish(snap: Snapshot): void {
    this.snapshot = snap;
    for (const l of this.listeners) l();
  }

  start(): void {
    if (this.opts.alertStateFile) this.opts.monitor.restoreAlertState(this.opts.alertStateFile);
    void this.poll();
  }

  private schedule(): void {
    if (this.stopped || this.paused) return;
    this.timer = setTimeout(() => void this.poll(), this.opts.refreshMs);
  }

  /** One poll; overlapping polls are skipped, a slow source cannot pile them up. */
  private async poll(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const snap = await this.opts.monitor.tick();
      if (this.stopped) return;
      this.ringForNewCriticals(snap);
      this.publish(snap);
      if (this.opts.alertStateFile && snap.now - this.savedAt >= 10_000) {
        this.opts.monitor.saveAlertState(this.opts.alertStateFile);
        this.savedAt = snap.now;
      }
    } finally {
      this.running = false;
      this.polledOnce();
      this.schedule();
    }
  }

  private ringForNewCriticals(snap: Snapshot): void {
    // An inhibited alert pages nobody: no bell for it either.
    const firing = snap.alerts.filter((a) => a.state === 'firing' && a.severity === 'critical' && !a.ack && !a.inhibitedBy);
    // What fires at start-up was already firing: ring only for what comes after.
    let ring = false;
    for (const a of firing) {
      if (!this.rung.has(a.key) && !this.first) ring = true;
      this.rung.add(a.key);
    }
    for (const key of this.rung) if (!firing.some((a) => a.key === key)) this.rung.delete(key);
    this.first = false;
    if (ring) this.opts.onNewCritical?.();
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused && this.timer) clearTimeout(this.timer);
    if (!paused) void this.poll();
    // Paused: the clock still moves, so ages keep growing on screen.
    this.publish(paused ? this.opts.monitor.snapshot() : this.snapshot);
  }

  /** Ages and countdowns move while paused, from the data already held. */
  refreshClock(): void {
    this.publish(this.opts.monitor.snapshot());
  }

  async ack(req: AckRequest): Promise<AckOutcome> {
    const res = await this.opts.monitor.acks.add(req);
    // An explicit action shows its result at once, paused or not.
    void this.poll();
    return res;
  }

  async unack(ack: Ack, operator: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const res = await this.opts.monitor.acks.remove(ack, operator);
    void this.poll();
    return res;
  }

  refreshNow(): void {
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.opts.alertStateFile) this.opts.monitor.saveAlertState(this.opts.alertStateFile);
    await this.opts.monitor.close();
  }
}
