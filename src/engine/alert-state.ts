// The life of one alert instance, as Prometheus runs it: the condition holds
// and the alert is pending; it has held for its duration and it fires; it stops
// holding and it is resolved (shown a while, then forgotten).

import type { AlertState } from './types.js';

export interface AlertTrack {
  state: AlertState | 'inactive';
  activeAt?: number;
  firingAt?: number;
  resolvedAt?: number;
  value?: number;
}

export const INACTIVE: AlertTrack = { state: 'inactive' };

/** How long a resolved alert stays on screen, so a flapping one is noticed. */
export const KEEP_RESOLVED_MS = 15 * 60_000;

/**
 * `holds` undefined means the data could not be read. A firing alert keeps
 * firing (shown as stale) rather than resolving on missing data; a pending one
 * starts over, as in Prometheus: its duration was not watched through the gap.
 */
export function stepAlert(prev: AlertTrack, holds: boolean | undefined, now: number, durationMs: number, value?: number): AlertTrack {
  if (holds === undefined) {
    if (prev.state === 'pending') return INACTIVE;
    return prev.state === 'resolved' && now - (prev.resolvedAt ?? now) >= KEEP_RESOLVED_MS ? INACTIVE : prev;
  }
  const withValue = value === undefined ? {} : { value };
  if (holds) {
    if (prev.state === 'pending' || prev.state === 'firing') {
      const activeAt = prev.activeAt ?? now;
      if (prev.state === 'pending' && now - activeAt >= durationMs) return { state: 'firing', activeAt, firingAt: now, ...withValue };
      return { ...prev, ...withValue };
    }
    if (durationMs <= 0) return { state: 'firing', activeAt: now, firingAt: now, ...withValue };
    return { state: 'pending', activeAt: now, ...withValue };
  }
  if (prev.state === 'firing') return { ...prev, state: 'resolved', resolvedAt: now };
  if (prev.state === 'resolved' && now - (prev.resolvedAt ?? now) < KEEP_RESOLVED_MS) return prev;
  return INACTIVE;
}
