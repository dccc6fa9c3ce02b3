// The runbook open in the stepper: opening one by name, and its progress,
// which is read when it opens, after each of this console's marks and runs,
// and on each of the controller's ticks (another engineer's marks show within
// one refresh), and held in state: drawing never reads the file.

import { useCallback, useEffect, useState } from 'react';
import type { AlertView, Snapshot } from '../../engine/types.js';
import type { RunbookService } from '../../runbooks/service.js';
import { allSteps, type Runbook } from '../../runbooks/types.js';
import type { Progress } from '../../store/progress-file.js';
import type { UiState } from './app-state.js';
import { firstUnmarked } from './stepper.js';
import type { Dispatch } from './use-ui-state.js';

interface Held {
  key: string;
  progress?: Progress;
  error?: string;
}

export interface OpenRunbook {
  /** Opens a runbook by name; progress goes with the alert it was opened from, else with the runbook. */
  open(name: string, alert: AlertView | undefined): void;
  /** Reads the open runbook's progress again (after a mark or a run). */
  reload(): void;
  /** The runbook on screen, with its progress as last read. */
  book: { runbook: Runbook; progressKey: string; progress?: Progress; error?: string } | undefined;
}

export function useRunbook({ runbooks, ui, now, dispatch, snap }: { runbooks: RunbookService | undefined; ui: UiState; now: () => UiState; dispatch: Dispatch; snap: Snapshot }): OpenRunbook {
  const [held, setHeld] = useState<Held | undefined>(undefined);

  const read = useCallback((key: string) => setHeld({ key, ...runbooks?.progress(key) }), [runbooks]);

  const reload = useCallback(() => {
    const { view, runbook } = now();
    if (view === 'runbook' && runbook) read(runbook.progressKey);
  }, [now, read]);

  const open = useCallback(
    (name: string, alert: AlertView | undefined) => {
      if (!runbooks) return dispatch({ type: 'message', text: 'no runbooks loaded', level: 'error' });
      const found = runbooks.find(name);
      if (!found.ok) return dispatch({ type: 'message', text: `runbook ${name}: ${found.reason === 'ambiguous' ? 'could be' : 'unknown; closest:'} ${found.candidates.join(', ') || 'none'}`, level: 'error' });
      const progressKey = alert ? alert.key : `runbook:${found.runbook.id}`;
      const read = runbooks.progress(progressKey);
      // It opens on the first step with no mark.
      dispatch({ type: 'open-runbook', id: found.runbook.id, progressKey, selected: firstUnmarked(allSteps(found.runbook), read.progress) });
      setHeld({ key: progressKey, ...read });
    },
    [runbooks, dispatch],
  );

  // The tick: a new snapshot means a poll (or the clock, while paused) came round.
  useEffect(reload, [snap, reload]);

  const found = ui.view === 'runbook' && ui.runbook && runbooks ? runbooks.find(ui.runbook.id) : undefined;
  const book = found?.ok ? { runbook: found.runbook, progressKey: ui.runbook!.progressKey, ...(held?.key === ui.runbook!.progressKey ? { progress: held.progress, error: held.error } : {}) } : undefined;
  return { open, reload, book };
}
