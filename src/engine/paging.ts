// Who is paged for an alert. Alertmanager is the truth: for an alert it
// holds, its own status says whether a silence covers it (and so whose ack it
// is) and whether another alert inhibits it. gptmon matches silences itself
// only where Alertmanager cannot say: an alert it does not hold (a pending
// one, gptmon's own in embedded mode), or no Alertmanager answering now.

import type { AmAlert } from '../sources/types.js';
import { ackFor } from './acks.js';
import type { Ack } from './types.js';

/** What Alertmanager answered on its last good poll. */
export interface AmTruth {
  alerts: AmAlert[];
  silences: Map<string, Ack>;
}

export interface Paging {
  ack?: Ack;
  inhibitedBy?: string[];
}

/**
 * The Alertmanager alert that is this alert: the same name, every label the
 * two have in common agreeing (Alertmanager's carry the external labels too),
 * the one sharing the most labels when several do.
 */
export function amAlertFor(labels: Record<string, string>, alerts: AmAlert[]): AmAlert | undefined {
  let best: AmAlert | undefined;
  let bestShared = -1;
  for (const a of alerts) {
    if (a.labels.alertname !== labels.alertname) continue;
    let shared = 0;
    let agrees = true;
    for (const [k, v] of Object.entries(labels)) {
      if (!(k in a.labels)) continue;
      if (a.labels[k] !== v) {
        agrees = false;
        break;
      }
      shared++;
    }
    if (agrees && shared > bestShared) [best, bestShared] = [a, shared];
  }
  return best;
}

const newest = (acks: Ack[]) => acks.reduce<Ack | undefined>((best, a) => (!best || a.createdAt > best.createdAt ? a : best), undefined);

/**
 * `silences`: Alertmanager's last known silences (used only where it cannot
 * say); `local`: the acks kept on this machine, which Alertmanager never saw.
 */
export function pagingOf(labels: Record<string, string>, now: number, truth: AmTruth | undefined, silences: Ack[], local: Ack[]): Paging {
  const held = truth ? amAlertFor(labels, truth.alerts) : undefined;
  if (!truth || !held || held.state === 'unprocessed') {
    const ack = ackFor([...silences, ...local], labels, now);
    return ack ? { ack } : {};
  }
  const out: Paging = {};
  // A silence it names that is not listed (collected since) leaves it to gptmon's own matching.
  const silencedBy = newest(held.silencedBy.flatMap((id) => truth.silences.get(id) ?? []));
  const ack = silencedBy ?? (held.silencedBy.length ? ackFor(silences, labels, now) : undefined) ?? ackFor(local, labels, now);
  if (ack) out.ack = ack;
  if (held.inhibitedBy.length) {
    const byFingerprint = new Map(truth.alerts.flatMap((a) => (a.fingerprint ? [[a.fingerprint, a.labels.alertname ?? a.fingerprint] as const] : [])));
    out.inhibitedBy = [...new Set(held.inhibitedBy.map((fp) => byFingerprint.get(fp) ?? fp))];
  }
  return out;
}
