// Polls the trader's database for its connections (pg_stat_activity against
// max_connections) beside the other sources. A poll never holds up a tick for
// longer than the request timeout: a database that hangs is shown as unknown
// ("no answer yet") while its read goes on, one at a time, in the background.

import type { DatabaseConfig, MetricSpec } from '../config/types.js';
import { connectionsLevel, type DatabaseView } from '../engine/database-view.js';
import { readConnections } from '../sources/postgres/connections.js';
import { openDatabase, type Database } from '../sources/postgres/database.js';

/** Often enough to follow a pool filling up, rarely enough to be no load on it. */
export const DATABASE_POLL_MS = 5000;

export class DatabaseHealth {
  private readonly db: Database;
  private inFlight?: Promise<void>;
  private lastPolled?: number;
  private reading?: { inUse: number; max: number; at: number };
  private reason: string | undefined = 'not read yet';

  constructor(
    cfg: DatabaseConfig,
    private readonly spec: MetricSpec | undefined,
    private readonly waitMs: number,
    private readonly clock: () => number,
  ) {
    this.db = openDatabase(cfg);
  }

  /** Reads when due; resolves when read, or after waitMs with the read still going. */
  poll(force = false): Promise<void> {
    const now = this.clock();
    if (!this.inFlight && (force || this.lastPolled === undefined || now - this.lastPolled >= DATABASE_POLL_MS)) {
      this.lastPolled = now;
      this.inFlight = this.db.read(readConnections).then((r) => {
        this.inFlight = undefined;
        if (r.ok) {
          this.reading = { ...r.value, at: this.clock() };
          this.reason = undefined;
        } else this.reason = r.reason;
      });
    }
    if (!this.inFlight) return Promise.resolve();
    const flight = this.inFlight;
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      flight,
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (this.inFlight === flight) this.reason = `database ${this.db.name}: no answer yet after ${this.waitMs / 1000}s`;
          resolve();
        }, this.waitMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Why it is unknown now, for the problems the verdict counts; undefined when it was read. */
  problem(): string | undefined {
    return this.reason === undefined ? undefined : `connections unknown: ${this.reason}`;
  }

  view(): DatabaseView {
    const r = this.reading;
    const view: DatabaseView = { name: this.db.name, state: this.reason === undefined && r ? 'ok' : 'unknown', level: r ? connectionsLevel(r.inUse, r.max, this.spec) : 'warning' };
    if (r) Object.assign(view, { inUse: r.inUse, max: r.max, at: r.at });
    if (this.reason !== undefined) {
      view.reason = this.reason;
      // Unknown now: never OK, whatever was read before.
      if (view.level === 'ok') view.level = 'warning';
    }
    return view;
  }

  /** A read still waiting on a hung database ends at its own timeout; quitting does not wait for it. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.db.close(), new Promise<void>((r) => (timer = setTimeout(r, 1000)))]).finally(() => clearTimeout(timer));
  }
}
