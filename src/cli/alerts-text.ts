// `gptmon alerts` as text: live first, each alert's whole name (it is what
// `gptmon ack` takes) and its state on its own line, then how far past its
// line, what inhibits it, the countdown or who acknowledged it, the runbook,
// and the playbook's actions, wrapped (never cut) at the width.

import type { AlertView, Snapshot } from '../engine/types.js';
import { SEVERITY_WORD, ackText, alertLineText, alertNameText, inhibitedText, respondText, stateText } from '../text/alert-text.js';
import { truncate } from '../text/format.js';
import { sanitize } from '../util/sanitize.js';
import { wrap } from '../text/wrap.js';
import { sourcesLine } from './source-text.js';

const INDENT = '     ';

function alertLines(a: AlertView, now: number, width: number): string[] {
  const lines = wrap(`${SEVERITY_WORD[a.severity].padEnd(4)} ${alertNameText(a)}  ${stateText(a, now)}`, width, INDENT);
  lines[0] = lines[0]!.trimStart();
  const value = alertLineText(a);
  const respond = respondText(a, now);
  const inhibited = inhibitedText(a);
  const facts = [value, inhibited, a.ack ? `acked by ${ackText(a)}` : respond !== '-' && !inhibited ? `respond ${respond}` : undefined, a.runbook ? `runbook ${sanitize(a.runbook)}` : undefined].filter(Boolean).join(' · ');
  if (facts) lines.push(...wrap(facts, width, INDENT));
  // Summaries and ack comments come from Prometheus and Alertmanager: sanitised.
  const extra = [a.summary ? sanitize(a.summary) : undefined, a.ack?.comment ? `ack: "${sanitize(a.ack.comment)}"` : undefined].filter(Boolean).join(' · ');
  if (extra) lines.push(...wrap(extra, width, INDENT));
  if (a.actions.length && a.state !== 'resolved') lines.push(...wrap(`→ ${a.actions.map(sanitize).join('; ')}`, width, INDENT));
  return lines;
}

export function alertsText(snap: Snapshot, width = 80): string[] {
  const lines = [truncate(`sources: ${sourcesLine(snap)}`, width)];
  if (!snap.alerts.length) {
    lines.push('', snap.verdict.code === 0 ? 'No alerts firing or pending.' : `No alerts firing or pending; but ${sanitize(snap.verdict.reasons[0] ?? snap.verdict.word)}.`);
    return lines;
  }
  for (const a of snap.alerts) lines.push('', ...alertLines(a, snap.now, width));
  return lines;
}
