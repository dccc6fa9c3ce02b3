// `gptmon alerts` as text: worst first, each with its countdown, its ack, its
// runbook, and the playbook's actions on the line below.

import type { Snapshot } from '../engine/types.js';
import { SEVERITY_WORD, ackText, respondText, stateText } from '../ui/alert-text.js';
import { truncate } from '../ui/format.js';
import { sanitize } from '../util/sanitize.js';
import { sourcesLine } from './source-text.js';

export function alertsText(snap: Snapshot, width = 80): string[] {
  const lines = [truncate(`sources: ${sourcesLine(snap)}`, width)];
  const active = snap.alerts;
  if (!active.length) {
    lines.push('', 'No alerts firing or pending.');
    return lines;
  }
  lines.push('', `${'SEV'.padEnd(4)} ${'ALERT'.padEnd(21)} ${'STATE'.padEnd(16)} ${'RESPOND'.padEnd(10)} ${'ACK'.padEnd(15)} RUNBOOK`);
  for (const a of active) {
    // Names, runbooks, summaries and ack comments come from Prometheus and Alertmanager: sanitised.
    const row = `${SEVERITY_WORD[a.severity].padEnd(4)} ${truncate(sanitize(a.name), 21).padEnd(21)} ${truncate(stateText(a, snap.now), 16).padEnd(16)} ${respondText(a, snap.now).padEnd(10)} ${truncate(ackText(a), 15).padEnd(15)} ${a.runbook ? sanitize(a.runbook) : '-'}`;
    lines.push(truncate(row, width));
    const extra = [a.summary ? sanitize(a.summary) : undefined, a.stale ? 'data stale' : undefined, a.ack?.comment ? `ack: "${sanitize(a.ack.comment)}"` : undefined].filter(Boolean).join(' · ');
    if (extra) lines.push(truncate(`     ${extra}`, width));
    if (a.actions.length && a.state !== 'resolved') lines.push(truncate(`     → ${a.actions.map(sanitize).join('; ')}`, width));
  }
  return lines;
}
