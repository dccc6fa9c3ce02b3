import React from 'react';
import type { AlertView, Snapshot } from '../../../engine/types.js';
import { alertRowText } from '../alert-line-text.js';
import { Live } from '../live.js';
import { alertByKey } from '../snapshot-memo.js';
import { styled, useTheme } from '../theme.js';

interface Props {
  alert: AlertView;
  snap: Snapshot;
  /** Columns for the alert itself, between `before` and `after`. */
  width: number;
  selected: boolean;
  nameWidth: number;
  /** What frames it on its line: `│ ` and ` │` in a box, a space in a list. */
  before?: string;
  after?: string;
}

/**
 * One alert on one line: severity, the whole name, value and line, state,
 * countdown or ack, runbook. Live: its ages, countdown and value move every
 * second without a React commit (the alert is found again by its key).
 */
export function AlertLine({ alert, snap, width, selected, nameWidth, before = '', after = '' }: Props) {
  const theme = useTheme();
  const line = (s: Snapshot) => {
    const a = alertByKey(s, alert.key) ?? alert;
    // Without colour the selection is inverse (as Ink's Text would draw it); ▶ says it too.
    return `${before}${styled(theme, alertRowText(a, s.now, { width, selected, color: theme.color, nameWidth }), { inverse: selected && !theme.color })}${after}`;
  };
  return <Live snap={snap} width={before.length + width + after.length} line={line} />;
}
