// Today's checklist from the console: as the checklist service last read it
// (again while the view is open, on each of the controller's ticks, and after
// a tick made here), held in state so drawing never reads a file; and `c`,
// which asks for the item to tick (-N takes the tick back). A tick writes the
// shared ticks file, never the trader: it works in --read-only.

import { useCallback, useEffect, useState } from 'react';
import type { Snapshot } from '../../engine/types.js';
import type { ChecklistNow, ChecklistService } from '../../reviews/checklist-service.js';
import type { UiState } from './app-state.js';
import type { PromptSpec } from './components/Prompt.js';
import type { Dispatch } from './use-ui-state.js';

export interface ChecklistFlow {
  /** As last read; undefined when this console keeps no checklist or has not shown it yet. */
  state: ChecklistNow | undefined;
  /** `c`: which item to tick. */
  ask(): void;
  prompt: PromptSpec | undefined;
}

interface Deps {
  checklist: ChecklistService | undefined;
  ui: UiState;
  dispatch: Dispatch;
  snap: Snapshot;
}

export function useChecklistFlow({ checklist, ui, dispatch, snap }: Deps): ChecklistFlow {
  const [state, setState] = useState<ChecklistNow | undefined>();
  const viewing = ui.view === 'checklist';
  const reload = useCallback(() => setState(checklist?.now()), [checklist]);
  // Read only while shown: the evidence reads the day's alert history.
  useEffect(() => {
    if (viewing) reload();
  }, [viewing, snap, reload]);

  const ask = useCallback(() => {
    if (!checklist) return dispatch({ type: 'message', text: 'this console keeps no checklist', level: 'error' });
    dispatch({ type: 'checklist-ask' });
  }, [checklist, dispatch]);

  if (ui.mode.kind !== 'checklist-tick' || !checklist) return { state, ask, prompt: undefined };
  const prompt: PromptSpec = {
    key: `checklist-tick-${ui.asked}`,
    label: 'Tick item: ',
    tone: 'ask',
    hint: '  its number (-N takes a tick back) · esc cancels',
    onCancel: () => dispatch({ type: 'end-input' }),
    onSubmit: (text) => {
      dispatch({ type: 'end-input' });
      const made = checklist.tick(text);
      dispatch({ type: 'message', text: made.ok ? made.said : made.reason, level: made.ok ? 'info' : 'error' });
      reload();
    },
  };
  return { state, ask, prompt };
}
