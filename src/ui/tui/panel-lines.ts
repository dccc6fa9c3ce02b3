// An overview panel as painted lines, frame included: a plain function of its
// model, so each line can be live (repainted every refresh without a React
// commit) and every width is exact at any size.

import { truncate } from '../../text/format.js';
import type { PanelModel, Row } from './panel-rows.js';
import { rowText } from './row-text.js';
import { LEVEL_COLOR, styled, type Theme } from './theme.js';

export interface PanelOptions {
  width: number;
  /** Boxed with a border; otherwise a title line (when rows are scarce). */
  boxed: boolean;
  focused: boolean;
  theme: Theme;
}

/** One row, exactly `width` columns, whatever the content. */
export function rowLine(row: Row, width: number, theme: Theme): string {
  if (row.kind === 'metric') return rowText(row, width, theme.color);
  const color = row.level && row.level !== 'ok' ? LEVEL_COLOR[row.level] : undefined;
  return styled(theme, truncate(row.text, width).padEnd(width), { color: row.dim ? 'gray' : color, dim: row.dim === true && !theme.color });
}

/** The title (with its stale mark), each row, and the frame's bottom when boxed. */
export function panelLines(model: PanelModel, o: PanelOptions): string[] {
  const { width, boxed, focused, theme } = o;
  const titleText = model.staleFor ? `${model.title} · stale ${model.staleFor}` : model.title;
  const inner = boxed ? width - 4 : width - 1;
  const titleColor = model.staleFor ? 'gray' : focused ? 'cyan' : undefined;
  // A loop, not a closure per call: V8 drops a dead closure's optimised code at each full collection.
  if (!boxed) {
    const lines = [styled(theme, `${focused ? '▸' : ' '}${titleText} ${'─'.repeat(Math.max(0, width - titleText.length - 3))}`, { bold: !model.staleFor, color: titleColor, inverse: focused && !theme.color })];
    for (const row of model.rows) lines.push(` ${rowLine(row, inner, theme)}`);
    return lines;
  }
  const lines = [styled(theme, `┌ ${titleText} ${'─'.repeat(Math.max(0, width - titleText.length - 4))}┐`, { color: titleColor, bold: focused })];
  for (const row of model.rows) lines.push(`│ ${rowLine(row, inner, theme)} │`);
  lines.push(styled(theme, `└${'─'.repeat(Math.max(0, width - 2))}┘`, { color: titleColor }));
  return lines;
}
