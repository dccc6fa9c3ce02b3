import React from 'react';
import { Box } from 'ink';
import type { Snapshot } from '../../../engine/types.js';
import { Live } from '../live.js';
import { panelLines } from '../panel-lines.js';
import type { PanelModel } from '../panels.js';
import { perSnapshot } from '../snapshot-memo.js';
import { useTheme } from '../theme.js';

interface Props {
  model: PanelModel;
  /** The same panel in a later snapshot (its rows are live). */
  modelOf: (snap: Snapshot) => PanelModel | undefined;
  snap: Snapshot;
  width: number;
  /** Boxed with a border; otherwise a title line (when rows are scarce). */
  boxed: boolean;
  focused?: boolean;
}

/** A titled group of rows, drawn by hand so widths are exact at any size; every line live (panel-lines.ts). */
export const Panel = React.memo(function Panel({ model, modelOf, snap, width, boxed, focused = false }: Props) {
  const theme = useTheme();
  const options = { width, boxed, focused, theme };
  const key = `panel:${model.id}:${width}:${boxed}:${focused}:${theme.color}:${theme.attributes}`;
  // All of the panel's lines at once, once per snapshot, whichever line asks first.
  const linesOf = (s: Snapshot) => perSnapshot(s, key, () => panelLines(modelOf(s) ?? model, options));
  const count = panelLines(model, options).length;
  return (
    <Box flexDirection="column" width={width}>
      {Array.from({ length: count }, (_, i) => (
        <Live key={i} snap={snap} width={width} line={(s) => linesOf(s)[i] ?? ''} />
      ))}
    </Box>
  );
});
