import React from 'react';
import { Text } from 'ink';
import type { UiState } from '../app-state.js';
import { suggestions } from '../commands.js';
import { footerFor } from '../keys.js';
import { sanitize } from '../../../util/sanitize.js';
import { tint, useTheme } from '../theme.js';

/** The keys that work here and now, or what is being typed, or the last message. */
export function Footer({ ui, readOnly, width }: { ui: UiState; readOnly: boolean; width: number }) {
  const theme = useTheme();
  const m = ui.mode;
  if (m.kind === 'command') {
    const hint = suggestions(m.text, readOnly).slice(0, 6).join(' ');
    return <Input label={`:${m.text}`} text="" hint={`   ${hint}`.slice(0, Math.max(0, width - m.text.length - 3))} />;
  }
  if (m.kind === 'filter') return <Input label={`/${m.text}`} text="" hint="   enter keep · esc clear" />;
  if (m.kind === 'ack') {
    const label = m.step === 'comment' ? 'Ack comment (enter to go on): ' : 'Ack for how long (e.g. 30m, 2h): ';
    return <Input label={label} color={tint(theme, 'cyan')} text={m.text} hint="  esc cancels" />;
  }
  if (m.kind === 'control') {
    const label = m.step === 'reason' ? `Why ${m.action}? (for the audit log, enter to go on): ` : `Type ${m.action} to go ahead: `;
    // Red, or inverse without colour: this one changes trading.
    return <Input label={label} color={tint(theme, 'red')} inverse={!theme.color} text={m.text} hint="  esc cancels" />;
  }
  if (m.kind === 'run') return <Input label={m.prompt} color={tint(theme, 'red')} text={m.text} hint="  esc cancels" />;
  // Messages quote what the trader, Alertmanager or a step answered: sanitised.
  if (ui.message) {
    return (
      <Text color={tint(theme, ui.message.level === 'error' ? 'red' : 'green')} bold={ui.message.level === 'error'}>
        {` ${sanitize(ui.message.text)}`.slice(0, width)}
      </Text>
    );
  }
  const keys = footerFor(ui.view, readOnly)
    .map((b) => `${b.label} ${b.short}`)
    .join('  ');
  return <Text dimColor>{` ${keys}${readOnly ? '  [read-only]' : ''}`.slice(0, width)}</Text>;
}

/**
 * A prompt line: its label, what is typed, a cursor, and a hint. Sanitised:
 * a prompt can quote a runbook's command, a completion a team's runbook alias.
 */
function Input({ label, text, hint, color, inverse = false }: { label: string; text: string; hint: string; color?: string | undefined; inverse?: boolean }) {
  return (
    <Text>
      <Text bold color={color} inverse={inverse}>
        {sanitize(label)}
      </Text>
      {sanitize(text)}
      <Text inverse> </Text>
      <Text dimColor>{sanitize(hint)}</Text>
    </Text>
  );
}
