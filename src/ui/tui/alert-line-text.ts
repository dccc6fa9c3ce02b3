// One alert as one line of exactly `width` columns: severity, the whole name
// (never cut: it is what the engineer types into `gptmon ack`), how far past
// its line (`16.5% > 15%`), its state, what inhibits it (no countdown then),
// the countdown or who acknowledged it, its runbook. When room runs short the
// runbook goes first, then the countdown, then the inhibition; the name, the
// value and the line stay. Resolved and held
// alerts are dimmed. A plain function of the alert, colours included.

import type { AlertView } from '../../engine/types.js';
import { ackText, alertLineText, alertNameText, inhibitedText, respondText, stateText } from '../../text/alert-text.js';
import { truncate } from '../../text/format.js';
import { sanitize } from '../../util/sanitize.js';
import { SEVERITY_COLOR, SEVERITY_SYMBOL, SEVERITY_WORD, sgr } from './theme.js';

export interface LineOptions {
  width: number;
  selected: boolean;
  color: boolean;
  /** The name column's width: the longest name among the alerts shown together, so columns line up. */
  nameWidth: number;
}

/** The name column for a set of alerts shown together. */
export const nameWidthOf = (alerts: AlertView[]): number => Math.max(18, ...alerts.map((a) => alertNameText(a).length));

export function alertRowText(a: AlertView, now: number, o: LineOptions): string {
  const head = `${o.selected ? '▶' : ' '}${SEVERITY_SYMBOL[a.severity]} ${SEVERITY_WORD[a.severity].padEnd(4)} `;
  const name = alertNameText(a);
  const value = alertLineText(a) ?? '';
  const state = stateText(a, now);
  const respond = respondText(a, now);
  const inhibited = inhibitedText(a);
  const when = a.ack ? `acked ${ackText(a)}` : a.state === 'firing' && !a.stale && !inhibited && respond !== '-' ? `respond ${respond}` : '';
  const runbook = a.runbook ? `→ ${sanitize(a.runbook)}` : '';
  const room = o.width - head.length;
  // Columns in the order they give way: the runbook first, then the countdown, then the inhibition.
  const parts = [name.padEnd(Math.min(o.nameWidth, Math.max(name.length, room - 30))), value.padStart(Math.min(11, value.length + 2)), state];
  // Each in its long form, or its short one where that is all that fits.
  const optional = [inhibited ? [inhibited, 'inhibited'] : [], [when], [runbook]].filter((forms) => forms[0]);
  let body = parts.join('  ');
  for (const forms of optional) {
    const extra = forms.find((x) => body.length + 2 + x.length <= room);
    if (extra) body += `  ${extra}`;
  }
  body = truncate(body, room).padEnd(room);
  const overdue = respond.startsWith('OVERDUE') && !a.ack;
  const dim = a.state === 'resolved' || a.stale;
  // Without colour the caller marks the selection (Ink's inverse, which honours NO_COLOR); ▶ says it too.
  if (!o.color) return head + body;
  const inverse = o.selected;
  return (
    sgr(head, dim ? 'gray' : SEVERITY_COLOR[a.severity], a.severity === 'critical' && a.state === 'firing', { inverse }) +
    sgr(body, dim ? 'gray' : overdue ? 'red' : undefined, overdue, { inverse, dim })
  );
}

