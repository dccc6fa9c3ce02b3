// A control from the console (halt, failover, …): the trader's state read
// and shown, a reason for the audit log, then the action's name typed; then
// the action, and the outcome read back from the trader on the status line.

import { useCallback } from 'react';
import type { ActionName } from '../../actions/actions.js';
import { outcomeMessage } from '../../actions/outcome-text.js';
import type { ControlService } from '../../actions/service.js';
import type { UiState } from './app-state.js';
import type { PromptSpec } from './components/Prompt.js';
import type { ControllerLike } from './controller.js';
import type { Dispatch } from './use-ui-state.js';

export interface ControlFlow {
  start(action: ActionName): void;
  prompt: PromptSpec | undefined;
  /** The state the action would change, while it is being asked for. */
  preview: { action: string; text: string } | undefined;
}

export function useControlFlow({ ui, dispatch, controls, controller }: { ui: UiState; dispatch: Dispatch; controls: ControlService | undefined; controller: ControllerLike }): ControlFlow {
  const start = useCallback(
    (action: ActionName) => {
      if (!controls) return dispatch({ type: 'message', text: 'controls are not available here', level: 'error' });
      dispatch({ type: 'start-control', action });
      void controls.preview(action).then((preview) => dispatch({ type: 'control-preview', action, preview }));
    },
    [controls, dispatch],
  );

  const run = useCallback(
    async (action: ActionName, typed: string, reason: string) => {
      if (!controls) return;
      dispatch({ type: 'message', text: `${action}: sending, then waiting for the trader to show it…` });
      const outcomes = await controls.run(action, typed, reason);
      dispatch({ type: 'message', ...outcomeMessage(outcomes.at(-1)!) });
      controller.refreshNow?.();
    },
    [controls, controller, dispatch],
  );

  const m = ui.mode;
  if (m.kind !== 'control') return { start, prompt: undefined, preview: undefined };
  const onCancel = () => dispatch({ type: 'end-input' });
  const { action, reason } = m;
  const prompt: PromptSpec =
    m.step === 'reason'
      ? { key: `control-reason-${ui.asked}`, label: `Why ${action}? (for the audit log, enter to go on): `, tone: 'danger', onSubmit: (text) => dispatch({ type: 'control-next', reason: text }), onCancel }
      : {
          key: `control-confirm-${ui.asked}`,
          label: `Type ${action} to go ahead: `,
          tone: 'danger',
          onSubmit: (typed) => {
            dispatch({ type: 'end-input' });
            void run(action as ActionName, typed, reason);
          },
          onCancel,
        };
  return { start, prompt, preview: { action, text: m.preview } };
}
