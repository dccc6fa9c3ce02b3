// The Alertmanagers of one HA cluster (or the one Alertmanager): they gossip
// silences to each other, so any peer that answers will do. Reads go to the
// peer that answered last (the first configured, at start), then the others
// in order. A silence is made on the first peer that takes it and confirmed
// by reading it back before anyone is told it exists.

import { maskUrl } from '../util/mask-url.js';
import { AlertmanagerClient, type Refusal } from './alertmanager.js';
import type { Http } from './http.js';
import type { AmAlert, Fetched, Matcher, Silence } from './types.js';

/** What one peer said, read together: its alerts with their status, then its silences (so every silence an alert names is listed). */
export interface AmView {
  peer: string;
  alerts: AmAlert[];
  silences: Silence[];
}

export interface NewSilence {
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

export type SilenceMade =
  | { ok: true; id: string; peer: string; confirmedBy: string }
  /** `taken`: a peer answered with this id, but no peer could show the silence. */
  | { ok: false; reason: string; taken?: { id: string; peer: string } };

export class AlertmanagerPeers {
  readonly peers: AlertmanagerClient[];
  private preferred = 0;

  constructor(http: Http, urls: string[]) {
    this.peers = urls.map((u) => new AlertmanagerClient(http, u));
  }

  get urls(): string[] {
    return this.peers.map((p) => p.base);
  }

  /** The peers in the order to ask them: the one that answered last first. */
  private order(): AlertmanagerClient[] {
    const first = this.peers[this.preferred]!;
    return [first, ...this.peers.filter((p) => p !== first)];
  }

  private answered(peer: AlertmanagerClient): void {
    this.preferred = this.peers.indexOf(peer);
  }

  /** Why none answered: the reason alone for one peer, each peer's for several. */
  private why(failures: Array<{ peer: AlertmanagerClient; reason: string }>): string {
    if (this.peers.length === 1) return failures[0]?.reason ?? 'no answer';
    return failures.map((f) => `${maskUrl(f.peer.base)}: ${f.reason}`).join('; ');
  }

  async view(): Promise<Fetched<AmView>> {
    const failures: Array<{ peer: AlertmanagerClient; reason: string }> = [];
    let ms = 0;
    for (const peer of this.order()) {
      const alerts = await peer.alerts();
      ms += alerts.ms;
      const silences = alerts.ok ? await peer.silences() : alerts;
      if (alerts !== silences) ms += silences.ms;
      if (alerts.ok && silences.ok) {
        this.answered(peer);
        return { ok: true, value: { peer: peer.base, alerts: alerts.value, silences: silences.value }, ms };
      }
      failures.push({ peer, reason: alerts.ok ? (silences as { reason: string }).reason : alerts.reason });
    }
    return { ok: false, reason: this.why(failures), ms };
  }

  /** Made on the first peer that takes it (a refusal is final: every peer would refuse), then read back. */
  async createSilence(s: NewSilence): Promise<SilenceMade> {
    const failures: Array<{ peer: AlertmanagerClient; reason: string }> = [];
    for (const peer of this.order()) {
      const res = await peer.createSilence(s);
      if (res.ok) {
        this.answered(peer);
        return this.confirm(res.value, peer, s);
      }
      failures.push({ peer, reason: res.reason });
      if ((res as Refusal).refused) break;
    }
    return { ok: false, reason: this.why(failures) };
  }

  /** The silence as a peer holds it: the one that took it first, then the others. */
  private async confirm(id: string, took: AlertmanagerClient, s: NewSilence): Promise<SilenceMade> {
    const failures: Array<{ peer: AlertmanagerClient; reason: string }> = [];
    for (const peer of [took, ...this.peers.filter((p) => p !== took)]) {
      const res = await peer.silence(id);
      if (res.ok && holds(res.value, s)) return { ok: true, id, peer: took.base, confirmedBy: peer.base };
      failures.push({ peer, reason: res.ok ? `it is ${res.value.state}, or not as made` : res.reason });
    }
    return { ok: false, reason: `it could not be read back (${this.why(failures)})`, taken: { id, peer: took.base } };
  }

  /** Expired on the first peer that does it; a peer that does not know it yet may be behind, so the others are asked too. */
  async expireSilence(id: string): Promise<{ ok: true; peer: string } | { ok: false; reason: string }> {
    const failures: Array<{ peer: AlertmanagerClient; reason: string }> = [];
    for (const peer of this.order()) {
      const res = await peer.expireSilence(id);
      if (res.ok) return { ok: true, peer: peer.base };
      failures.push({ peer, reason: res.reason });
    }
    return { ok: false, reason: this.why(failures) };
  }
}

/** The silence read back is the one made: live, by the same author, with the same matchers. */
function holds(got: Silence, made: NewSilence): boolean {
  const key = (m: Matcher) => `${m.name}\u0000${m.value}\u0000${m.isRegex}\u0000${m.isEqual !== false}`;
  const want = new Set(made.matchers.map(key));
  return got.state !== 'expired' && got.createdBy === made.createdBy && got.matchers.length === want.size && got.matchers.every((m) => want.has(key(m)));
}
