// A key outside a prompt: found in the view's key table and run with what the
// table's handlers may use, built from the state as it is now.

import { useCallback } from 'react';
import type { RunbookService } from '../../runbooks/service.js';
import type { ControllerLike } from './controller.js';
import { bindingFor, type KeyContext } from './keys.js';
import { selection } from './selection.js';
import { stepContext } from './stepper-keys.js';
import type { UiState } from './app-state.js';
import type { Dispatch } from './use-ui-state.js';

/** The console's actions a view key can reach. */
export type ViewActions = Pick<KeyContext, 'quit' | 'ack' | 'unack' | 'openRunbook' | 'control' | 'step' | 'incident'>;

export interface ViewKeyDeps {
  now: () => UiState;
  dispatch: Dispatch;
  controller: ControllerLike;
  runbooks: RunbookService | undefined;
  panelCount: number;
  readOnly: boolean;
  actions: ViewActions;
  /** The help's lines, to scroll through; and a page: the rows the view has. */
  helpLines: number;
  page: number;
  /** The positions the incident view's focused pane scrolls through. */
  incidentRows: number;
}

export function useViewKeys(deps: ViewKeyDeps): (name: string) => void {
  const { now, dispatch, controller, runbooks, panelCount, readOnly, actions, helpLines, page, incidentRows } = deps;
  return useCallback(
    (name: string) => {
      // Fresh state, not this render's: a key may arrive before the next render.
      const ui = now();
      const binding = bindingFor(name, ui.view, readOnly);
      if (!binding) return;
      const { visible, current } = selection(ui, controller.getSnapshot().alerts);
      const ctx: KeyContext = {
        ...actions,
        ui,
        current,
        rows: ui.view === 'runbook' ? (stepContext(runbooks, ui)?.count ?? 0) : ui.view === 'help' ? Math.max(1, helpLines - page + 2) : ui.view === 'incident' ? incidentRows : visible.length,
        page: Math.max(1, page - 2),
        panels: panelCount,
        dispatch,
        togglePause: () => controller.setPaused(!controller.isPaused()),
      };
      dispatch({ type: 'clear-message' });
      binding.run(ctx);
    },
    [now, dispatch, controller, runbooks, panelCount, readOnly, actions, helpLines, page, incidentRows],
  );
}
