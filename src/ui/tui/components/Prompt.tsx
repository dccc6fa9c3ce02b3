import React, { useRef, useState } from 'react';
import { Text } from 'ink';
import { sanitize } from '../../../util/sanitize.js';
import { editFor, printable, type Editing } from '../keys.js';
import { tint, useTheme } from '../theme.js';
import { usePromptFocus, type KeyHandler } from '../use-keyboard.js';

export interface PromptProps {
  label: string;
  /** Offered and selected: the first key typed replaces it, Backspace clears it, →/End keeps it to type after. */
  initial?: string;
  /** The initial text is not offered but continued: typing goes on after it (the `/` filter reopened). */
  continueInitial?: boolean;
  /** Dim text after the cursor; a function of what is typed (the command line's suggestions). */
  hint?: string | ((text: string) => string);
  /** Tab: the longest completion of what is typed. */
  complete?(text: string): string;
  /** Each change of the text (the filter applies as it is typed). */
  onChange?(text: string): void;
  onSubmit(text: string): void;
  onCancel(): void;
  /** Shown as dots, never as typed. */
  mask?: boolean;
  /** `ask` is cyan; `danger` is red, or inverse without colour: this one changes trading or runs a command. */
  tone?: 'plain' | 'ask' | 'danger';
  width: number;
}

/**
 * One line that asks one thing and owns what is typed there. The editing keys
 * come from the key table (keys.ts); the flows only hear the answer, or that
 * the question was cancelled.
 */
export function Prompt(props: PromptProps) {
  const { label, initial = '', continueInitial = false, hint = '  esc cancels', mask = false, tone = 'plain', width } = props;
  const theme = useTheme();
  const [editing, setEditing] = useState<Editing>({ text: initial, offered: initial !== '' && !continueInitial });
  // The text lives in a ref as well: a paste's keys each see what the last one left.
  const now = useRef(editing);
  const latest = useRef(props);
  latest.current = props;
  const handler = useRef<KeyHandler>(() => {});
  const focus = usePromptFocus(handler);
  handler.current = (name, input) => {
    const p = latest.current;
    const next = editFor(name, input).run(now.current, name === input ? printable(input) : '', p.complete);
    const changed = next.text !== now.current.text;
    now.current = { text: next.text, offered: next.offered };
    setEditing(now.current);
    if (changed) p.onChange?.(next.text);
    if (!next.outcome) return;
    // Answered or cancelled: the keys after this one belong to whatever comes next.
    focus.release();
    if (next.outcome === 'submit') p.onSubmit(next.text);
    else p.onCancel();
  };
  const shown = mask ? '•'.repeat([...editing.text].length) : editing.text;
  const after = typeof hint === 'function' ? hint(editing.text) : hint;
  const color = tone === 'ask' ? tint(theme, 'cyan') : tone === 'danger' ? tint(theme, 'red') : undefined;
  // Sanitised: a label can quote a runbook's command, a hint a team's runbook alias.
  const room = Math.max(0, width - [...label].length - [...shown].length - 1);
  return (
    <Text>
      <Text bold color={color} inverse={tone === 'danger' && !theme.color}>
        {sanitize(label)}
      </Text>
      <Text inverse={editing.offered}>{sanitize(shown)}</Text>
      <Text inverse> </Text>
      <Text dimColor>{sanitize(after).slice(0, room)}</Text>
    </Text>
  );
}

/** A question a flow asks now: the Prompt's props, and a key that makes each question a fresh Prompt. */
export type PromptSpec = Omit<PromptProps, 'width'> & { key: string };
