// Which metrics a tick polls. Each metric is polled at the shorter of its
// playbook check_interval and the console's refresh; metrics falling due
// within half a tick of now join this tick, so polls coalesce.

export function pollIntervalMs(checkIntervalMs: number, refreshMs: number): number {
  return Math.min(checkIntervalMs, refreshMs);
}

export function dueNow(intervals: Record<string, number>, lastPolled: Record<string, number | undefined>, now: number, tickMs: number): string[] {
  return Object.keys(intervals).filter((name) => {
    const last = lastPolled[name];
    return last === undefined || now - last >= intervals[name]! - tickMs / 2;
  });
}
