// Acknowledgements kept on this machine when no Alertmanager is configured (or
// it is down), written atomically so a crash loses nothing.

import fs from 'node:fs';
import { writeFileAtomic } from './atomic-file.js';
import type { Ack } from '../engine/types.js';
import type { Fetched } from './trader.js';

const isAck = (a: unknown): a is Ack => {
  const x = a as Ack;
  return !!x && typeof x.id === 'string' && typeof x.alertname === 'string' && typeof x.expiresAt === 'number' && typeof x.createdAt === 'number' && !!x.matchers && typeof x.matchers === 'object';
};

export function readAckFile(path: string): Fetched<Ack[]> {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: [], ms: 0 };
    return { ok: false, reason: `cannot read ${path}: ${(err as Error).message}`, ms: 0 };
  }
  try {
    const data = JSON.parse(text) as { acks?: unknown };
    const list = Array.isArray(data.acks) ? data.acks.filter(isAck).map((a) => ({ ...a, where: 'local' as const })) : [];
    return { ok: true, value: list, ms: 0 };
  } catch {
    return { ok: false, reason: `${path} is not valid JSON`, ms: 0 };
  }
}

/** Rewrites the file with `change` applied, dropping acks expired before `now`. */
export function updateAckFile(path: string, now: number, change: (acks: Ack[]) => Ack[]): Fetched<Ack[]> {
  const current = readAckFile(path);
  // A corrupt file is kept aside rather than silently overwritten.
  if (!current.ok) {
    try {
      fs.renameSync(path, `${path}.corrupt-${now}`);
    } catch {
      return current;
    }
  }
  const next = change((current.ok ? current.value : []).filter((a) => a.expiresAt > now));
  try {
    writeFileAtomic(path, `${JSON.stringify({ version: 1, acks: next }, null, 2)}\n`);
  } catch (err) {
    return { ok: false, reason: `cannot write ${path}: ${(err as Error).message}`, ms: 0 };
  }
  return { ok: true, value: next, ms: 0 };
}
