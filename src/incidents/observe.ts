// What a snapshot says happened, as events: each alert that fired or
// resolved, each acknowledgement seen (made here, by another engineer, or with
// amtool), and now and then the values themselves. Keys make them idempotent:
// every process that sees the same alert fire produces the same event.

import type { Ack, Snapshot } from '../engine/types.js';
import { alertLineText } from '../text/alert-text.js';
import type { NewEvent } from './recorder.js';
import type { Values } from './types.js';
import { valuesOf } from './values.js';

/** How often values are sampled: often while an incident runs (the post-mortem's numbers), rarely otherwise. */
export const SAMPLE_MS = { incident: 15_000, quiet: 60_000 } as const;

/**
 * The events a snapshot shows, less those whose key `known` says were already
 * recorded: the console asks every second, and nearly always everything is
 * known, so the values are only gathered when some event is new.
 */
export function observedEvents(snap: Snapshot, sampleEveryMs: number, known: (key: string) => boolean = () => false): NewEvent[] {
  const out: NewEvent[] = [];
  for (const a of snap.alerts) {
    const firing = a.firingAt !== undefined && (a.state === 'firing' || a.state === 'resolved') ? `firing:${a.key}:${a.firingAt}` : undefined;
    const resolved = a.state === 'resolved' && a.resolvedAt !== undefined ? `resolved:${a.key}:${a.resolvedAt}` : undefined;
    const acked = a.ack ? `ack:${a.ack.id}` : undefined;
    if ((!firing || known(firing)) && (!resolved || known(resolved)) && (!acked || known(acked))) continue;
    const fact = { name: a.name, key: a.key, severity: a.severity, ...(alertLineText(a) ? { value: alertLineText(a)! } : {}) };
    if (firing && !known(firing)) out.push({ kind: 'alert-firing', time: a.firingAt!, operator: '—', key: firing, alert: { ...fact, at: a.firingAt! } });
    if (resolved && !known(resolved)) out.push({ kind: 'alert-resolved', time: a.resolvedAt!, operator: '—', key: resolved, alert: { ...fact, at: a.resolvedAt! } });
    if (a.ack && acked && !known(acked)) {
      const forMs = a.ack.expiresAt - a.ack.createdAt;
      out.push({ kind: 'ack', time: a.ack.createdAt, operator: a.ack.operator || '—', key: acked, ack: { alert: a.name, forMs, comment: a.ack.comment, where: a.ack.where } });
    }
  }
  const sample = `sample:${sampleEveryMs}:${Math.floor(snap.now / sampleEveryMs)}`;
  if (!out.length && known(sample)) return out;
  const values = valuesOf(snap);
  if (!values) return out;
  for (const e of out) e.values = values;
  if (!known(sample)) out.push({ kind: 'sample', time: snap.now, operator: '—', key: sample, values });
  return out;
}

/**
 * An ack made or ended by this process, recorded as it happens with who did
 * it. A new ack has the key its observation would have, so it is one event.
 */
export function ackChangeEvent(kind: 'ack' | 'unack', ack: Ack, operator: string, values: Values | undefined, now: number): NewEvent {
  const fact = { alert: ack.alertname, forMs: ack.expiresAt - ack.createdAt, comment: ack.comment, where: ack.where };
  return kind === 'ack'
    ? { kind, time: ack.createdAt, operator, key: `ack:${ack.id}`, ack: fact, ...(values ? { values } : {}) }
    : { kind, time: now, operator, key: `unack:${ack.id}`, ack: fact, ...(values ? { values } : {}) };
}
