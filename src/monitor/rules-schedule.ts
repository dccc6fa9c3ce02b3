// When to read Prometheus's alert rules again: at the start, every few
// minutes (a rules file reloaded, vmalert restarted with other rules), a
// minute after a read that failed, and on the first answer after Prometheus
// could not be reached (a restart may have come up with other rules, or none).

import type { PromTick } from '../engine/engine.js';

export const RULES_EVERY_MS = 5 * 60_000;
export const RULES_RETRY_MS = 60_000;

export class RulesSchedule {
  private next = 0;
  private down = false;

  due(now: number): boolean {
    return now >= this.next || this.down;
  }

  polled(now: number, tick: PromTick): void {
    this.down = Boolean(tick.failed);
    if (tick.rules) this.next = now + (tick.rules.ok ? RULES_EVERY_MS : RULES_RETRY_MS);
  }
}
