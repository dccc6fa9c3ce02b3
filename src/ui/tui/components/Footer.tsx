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
  let room = width;
  // Paused, the way back comes first: a narrow footer must not cut it off.
  const bindings = footerFor(ui.view, readOnly).sort((a, b) => (paused ? Number(b.action === 'pause') - Number(a.action === 'pause') : 0));
  const keys = [...bindings.map((b) => ({ text: ` ${b.label} ${paused && b.shortWhenPaused ? b.shortWhenPaused : b.short} `, danger: b.danger })), ...(readOnly ? [{ text: ' [read-only]', danger: false }] : [])].map((k) => {
    const text = k.text.slice(0, Math.max(0, room));
    room -= text.length;
    return { ...k, text };
  });
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
