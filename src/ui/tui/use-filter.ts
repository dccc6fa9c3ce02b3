import type { UiState } from './app-state.js';
import type { PromptSpec } from './components/Prompt.js';
import type { Dispatch } from './use-ui-state.js';

/** The `/` filter of the alerts view: it applies as it is typed; Enter keeps it, Esc clears it. */
export function useFilter({ ui, dispatch }: { ui: UiState; dispatch: Dispatch }): { prompt: PromptSpec | undefined } {
  if (ui.mode.kind !== 'filter') return { prompt: undefined };
  return {
    prompt: {
      key: `filter-${ui.asked}`,
      label: '/',
      initial: ui.filter,
      continueInitial: true,
      hint: '   enter keep · esc clear',
      onChange: (text) => dispatch({ type: 'set-filter', text }),
      onSubmit: () => dispatch({ type: 'end-input', keepFilter: true }),
      onCancel: () => dispatch({ type: 'end-input' }),
    },
  };
}
