// What the stepper's keys do: mark a step, ask before running its command,
// run it and say how it went, scroll a long command. Every failure to keep
// progress lands on the status line; nothing here may throw into the console.

import { formatDuration } from '../../config/units.js';
import { commandLines } from '../../runbooks/danger.js';
import type { RunbookService } from '../../runbooks/service.js';
import { allSteps, type Runbook, type Step } from '../../runbooks/types.js';
import { sanitize } from '../../util/sanitize.js';
import { truncate } from '../../text/format.js';
import type { UiAction, UiState } from './app-state.js';
import type { KeyAction } from './keys.js';
import { firstUnmarked, maxCommandScroll, outputLines, runPrompt } from './stepper.js';

type Dispatch = (action: UiAction) => void;

export interface StepContext {
  runbook: Runbook;
  step: Step;
  count: number;
  progressKey: string;
}

/** The runbook step in focus, from the state as it is now. */
export function stepContext(runbooks: RunbookService | undefined, ui: UiState): StepContext | undefined {
  if (!runbooks || !ui.runbook) return undefined;
  const found = runbooks.find(ui.runbook.id);
  if (!found.ok) return undefined;
  const steps = allSteps(found.runbook);
  const step = steps[Math.min(ui.selected, steps.length - 1)];
  return step ? { runbook: found.runbook, step, count: steps.length, progressKey: ui.runbook.progressKey } : undefined;
}

/** Where a runbook opens for `progressKey`: its first step with no mark. */
export function openingStep(runbooks: RunbookService, runbook: Runbook, progressKey: string): number {
  return firstUnmarked(allSteps(runbook), runbooks.progress(progressKey).progress);
}

const failure = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The stepper's own keys; `size` is the stepper's area, for how far a command scrolls. */
export function stepperKey(action: KeyAction, runbooks: RunbookService | undefined, ui: UiState, dispatch: Dispatch, size: { width: number; height: number }): void {
  const ctx = stepContext(runbooks, ui);
  if (!ctx || !runbooks) return;
  switch (action) {
    case 'step-done':
    case 'step-skip': {
      const saved = runbooks.mark(ctx.progressKey, ctx.runbook, ctx.step, action === 'step-done' ? 'done' : 'skipped');
      if (!saved.ok) return dispatch({ type: 'message', text: `not kept: ${saved.reason}`, level: 'error' });
      dispatch({ type: 'move', by: 1, count: ctx.count });
      if (saved.warning) dispatch({ type: 'message', text: saved.warning, level: 'error' });
      return;
    }
    case 'step-run':
      if (!ctx.step.command) return dispatch({ type: 'message', text: 'this step has no command to run', level: 'error' });
      return dispatch({ type: 'start-run', stepKey: ctx.step.key, prompt: runPrompt(ctx.step.command, size.width) });
    case 'scroll-down':
    case 'scroll-up': {
      const run = runbooks.progress(ctx.progressKey).progress?.steps[ctx.step.key]?.run;
      const max = maxCommandScroll({ steps: ctx.count, command: ctx.step.command, outputRows: outputLines(run?.output).length, ...size });
      return dispatch({ type: 'scroll', by: action === 'scroll-down' ? 1 : -1, max });
    }
    default:
      return;
  }
}

/** Runs the confirmed step and reports on the status line: its exit, and whether its result was kept. */
export async function runStep(runbooks: RunbookService | undefined, ui: UiState, stepKey: string, typed: string, dispatch: Dispatch): Promise<void> {
  const ctx = stepContext(runbooks, ui);
  if (!ctx || !runbooks || ctx.step.key !== stepKey || !ctx.step.command) return;
  const lines = commandLines(ctx.step.command);
  const limit = formatDuration(runbooks.stepTimeoutMs);
  dispatch({ type: 'message', text: `running ${truncate(sanitize(lines[0]!), 40)}${lines.length > 1 ? ` (${lines.length} lines)` : ''} (limit ${limit})…` });
  try {
    const res = await runbooks.run(ctx.progressKey, ctx.runbook, ctx.step, typed);
    if (!res.ran) return dispatch({ type: 'message', text: res.reason, level: 'error' });
    const r = res.result;
    const how = r.timedOut ? `stopped after ${limit}: the time limit` : r.exitCode === null ? `stopped (${r.signal ?? 'no exit status'})` : `exit ${r.exitCode} in ${r.ms}ms`;
    const kept = !res.saved.ok ? `; not kept: ${res.saved.reason}` : res.saved.warning ? `; ${res.saved.warning}` : '';
    dispatch({ type: 'message', text: how + kept, level: r.exitCode === 0 && !kept ? 'info' : 'error' });
  } catch (err) {
    dispatch({ type: 'message', text: `the step could not be run: ${failure(err)}`, level: 'error' });
  }
}
