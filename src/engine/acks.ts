import { matchesAll } from './matchers.js';
import type { Ack } from './types.js';

/** An ack covers an alert when every matcher (the alert's name among them) agrees with its labels, as Alertmanager judges a silence. */
export function ackCovers(ack: Ack, labels: Record<string, string>): boolean {
  return matchesAll(ack.matchers, labels);
}

export function liveAcks(acks: Ack[], now: number): Ack[] {
  return acks.filter((a) => a.createdAt <= now && a.expiresAt > now);
}

/** The newest live ack covering these labels. */
export function ackFor(acks: Ack[], labels: Record<string, string>, now: number): Ack | undefined {
  let best: Ack | undefined;
  for (const a of acks) {
    if (a.expiresAt <= now || a.createdAt > now || !ackCovers(a, labels)) continue;
    if (!best || a.createdAt > best.createdAt) best = a;
  }
  return best;
}

/** Exact matchers from labels: how gptmon writes an ack of its own. */
export const exactMatchers = (labels: Record<string, string>) => Object.entries(labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
