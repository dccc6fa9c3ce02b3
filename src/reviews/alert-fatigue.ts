// The monthly "Alert fatigue analysis", from the recorded alert history: per
// alert, how often it fired, how many of its firings someone acknowledged,
// the median time to acknowledge, whether it flapped (fired and resolved
// more than 3 times within an hour), and the firings no one acted on: acked
// but with no control or runbook step while it fired, or not even acked.
// Pure: the events and the period come in, the figures go out.

import type { Event } from '../incidents/types.js';

export const FLAP_WINDOW_MS = 3_600_000;
/** More than this many fire-and-resolve cycles within FLAP_WINDOW_MS is flapping (the "more than 3 times in an hour"). */
export const FLAP_CYCLES = 3;

export interface AlertFatigue {
  name: string;
  severity: string;
  fired: number;
  resolved: number;
  /** Firings acknowledged while they fired. */
  acked: number;
  /** Median time from firing to the first ack, of the acked firings. */
  medianAckMs?: number;
  /** Acked, but no control or runbook step while it fired. */
  ackedNoAction: number;
  /** Neither acked nor acted on. */
  neverActed: number;
  /** The most fire-and-resolve cycles within any hour. */
  maxCyclesPerHour: number;
  flapping: boolean;
}

export interface FatigueReport {
  start: number;
  end: number;
  alerts: AlertFatigue[];
  totals: { fired: number; acked: number; flapping: number; neverActed: number };
}

interface Episode {
  start: number;
  end?: number;
}

const median = (xs: number[]): number | undefined => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Each alert instance's firings, in order, each ended by its instance's next resolution. */
function episodesOf(events: Event[]): Map<string, { severity: string; episodes: Episode[] }> {
  const byName = new Map<string, { severity: string; episodes: Episode[] }>();
  const open = new Map<string, Episode>();
  for (const e of events) {
    if (!e.alert || (e.kind !== 'alert-firing' && e.kind !== 'alert-resolved')) continue;
    const entry = byName.get(e.alert.name) ?? { severity: e.alert.severity, episodes: [] };
    byName.set(e.alert.name, entry);
    if (e.kind === 'alert-firing') {
      const ep: Episode = { start: e.alert.at };
      entry.episodes.push(ep);
      open.set(e.alert.key, ep);
    } else {
      const ep = open.get(e.alert.key);
      if (ep && ep.end === undefined && e.alert.at >= ep.start) ep.end = e.alert.at;
      open.delete(e.alert.key);
    }
  }
  return byName;
}

/** Most cycles (a firing that also resolved) starting within any window of FLAP_WINDOW_MS. */
function maxCycles(episodes: Episode[]): number {
  const cycles = episodes.filter((e) => e.end !== undefined).map((e) => e.start).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < cycles.length; j++) {
    while (cycles[j]! - cycles[i]! >= FLAP_WINDOW_MS) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

export function alertFatigue(events: Event[], start: number, end: number): FatigueReport {
  const inPeriod = events.filter((e) => e.time >= start && e.time < end).sort((a, b) => a.time - b.time);
  const acks = inPeriod.filter((e) => e.kind === 'ack' && e.ack);
  const actions = inPeriod.filter((e) => e.kind === 'control' || e.kind === 'step').map((e) => e.time);
  const alerts: AlertFatigue[] = [];
  for (const [name, { severity, episodes }] of episodesOf(inPeriod)) {
    const ackTimes: number[] = [];
    let ackedNoAction = 0;
    let neverActed = 0;
    for (const ep of episodes) {
      const until = ep.end ?? end;
      const ack = acks.find((a) => a.ack!.alert === name && a.time >= ep.start && a.time <= until);
      const acted = actions.some((t) => t >= ep.start && t <= until);
      if (ack) ackTimes.push(ack.time - ep.start);
      if (ack && !acted) ackedNoAction++;
      if (!ack && !acted) neverActed++;
    }
    const cycles = maxCycles(episodes);
    const med = median(ackTimes);
    alerts.push({
      name,
      severity,
      fired: episodes.length,
      resolved: episodes.filter((e) => e.end !== undefined).length,
      acked: ackTimes.length,
      ...(med !== undefined ? { medianAckMs: med } : {}),
      ackedNoAction,
      neverActed,
      maxCyclesPerHour: cycles,
      flapping: cycles > FLAP_CYCLES,
    });
  }
  alerts.sort((a, b) => b.fired - a.fired || a.name.localeCompare(b.name));
  const sum = (f: (a: AlertFatigue) => number) => alerts.reduce((n, a) => n + f(a), 0);
  return { start, end, alerts, totals: { fired: sum((a) => a.fired), acked: sum((a) => a.acked), flapping: alerts.filter((a) => a.flapping).length, neverActed: sum((a) => a.neverActed) } };
}
