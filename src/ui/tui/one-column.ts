// The one-column overview (under 80x24): panels from the focused one down, as
// many as fit above the alert strip; Tab scrolls. What does not fit is out of
// sight, so a critical value there is named in the header instead.

import { panelHeight } from './layout.js';
import type { PanelModel } from './panels.js';

export function oneColumn(order: PanelModel[], focused: number, height: number, alertCount: number): { shown: PanelModel[]; alertRows: number } {
  const alertRows = Math.min(3, Math.max(1, alertCount));
  let room = height - (alertRows + 1);
  const shown: PanelModel[] = [];
  for (let i = 0; i < order.length; i++) {
    const p = order[(focused + i) % order.length]!;
    const h = panelHeight(p.rows.length, false);
    if (h > room) break;
    shown.push(p);
    room -= h;
  }
  return { shown, alertRows };
}

/** `✖ Drawdown in Trading (tab)`: the first critical value in a panel out of sight. */
export function offscreenCritical(order: PanelModel[], shown: PanelModel[]): string | undefined {
  for (const p of order) {
    if (shown.includes(p)) continue;
    const row = p.rows.find((r) => r.kind === 'metric' && r.judged && r.level === 'critical' && !r.missing);
    if (row && row.kind === 'metric') return `✖ ${row.label} in ${p.title} (tab)`;
  }
  return undefined;
}
