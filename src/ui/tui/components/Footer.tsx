import React from 'react';
import { Text } from 'ink';
import type { UiState } from '../app-state.js';
import { footerFor } from '../keys.js';
import { sanitize } from '../../../util/sanitize.js';
import { tint, useTheme } from '../theme.js';

/** The keys that work here and now, or the last message. (A question being asked is a Prompt instead.) */
export function Footer({ ui, readOnly, width }: { ui: UiState; readOnly: boolean; width: number }) {
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
  const keys = [...footerFor(ui.view, readOnly).map((b) => ({ text: ` ${b.label} ${b.short} `, danger: b.danger })), ...(readOnly ? [{ text: ' [read-only]', danger: false }] : [])].map((k) => {
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
