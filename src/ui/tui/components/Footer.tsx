import React from 'react';
import { Text } from 'ink';
import type { UiState } from '../app-state.js';
import { footerFor } from '../keys.js';
import { sanitize } from '../../../util/sanitize.js';
import { tint, useTheme } from '../theme.js';

/** The keys that work here and now, or the last message. (A question being asked is a Prompt instead.) */
export function Footer({ ui, readOnly, paused, width }: { ui: UiState; readOnly: boolean; paused: boolean; width: number }) {
  const theme = useTheme();
  // Messages quote what the trader, Alertmanager or a step answered: sanitised.
  if (ui.message) {
    return (
      <Text color={tint(theme, ui.message.level === 'error' ? 'red' : 'green')} bold={ui.message.level === 'error'}>
        {` ${sanitize(ui.message.text)}`.slice(0, width)}
      </Text>
    );
  }
  // Paused, the way back comes first: a narrow footer must not cut it off.
  const bindings = footerFor(ui.view, readOnly).sort((a, b) => (paused ? Number(b.action === 'pause') - Number(a.action === 'pause') : 0));
  // Whole hints only, in their order, until one does not fit: a key cut mid-word (`: c`) reads as another key.
  // [read-only] keeps its room: it says why the controls are missing.
  const readOnlyMark = readOnly ? [{ text: ' [read-only]', danger: false }] : [];
  let room = width - (readOnlyMark[0]?.text.length ?? 0);
  const keys: Array<{ text: string; danger: boolean | undefined }> = [];
  for (const b of bindings) {
    const text = ` ${b.label} ${paused && b.shortWhenPaused ? b.shortWhenPaused : b.short} `;
    if (text.trimEnd().length > room) break;
    keys.push({ text: text.slice(0, room), danger: b.danger });
    room -= Math.min(text.length, room);
  }
  keys.push(...readOnlyMark.filter((m) => m.text.length <= width));
  // The keys that change trading or run a command stand out: red, or inverse without colour.
  return (
    <Text>
      {keys.map((k, i) =>
        k.danger ? (
          <Text key={i} color={tint(theme, 'red')} inverse={!theme.color}>
            {k.text}
          </Text>
        ) : (
          <Text key={i} dimColor>
            {k.text}
          </Text>
        ),
      )}
    </Text>
  );
}
