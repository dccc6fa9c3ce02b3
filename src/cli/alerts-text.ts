// `gptmon alerts` as text: live first, each alert's whole name (it is what
// `gptmon ack` takes) and its state on its own line, then how far past its
// line, what inhibits it, the countdown or who acknowledged it, the runbook,
// and the playbook's actions, wrapped (never cut) at the width.

import type { AlertView, Snapshot } from '../engine/types.js';
import { SEVERITY_WORD, ackText, alertLineText, alertNameText, inhibitedText, respondText, stateText } from '../text/alert-text.js';
import { truncate } from '../text/format.js';
import { sanitize } from '../util/sanitize.js';
import { wrap } from '../text/wrap.js';
import { sourcesLines } from './source-text.js';

const INDENT = '     ';

function alertLines(a: AlertView, now: number, width: number, evaluatedHere: boolean): string[] {
  const lines = wrap(`${SEVERITY_WORD[a.severity].padEnd(4)} ${alertNameText(a)}  ${stateText(a, now)}`, width, INDENT);
  lines[0] = lines[0]!.trimStart();
  const value = alertLineText(a);
  const respond = respondText(a, now);
  const inhibited = inhibitedText(a);
  const facts = [value, inhibited, a.ack ? `acked by ${ackText(a)}` : respond !== '-' && !inhibited ? `respond ${respond}` : undefined, a.runbook ? `runbook ${sanitize(a.runbook)}` : undefined, evaluatedHere ? 'evaluated by gptmon' : undefined].filter(Boolean).join(' · ');
  if (facts) lines.push(...wrap(facts, width, INDENT));
  // Summaries and ack comments come from Prometheus and Alertmanager: sanitised.
  const extra = [a.summary ? sanitize(a.summary) : undefined, a.ack?.comment ? `ack: "${sanitize(a.ack.comment)}"` : undefined].filter(Boolean).join(' · ');
  if (extra) lines.push(...wrap(extra, width, INDENT));
  if (a.actions.length && a.state !== 'resolved') lines.push(...wrap(`→ ${a.actions.map(sanitize).join('; ')}`, width, INDENT));
  return lines;
}

/** `countOthers`: the config's `other_alerts: count` (they are in the verdict). */
export function alertsText(snap: Snapshot, width = 80, countOthers = false): string[] {
  const lines = sourcesLines(snap, width);
  // With Prometheus, an alert it has no rule for is gptmon's own evaluation: said, so nobody looks for it in Prometheus.
  const here = (a: AlertView) => snap.mode === 'prometheus' && a.origin === 'embedded';
  if (!snap.alerts.length) lines.push('', snap.verdict.code === 0 ? 'No alerts firing or pending.' : `No alerts firing or pending; but ${sanitize(snap.verdict.reasons[0] ?? snap.verdict.word)}.`);
  for (const a of snap.alerts) lines.push('', ...alertLines(a, snap.now, width, here(a)));
  if (snap.otherAlerts.length) {
    lines.push('', truncate(`Other alerts (other jobs and traders; ${countOthers ? 'counted' : 'not counted'}):`, width));
    for (const a of snap.otherAlerts) lines.push('', ...alertLines({ ...a, actions: [] }, snap.now, width, false));
  }
  return lines;
}
