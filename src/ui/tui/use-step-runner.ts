// The runbook stepper's keys: mark a step, scroll its command, and run it
// once the confirmation word is typed (the prompt quotes the command). After
// each, the progress is read again so the marks on screen are the file's.

import { useCallback } from 'react';
import type { RunbookService } from '../../runbooks/service.js';
import type { UiState } from './app-state.js';
import type { PromptSpec } from './components/Prompt.js';
import type { StepAction } from './keys.js';
import { runStep, stepperKey } from './stepper-keys.js';
import type { Dispatch } from './use-ui-state.js';

export interface StepRunner {
  key(action: StepAction): void;
  prompt: PromptSpec | undefined;
}

export function useStepRunner(opts: { runbooks: RunbookService | undefined; ui: UiState; now: () => UiState; dispatch: Dispatch; reload: () => void; size: { width: number; height: number } }): StepRunner {
  const { runbooks, ui, now, dispatch, reload } = opts;
  const { width, height } = opts.size;

  const key = useCallback(
    (action: StepAction) => {
      stepperKey(action, runbooks, now(), dispatch, { width, height });
      if (action === 'step-done' || action === 'step-skip') reload();
    },
    [runbooks, now, dispatch, reload, width, height],
  );

  const m = ui.mode;
  if (m.kind !== 'run') return { key, prompt: undefined };
  const { stepKey } = m;
  const onSubmit = (typed: string) => {
    dispatch({ type: 'end-input' });
    void runStep(runbooks, now(), stepKey, typed, dispatch).then(reload);
  };
  return { key, prompt: { key: `run-${ui.asked}`, label: m.prompt, tone: 'danger', onSubmit, onCancel: () => dispatch({ type: 'end-input' }) } };
}
