// What each live view's frame is made of, apart from the live lines: when
// this changes, React commits and Ink lays the frame out again; when it does
// not, the screen only repaints the live lines (header, panel lines, alert
// lines). Everything a view draws from the snapshot outside a live line must
// be in its structure, or it would go stale on screen: the test
// test/ui/live-paint.test.tsx checks that a frame painted live equals one
// rendered afresh from the same snapshot, over scenarios that change it all.

import type { Config } from '../../config/types.js';
import type { Snapshot } from '../../engine/types.js';
import type { UiState } from './app-state.js';
import { selection } from './selection.js';
import { panelsOf } from './snapshot-memo.js';
import type { Structure } from './use-live-snapshot.js';

/** The panels there are and how many rows each has (the Risk and Health panels' rows come and go). */
function panelShape(snap: Snapshot, config: Config): string {
  const p = panelsOf(snap, config);
  return [...p.left, ',', ...p.right].map((x) => (typeof x === 'string' ? x : `${x.id}:${x.rows.length}`)).join(' ');
}

/**
 * The structure of the view on screen, or undefined for a view drawn whole at
 * every snapshot (the alert's detail, a runbook: their ages are not live).
 */
export function liveStructure(ui: UiState, config: Config, paused: () => boolean): Structure {
  switch (ui.view) {
    case 'overview':
      // The panels, and the alerts in the strip in their order (the selection acts on what is shown).
      return (s) => `${paused()}|${panelShape(s, config)}|${s.alerts.map((a) => a.key).join('\n')}`;
    case 'alerts':
      // The alerts the filter lets through, in order, and how many there are in all.
      return (s) => `${paused()}|${s.alerts.length}|${selection(ui, s.alerts).visible.map((a) => a.key).join('\n')}`;
    case 'help':
      return () => `${paused()}`;
    default:
      return undefined;
  }
}
