import React from 'react';
import { Text } from 'ink';
import { truncate } from '../../../text/format.js';
import type { Row } from '../panels.js';
import { rowText } from '../row-text.js';
import { LEVEL_COLOR, tint, useTheme } from '../theme.js';

/** Exactly `width` columns, whatever the content. */
export const PanelRow = React.memo(function PanelRow({ row, width }: { row: Row; width: number }) {
  const theme = useTheme();
  if (row.kind === 'text') {
    const color = row.level && row.level !== 'ok' ? LEVEL_COLOR[row.level] : undefined;
    return (
      <Text color={tint(theme, row.dim ? 'gray' : color)} dimColor={row.dim === true && !theme.color}>
        {truncate(row.text, width).padEnd(width)}
      </Text>
    );
  }
  return <Text>{rowText(row, width, theme.color)}</Text>;
});
