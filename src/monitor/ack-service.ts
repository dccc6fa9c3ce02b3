// Acknowledging: a silence in Alertmanager when one is configured, so every
// engineer's gptmon sees it; kept locally otherwise, or while it is down.
// With several Alertmanagers (an HA cluster) the silence is made on one peer
// and read back before gptmon says it is there; the cluster gossips it on.

import { randomUUID } from 'node:crypto';
import { exactMatchers } from '../engine/acks.js';
import type { Ack } from '../engine/types.js';
import type { AlertmanagerPeers } from '../sources/alertmanager-peers.js';
import type { AmAlert, Fetched, Silence } from '../sources/types.js';
import { readAckFile, updateAckFile } from '../store/ack-file.js';
import { maskUrl } from '../util/mask-url.js';

export interface AckRequest {
  alertname: string;
  labels?: Record<string, string>;
  operator: string;
  comment: string;
  forMs: number;
}

export type AckOutcome =
  /** `peer`: the Alertmanager that took the silence; `confirmedBy`: the one it was read back from. */
  | { ok: true; ack: Ack; warning?: string; peer?: string; confirmedBy?: string }
  | { ok: false; reason: string };

/** What Alertmanager said on one poll: its alerts with their status, and its silences as acks. */
export interface AlertmanagerAcks {
  peer: string;
  alerts: AmAlert[];
  silences: Ack[];
}

/** A silence as gptmon shows it, whatever its matchers (negative, regex); undefined when its times cannot be read. */
export function silenceToAck(s: Silence): Ack | undefined {
  if (Number.isNaN(s.startsAt) || Number.isNaN(s.endsAt)) return undefined;
  const matchers = s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual !== false }));
  const alertname = matchers.find((m) => m.name === 'alertname' && !m.isRegex && m.isEqual)?.value ?? '*';
  return { id: s.id, alertname, matchers, operator: s.createdBy, comment: s.comment, createdAt: s.startsAt, expiresAt: s.endsAt, where: 'alertmanager' };
}

/** The silences worth keeping: live ones, and any an alert still names (it may have expired since). */
function acksOf(silences: Silence[], alerts: AmAlert[]): Ack[] {
  const named = new Set(alerts.flatMap((a) => a.silencedBy));
  return silences.flatMap((s) => (s.state !== 'expired' || named.has(s.id) ? (silenceToAck(s) ?? []) : []));
}

/** An ack made or removed here, as it happened: for the flight recorder (observation would miss who removed one). */
export type AckChange = { kind: 'ack' | 'unack'; ack: Ack; operator: string };

export class AckService {
  constructor(
    private readonly localFile: string,
    private readonly am: AlertmanagerPeers | undefined,
    private readonly clock: () => number = Date.now,
    private readonly onChange: (change: AckChange) => void = () => {},
  ) {}

  /** Live acks kept here, and (when configured) what Alertmanager holds: its alerts' status and its silences. */
  async list(): Promise<{ alertmanager?: Fetched<AlertmanagerAcks>; local: Ack[]; localError?: string }> {
    const now = this.clock();
    const read = readAckFile(this.localFile);
    const local = read.ok ? read.value.filter((a) => a.expiresAt > now) : [];
    const localError = read.ok ? {} : { localError: read.reason };
    if (!this.am) return { local, ...localError };
    const view = await this.am.view();
    const alertmanager: Fetched<AlertmanagerAcks> = view.ok ? { ok: true, value: { peer: view.value.peer, alerts: view.value.alerts, silences: acksOf(view.value.silences, view.value.alerts) }, ms: view.ms } : view;
    return { alertmanager, local, ...localError };
  }

  async add(req: AckRequest): Promise<AckOutcome> {
    const now = this.clock();
    const matchers = exactMatchers({ ...(req.labels ?? {}), alertname: req.alertname });
    const base = { alertname: req.alertname, matchers, operator: req.operator, comment: req.comment, createdAt: now, expiresAt: now + req.forMs };
    let warning: string | undefined;
    if (this.am) {
      const made = await this.am.createSilence({ matchers, startsAt: now, endsAt: now + req.forMs, createdBy: req.operator, comment: req.comment });
      if (made.ok) {
        const ack: Ack = { id: made.id, ...base, where: 'alertmanager' };
        this.onChange({ kind: 'ack', ack, operator: req.operator });
        return { ok: true, ack, peer: made.peer, confirmedBy: made.confirmedBy };
      }
      const urls = this.am.urls.map(maskUrl);
      if (made.taken) warning = `Alertmanager at ${maskUrl(made.taken.peer)} answered silence ${made.taken.id}, but ${made.reason}: kept on this machine too`;
      else if (urls.length === 1) warning = `Alertmanager at ${urls[0]} did not take it (${made.reason}): kept on this machine only, other engineers will not see it`;
      else warning = `no Alertmanager took it (${made.reason}): kept on this machine only, other engineers will not see it`;
    }
    const ack: Ack = { id: randomUUID(), ...base, where: 'local' };
    const saved = updateAckFile(this.localFile, now, (acks) => [...acks, ack]);
    if (!saved.ok) return { ok: false, reason: warning ? `${warning}; and ${saved.reason}` : saved.reason };
    this.onChange({ kind: 'ack', ack, operator: req.operator });
    const warnings = [warning, saved.warning].filter(Boolean).join('; ');
    return { ok: true, ack, ...(warnings ? { warning: warnings } : {}) };
  }

  /** Ends an ack by id, wherever it is kept; `operator` is who ended it. */
  async remove(ack: Ack, operator: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const res = await this.end(ack);
    if (res.ok) this.onChange({ kind: 'unack', ack, operator });
    return res;
  }

  private async end(ack: Ack): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (ack.where === 'alertmanager') {
      if (!this.am) return { ok: false, reason: 'no Alertmanager configured' };
      const res = await this.am.expireSilence(ack.id);
      return res.ok ? { ok: true } : { ok: false, reason: res.reason };
    }
    const saved = updateAckFile(this.localFile, this.clock(), (acks) => acks.filter((a) => a.id !== ack.id));
    return saved.ok ? { ok: true } : { ok: false, reason: saved.reason };
  }
}
