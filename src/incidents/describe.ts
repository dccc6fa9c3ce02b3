// One line for an event, the same in the console's timeline, `incident
// status` and the post-mortem: what happened, in the words an engineer uses.
// Notes, titles, comments and outputs are outside text: sanitised here.

import { formatAge } from '../text/age.js';
import { sanitize } from '../util/sanitize.js';
import type { Event } from './types.js';

const SYMBOL = { critical: '✖', high: '▲', medium: '●', low: '·' } as const;

export function describeEvent(e: Event): string {
  switch (e.kind) {
    case 'alert-firing':
      return `${SYMBOL[e.alert?.severity ?? 'medium']} ${sanitize(e.alert?.name)} firing${e.alert?.value ? ` (${sanitize(e.alert.value)})` : ''}`;
    case 'alert-resolved':
      return `${sanitize(e.alert?.name)} resolved`;
    case 'ack':
      return `acknowledged ${sanitize(e.ack?.alert)} for ${formatAge(e.ack?.forMs ?? 0)}${e.ack?.comment ? `: "${sanitize(e.ack.comment)}"` : ''}`;
    case 'unack':
      return `removed the acknowledgement of ${sanitize(e.ack?.alert)}`;
    case 'step': {
      const s = e.step;
      if (!s) return 'runbook step';
      if (s.status === 'ran') return `ran step ${sanitize(s.step)} of ${sanitize(s.runbook)}: ${s.timedOut ? 'timed out' : `exit ${s.exit}`}`;
      return `${s.status} step ${sanitize(s.step)} of ${sanitize(s.runbook)}: ${sanitize(s.text)}`;
    }
    case 'control': {
      const c = e.control;
      if (!c) return 'control';
      const why = c.reason ? ` (reason: ${sanitize(c.reason)})` : '';
      if (c.result === 'verified') return `✓ ${sanitize(c.action)} verified${c.ms !== undefined ? ` in ${c.ms}ms` : ''}${why}`;
      if (c.result === 'attempt') return `${sanitize(c.action)}: attempt${why}`;
      return `${sanitize(c.action)} ${c.result === 'failed' ? 'FAILED' : c.result}${c.detail ? `: ${sanitize(c.detail)}` : ''}`;
    }
    case 'note':
      return `note: ${sanitize(e.text)}`;
    case 'declared':
      return `declared SEV${e.sev} "${sanitize(e.title)}"${e.commander ? `, commander ${sanitize(e.commander)}` : ''}`;
    case 'sev':
      return `severity now SEV${e.sev}`;
    case 'commander':
      return `commander now ${sanitize(e.commander)}`;
    case 'check':
      return `${e.check?.undo ? 'unticked' : 'ticked'} "${sanitize(e.check?.item)}"`;
    case 'resolved':
      return `resolved${e.summary ? `: ${sanitize(e.summary)}` : ''}`;
    case 'sample':
      return 'values';
  }
}
