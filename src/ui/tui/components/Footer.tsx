import React from 'react';
import { Text } from 'ink';
import type { UiState } from '../app-state.js';
import { suggestions } from '../commands.js';
import { footerFor } from '../keys.js';
import { tint, useTheme } from '../theme.js';

/** The keys that work here and now, or what is being typed, or the last message. */
export function Footer({ ui, readOnly, width }: { ui: UiState; readOnly: boolean; width: number }) {
  const theme = useTheme();
  const m = ui.mode;
  if (m.kind === 'command') {
    const hint = suggestions(m.text, readOnly).slice(0, 6).join(' ');
    return (
      <Text>
        <Text bold>{`:${m.text}`}</Text>
        <Text inverse> </Text>
        <Text dimColor>{`   ${hint}`.slice(0, Math.max(0, width - m.text.length - 3))}</Text>
      </Text>
    );
  }
  if (m.kind === 'filter') {
    return (
      <Text>
        <Text bold>{`/${m.text}`}</Text>
        <Text inverse> </Text>
        <Text dimColor>{'   enter keep · esc clear'}</Text>
      </Text>
    );
  }
  if (m.kind === 'ack') {
    const prompt = m.step === 'comment' ? 'Ack comment (enter to go on): ' : 'Ack for how long (e.g. 30m, 2h): ';
    return (
      <Text>
        <Text bold color={tint(theme, 'cyan')}>
          {prompt}
        </Text>
        {m.text}
        <Text inverse> </Text>
        <Text dimColor>{'  esc cancels'}</Text>
      </Text>
    );
  }
  if (m.kind === 'control') {
    const prompt = m.step === 'reason' ? `Why ${m.action}? (for the audit log, enter to go on): ` : `Type ${m.action} to go ahead: `;
    return (
      <Text>
        <Text bold color={tint(theme, 'red')} inverse={!theme.color}>
          {prompt}
        </Text>
        {m.text}
        <Text inverse> </Text>
        <Text dimColor>{'  esc cancels'}</Text>
      </Text>
    );
  }
  if (m.kind === 'run') {
    return (
      <Text>
        <Text bold color={tint(theme, 'red')}>
          {m.prompt}
        </Text>
        {m.text}
        <Text inverse> </Text>
        <Text dimColor>{'  esc cancels'}</Text>
      </Text>
    );
  }
  if (ui.message) {
    return (
      <Text color={tint(theme, ui.message.level === 'error' ? 'red' : 'green')} bold={ui.message.level === 'error'}>
        {` ${ui.message.text}`.slice(0, width)}
      </Text>
    );
  }
  const keys = footerFor(ui.view, readOnly)
    .map((b) => `${b.label} ${b.short}`)
    .join('  ');
  return <Text dimColor>{` ${keys}${readOnly ? '  [read-only]' : ''}`.slice(0, width)}</Text>;
}
