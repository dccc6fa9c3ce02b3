// The order alerts are listed in, everywhere: what is live first (firing,
// then pending), then what has resolved; within each, the worst severity
// first, then the longest-running (the most recently resolved for resolved
// ones). A resolved alert never sits above a live one.

import type { Severity } from '../config/types.js';
import type { AlertView } from './types.js';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATE_RANK = { firing: 0, pending: 1, resolved: 2 } as const;

export function sortLiveFirst(alerts: AlertView[]): AlertView[] {
  return [...alerts].sort(
    (a, b) =>
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.state === 'resolved' ? (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0) : a.activeAt - b.activeAt) ||
      a.key.localeCompare(b.key),
  );
}

/** Where the cursor starts: the worst live alert (the first), or nothing if none is live. */
export const worstLive = (alerts: AlertView[]): number => (alerts.length && alerts[0]!.state !== 'resolved' ? 0 : -1);
