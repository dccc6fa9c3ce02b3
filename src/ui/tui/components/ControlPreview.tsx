import React from 'react';
import { Text } from 'ink';
import { sanitize } from '../../../util/sanitize.js';
import { truncate } from '../../../text/format.js';
import { tint, useTheme } from '../theme.js';

/** What a control would change, above its prompt: red, or inverse without colour. It quotes the trader: sanitised. */
export function ControlPreview({ action, text, width }: { action: string; text: string; width: number }) {
  const theme = useTheme();
  return (
    <Text bold color={tint(theme, 'red')} inverse={!theme.color}>
      {truncate(` ${action.toUpperCase()}: ${sanitize(text)}`, width)}
    </Text>
  );
}
