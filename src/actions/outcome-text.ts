// How a control ended, in words, for the console's footer (one line, cut at
// the terminal's width): the real outcome first, short enough that AUDIT
// FAILED, when its audit line could not be written, is still on screen.

import { ACTIONS, stateLine } from './actions.js';
import type { Outcome } from './execute.js';

/** `halt: verified in 80ms: trading halted. AUDIT FAILED: cannot write …` */
export function outcomeMessage(o: Outcome): { text: string; level: 'info' | 'error' } {
  const text =
    o.result === 'verified'
      ? `${o.action}: verified in ${o.ms}ms: ${o.state ? stateLine(o.state, ACTIONS[o.action].shows) : ''}`
      : `${o.action}: ${o.result === 'refused' ? 'refused' : o.result === 'dry-run' ? 'dry run' : 'FAILED'}${o.reason ? `: ${o.reason}` : ''}`;
  if (o.auditFailed) return { text: `${text}. AUDIT FAILED: ${o.auditFailed}`, level: 'error' };
  return { text, level: o.result === 'verified' ? 'info' : 'error' };
}
