import React from 'react';
import { Box } from 'ink';
import type { Config } from '../../../config/types.js';
import type { Snapshot } from '../../../engine/types.js';
import { panelHeight, type Layout } from '../layout.js';
import type { PanelModel } from '../panels.js';
import { AlertStrip } from './AlertStrip.js';
import { oneColumn } from '../one-column.js';
import { panelById } from '../snapshot-memo.js';
import { Panel } from './Panel.js';

interface Props {
  snap: Snapshot;
  config: Config;
  panels: { left: PanelModel[]; right: PanelModel[] };
  layout: Layout;
  /** Rows for the overview between header and footer. */
  height: number;
  focusedPanel: number;
  selected: number;
}

/** The order Tab walks the panels, and a single column shows them: across the columns, row by row, Health last. */
export function panelOrder(panels: Props['panels']): PanelModel[] {
  const out: PanelModel[] = [];
  for (let i = 0; i < Math.max(panels.left.length, panels.right.length); i++) {
    if (panels.left[i]) out.push(panels.left[i]!);
    if (panels.right[i]) out.push(panels.right[i]!);
  }
  return [...out.filter((p) => p.id !== 'health'), ...out.filter((p) => p.id === 'health')];
}

export function Overview({ snap, config, panels, layout, height, focusedPanel, selected }: Props) {
  const order = panelOrder(panels);
  const focusedId = order[focusedPanel % order.length]?.id;
  const modelOf = (id: string) => (s: Snapshot) => panelById(s, config, id);
  if (layout.kind === 'one') {
    // Scrolled with Tab: start at the focused panel, show what fits.
    const { shown, alertRows } = oneColumn(order, focusedPanel, height, snap.alerts.length);
    return (
      <Box flexDirection="column" width={layout.width} height={height}>
        {shown.map((p) => (
          <Panel key={p.id} model={p} modelOf={modelOf(p.id)} snap={snap} width={layout.width} boxed={false} focused={p.id === focusedId} />
        ))}
        <Box flexGrow={1} />
        <AlertStrip snap={snap} width={layout.width} rows={alertRows} selected={selected} boxed={false} />
      </Box>
    );
  }
  const boxed = layout.boxed;
  const colHeight = Math.max(...[panels.left, panels.right].map((col) => col.reduce((n, p) => n + panelHeight(p.rows.length, boxed), 0)));
  const stripRows = Math.max(1, height - colHeight - (boxed ? 2 : 1));
  const right = layout.width - layout.columnWidth;
  return (
    <Box flexDirection="column" width={layout.width} height={height}>
      <Box flexDirection="row" height={colHeight}>
        <Box flexDirection="column" width={layout.columnWidth}>
          {panels.left.map((p) => (
            <Panel key={p.id} model={p} modelOf={modelOf(p.id)} snap={snap} width={layout.columnWidth} boxed={boxed} focused={p.id === focusedId} />
          ))}
        </Box>
        <Box flexDirection="column" width={right}>
          {panels.right.map((p) => (
            <Panel key={p.id} model={p} modelOf={modelOf(p.id)} snap={snap} width={right} boxed={boxed} focused={p.id === focusedId} />
          ))}
        </Box>
      </Box>
      <AlertStrip snap={snap} width={layout.width} rows={stripRows} selected={selected} boxed={boxed} />
    </Box>
  );
}
