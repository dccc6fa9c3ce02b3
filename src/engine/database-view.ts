// The trader's database as the Health panel and `status` show it: connections
// in use against max_connections (the playbook's pg_stat_activity check), or
// unknown with why. Unknown is never shown as OK.

import { classify, worstLevel, type Level } from './classify.js';
import type { MetricSpec } from '../config/types.js';

export interface DatabaseView {
  /** The database's URL, password masked. */
  name: string;
  state: 'ok' | 'unknown';
  inUse?: number;
  max?: number;
  /** When the figures were read (kept, with their age, while it is unknown now). */
  at?: number;
  /** Why it is unknown now: one line naming the database. */
  reason?: string;
  /** Against the database_connections lines and against the share of max_connections. */
  level: Level;
}

/** A share of max_connections in use past which the pool is near full: the playbook's 80/95 of 100. */
const SHARE_LINES = { warning: 0.8, critical: 0.95, direction: 'above' as const };

export function connectionsLevel(inUse: number, max: number, spec: Pick<MetricSpec, 'warning' | 'critical' | 'direction'> | undefined): Level {
  const levels: Level[] = [];
  if (spec && (spec.warning !== undefined || spec.critical !== undefined)) levels.push(classify(inUse, spec));
  if (max > 0) levels.push(classify(inUse / max, SHARE_LINES));
  return worstLevel(levels);
}
