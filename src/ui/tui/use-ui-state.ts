import { useCallback, useRef, useState } from 'react';
import { initialUiState, uiReducer, type UiAction, type UiState } from './app-state.js';

export type Dispatch = (action: UiAction) => void;

/**
 * The console's UI state and its one way of changing. The state lives in a
 * ref as well, so keys arriving faster than renders (a paste, a quick typist)
 * each see the state the last one left: `now()` is that fresh state, `ui` the
 * one being drawn.
 */
export function useUiState(initial?: Partial<UiState>): { ui: UiState; dispatch: Dispatch; now: () => UiState } {
  const ref = useRef<UiState>({ ...initialUiState, ...initial });
  const [ui, setUi] = useState<UiState>(ref.current);
  const dispatch = useCallback((action: UiAction) => {
    ref.current = uiReducer(ref.current, action);
    setUi(ref.current);
  }, []);
  const now = useCallback(() => ref.current, []);
  return { ui, dispatch, now };
}
