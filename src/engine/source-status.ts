import type { SourceName, SourceStatus } from './types.js';

/** How long a failing source is `stale` (old data shown, greyed) before it is `down`. */
export const DOWN_AFTER_MS = 30_000;

/** Follows one source through its polls: ok, stale since T, down: reason. */
export class SourceTracker {
  private status: SourceStatus;

  constructor(name: SourceName, configured: boolean) {
    this.status = configured ? { name, state: 'down', reason: 'not polled yet' } : { name, state: 'off' };
  }

  record(at: number, result: { ok: true; ms: number } | { ok: false; reason: string; ms: number }): void {
    const s = this.status;
    if (s.state === 'off') return;
    if (result.ok) {
      this.status = { name: s.name, state: 'ok', since: s.state === 'ok' ? (s.since ?? at) : at, lastOkAt: at, ms: result.ms };
      return;
    }
    const failingSince = s.state === 'ok' || s.since === undefined ? at : s.since;
    const next: SourceStatus = { name: s.name, state: 'down', since: failingSince, reason: result.reason, ms: result.ms };
    if (s.lastOkAt !== undefined) next.lastOkAt = s.lastOkAt;
    if (s.lastOkAt !== undefined && at - failingSince < DOWN_AFTER_MS) next.state = 'stale';
    this.status = next;
  }

  get(): SourceStatus {
    return this.status;
  }

  everOk(): boolean {
    return this.status.lastOkAt !== undefined;
  }
}
