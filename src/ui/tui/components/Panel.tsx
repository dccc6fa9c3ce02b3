import React from 'react';
import { Box, Text } from 'ink';
import type { PanelModel } from '../panels.js';
import { useTheme } from '../theme.js';
import { PanelRow } from './PanelRow.js';

interface Props {
  model: PanelModel;
  width: number;
  /** Boxed with a border; otherwise a title line (when rows are scarce). */
  boxed: boolean;
  focused?: boolean;
}

/** A titled group of rows, drawn by hand so widths are exact at any size. */
export const Panel = React.memo(function Panel({ model, width, boxed, focused = false }: Props) {
  const theme = useTheme();
  const titleText = model.staleFor ? `${model.title} · stale ${model.staleFor}` : model.title;
  const inner = boxed ? width - 4 : width - 1;
  const titleColor = model.staleFor ? (theme.color ? 'gray' : undefined) : focused && theme.color ? 'cyan' : undefined;
  if (!boxed) {
    const rule = '─'.repeat(Math.max(0, width - titleText.length - 3));
    return (
      <Box flexDirection="column" width={width}>
        <Text bold={!model.staleFor} color={titleColor} inverse={focused && !theme.color}>
          {`${focused ? '▸' : ' '}${titleText} ${rule}`}
        </Text>
        {model.rows.map((row, i) => (
          <Text key={i}>
            {' '}
            <PanelRow row={row} width={inner} />
          </Text>
        ))}
      </Box>
    );
  }
  const top = `┌ ${titleText} ${'─'.repeat(Math.max(0, width - titleText.length - 4))}┐`;
  return (
    <Box flexDirection="column" width={width}>
      <Text color={titleColor} bold={focused}>
        {top}
      </Text>
      {model.rows.map((row, i) => (
        <Text key={i}>
          {'│ '}
          <PanelRow row={row} width={inner} />
          {' │'}
        </Text>
      ))}
      <Text color={titleColor}>{`└${'─'.repeat(Math.max(0, width - 2))}┘`}</Text>
    </Box>
  );
});
