// Acknowledging: a silence in Alertmanager when one is configured, so every
// engineer's gptmon sees it; kept locally otherwise, or while it is down.

import { randomUUID } from 'node:crypto';
import type { Ack } from '../engine/types.js';
import type { AlertmanagerClient } from '../sources/alertmanager.js';
import type { Fetched, Silence } from '../sources/types.js';
import { readAckFile, updateAckFile } from '../store/ack-file.js';
import { maskUrl } from '../util/mask-url.js';

export interface AckRequest {
  alertname: string;
  labels?: Record<string, string>;
  operator: string;
  comment: string;
  forMs: number;
}

export type AckOutcome = { ok: true; ack: Ack; warning?: string } | { ok: false; reason: string };

/** A silence as gptmon shows it; one with negative matchers is not an ack gptmon can show. */
export function silenceToAck(s: Silence): Ack | undefined {
  if (s.state !== 'active' || s.matchers.some((m) => m.isEqual === false)) return undefined;
  const matchers = Object.fromEntries(s.matchers.map((m) => [m.name, m.value]));
  const regex = s.matchers.filter((m) => m.isRegex).map((m) => m.name);
  const alertname = s.matchers.find((m) => m.name === 'alertname' && !m.isRegex)?.value ?? '*';
  return { id: s.id, alertname, matchers, ...(regex.length ? { regex } : {}), operator: s.createdBy, comment: s.comment, createdAt: s.startsAt, expiresAt: s.endsAt, where: 'alertmanager' };
}

export class AckService {
  constructor(
    private readonly localFile: string,
    private readonly am: AlertmanagerClient | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Live acks: Alertmanager's silences (when configured) and the ones kept here, apart. */
  async list(): Promise<{ alertmanager?: Fetched<Ack[]>; local: Ack[]; localError?: string }> {
    const now = this.clock();
    const read = readAckFile(this.localFile);
    const local = read.ok ? read.value.filter((a) => a.expiresAt > now) : [];
    const localError = read.ok ? {} : { localError: read.reason };
    if (!this.am) return { local, ...localError };
    const silences = await this.am.silences();
    const alertmanager: Fetched<Ack[]> = silences.ok ? { ok: true, value: silences.value.flatMap((s) => silenceToAck(s) ?? []), ms: silences.ms } : silences;
    return { alertmanager, local, ...localError };
  }

  async add(req: AckRequest): Promise<AckOutcome> {
    const now = this.clock();
    const matchers = { ...(req.labels ?? {}), alertname: req.alertname };
    const base = { alertname: req.alertname, matchers, operator: req.operator, comment: req.comment, createdAt: now, expiresAt: now + req.forMs };
    let warning: string | undefined;
    if (this.am) {
      const res = await this.am.createSilence({
        matchers: Object.entries(matchers).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
        startsAt: now,
        endsAt: now + req.forMs,
        createdBy: req.operator,
        comment: req.comment,
      });
      if (res.ok) return { ok: true, ack: { id: res.value, ...base, where: 'alertmanager' } };
      warning = `Alertmanager at ${maskUrl(this.am.base)} did not take it (${res.reason}): kept on this machine only, other engineers will not see it`;
    }
    const ack: Ack = { id: randomUUID(), ...base, where: 'local' };
    const saved = updateAckFile(this.localFile, now, (acks) => [...acks, ack]);
    if (!saved.ok) return { ok: false, reason: warning ? `${warning}; and ${saved.reason}` : saved.reason };
    const warnings = [warning, saved.warning].filter(Boolean).join('; ');
    return { ok: true, ack, ...(warnings ? { warning: warnings } : {}) };
  }

  /** Ends an ack by id, wherever it is kept. */
  async remove(ack: Ack): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (ack.where === 'alertmanager') {
      if (!this.am) return { ok: false, reason: 'no Alertmanager configured' };
      const res = await this.am.expireSilence(ack.id);
      return res.ok ? { ok: true } : { ok: false, reason: res.reason };
    }
    const saved = updateAckFile(this.localFile, this.clock(), (acks) => acks.filter((a) => a.id !== ack.id));
    return saved.ok ? { ok: true } : { ok: false, reason: saved.reason };
  }
}
