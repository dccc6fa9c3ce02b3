// Acknowledgements kept on this machine when no Alertmanager is configured (or
// it is down): changed under a lock, written atomically, so neither a crash nor
// a second engineer acknowledging at the same moment loses one.

import type { LabelMatcher } from '../engine/matchers.js';
import type { Ack } from '../engine/types.js';
import { readJsonFile, updateJsonFile } from './json-file.js';
import { errorLine } from './store-error.js';

export type AckRead = { ok: true; value: Ack[] } | { ok: false; reason: string };

const isAck = (a: unknown): a is Ack => {
  const x = a as Ack;
  return !!x && typeof x.id === 'string' && typeof x.alertname === 'string' && typeof x.expiresAt === 'number' && typeof x.createdAt === 'number' && !!x.matchers && typeof x.matchers === 'object';
};

const isMatcher = (m: unknown): m is LabelMatcher => {
  const x = m as LabelMatcher;
  return !!x && typeof x.name === 'string' && typeof x.value === 'string' && typeof x.isRegex === 'boolean' && typeof x.isEqual === 'boolean';
};

/**
 * An ack's matchers: a list as Alertmanager writes them; an older gptmon
 * wrote a map of exact values (`{"alertname": "X"}`), still read. An ack whose
 * matchers cannot be read is dropped rather than made to cover everything.
 */
function matchersOf(raw: unknown): LabelMatcher[] | undefined {
  if (Array.isArray(raw)) return raw.length && raw.every(isMatcher) ? raw.map(({ name, value, isRegex, isEqual }) => ({ name, value, isRegex, isEqual })) : undefined;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (!entries.length || !entries.every(([, v]) => typeof v === 'string')) return undefined;
  return entries.map(([name, value]) => ({ name, value: value as string, isRegex: false, isEqual: true }));
}

function decode(raw: unknown): Ack[] {
  const list = (raw as { acks?: unknown } | undefined)?.acks;
  if (!Array.isArray(list)) return [];
  return list.filter(isAck).flatMap((a) => {
    const matchers = matchersOf(a.matchers);
    const { regex: _legacy, ...rest } = a as Ack & { regex?: unknown };
    return matchers ? [{ ...rest, matchers, where: 'local' as const }] : [];
  });
}

export function readAckFile(path: string): AckRead {
  const read = readJsonFile(path);
  return read.ok ? { ok: true, value: decode(read.value) } : { ok: false, reason: read.reason };
}

/** Rewrites the file with `change` applied, dropping acks expired before `now`. */
export function updateAckFile(path: string, now: number, change: (acks: Ack[]) => Ack[]): { ok: true; value: Ack[]; warning?: string } | { ok: false; reason: string } {
  try {
    const res = updateJsonFile(
      path,
      decode,
      (acks) => change(acks.filter((a) => a.expiresAt > now)),
      (acks) => `${JSON.stringify({ version: 1, acks }, null, 2)}\n`,
    );
    return { ok: true, value: res.value, ...(res.warning ? { warning: res.warning } : {}) };
  } catch (err) {
    return { ok: false, reason: errorLine(err) };
  }
}
