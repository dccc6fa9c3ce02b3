// The life of one alert instance, as Prometheus runs it: the condition holds
// and the alert is pending; it has held for its duration and it fires; it stops
// holding and it is resolved (shown a while, then forgotten).

import type { AlertState } from './types.js';
import type { Instance } from './evaluate.js';

export interface AlertTrack {
  state: AlertState | 'inactive';
  activeAt?: number;
  firingAt?: number;
  resolvedAt?: number;
  value?: number;
  line?: Instance['line'];
  /** The series' own labels, for an instance of a metric with several. */
  labels?: Record<string, string>;
  /** Resolved because its series went away, not because its value came back. */
  resolvedNoData?: boolean;
}

export const INACTIVE: AlertTrack = { state: 'inactive' };

/** How long a resolved alert stays on screen by default, so a flapping one is noticed. */
export const KEEP_RESOLVED_MS = 15 * 60_000;

export interface Step {
  /** true: the condition holds; false: it does not; undefined: it could not be read. */
  holds: boolean | undefined;
  now: number;
  durationMs: number;
  keepResolvedMs: number;
  instance?: Instance;
  /** It stopped holding because its series is gone (the read worked without it). */
  gone?: boolean;
}

/**
 * A firing alert keeps firing (shown as held, no data) rather than resolving
 * while its data cannot be read; a pending one starts over, as in Prometheus:
 * its duration was not watched through the gap.
 */
export function stepAlert(prev: AlertTrack, step: Step): AlertTrack {
  const { holds, now, durationMs, keepResolvedMs, instance } = step;
  const expired = prev.state === 'resolved' && now - (prev.resolvedAt ?? now) >= keepResolvedMs;
  if (holds === undefined) {
    if (prev.state === 'pending') return INACTIVE;
    return expired ? INACTIVE : prev;
  }
  if (holds) {
    const seen = instance ? { value: instance.value, line: instance.line, ...(Object.keys(instance.labels).length ? { labels: instance.labels } : {}) } : {};
    if (prev.state === 'pending' || prev.state === 'firing') {
      const activeAt = prev.activeAt ?? now;
      if (prev.state === 'pending' && now - activeAt >= durationMs) return { state: 'firing', activeAt, firingAt: now, ...seen };
      return { ...prev, ...seen };
    }
    if (durationMs <= 0) return { state: 'firing', activeAt: now, firingAt: now, ...seen };
    return { state: 'pending', activeAt: now, ...seen };
  }
  if (prev.state === 'firing') return { ...prev, state: 'resolved', resolvedAt: now, ...(step.gone ? { resolvedNoData: true } : {}) };
  if (prev.state === 'resolved' && !expired) return prev;
  return INACTIVE;
}
