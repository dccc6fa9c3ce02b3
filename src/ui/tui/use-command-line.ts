// The `:` command line (Tab completes, the commands that fit are offered as
// you type) and what each command does.

import { useCallback } from 'react';
import type { ActionName } from '../../actions/actions.js';
import type { RunbookService } from '../../runbooks/service.js';
import type { UiState } from './app-state.js';
import { complete, INCIDENT_WORDS, parseCommand, suggestions } from './commands.js';
import type { PromptSpec } from './components/Prompt.js';
import type { ControllerLike } from './controller.js';
import type { Dispatch } from './use-ui-state.js';
import type { DemoInfo } from './demo.js';

export interface CommandLineDeps {
  ui: UiState;
  dispatch: Dispatch;
  readOnly: boolean;
  controller: ControllerLike;
  runbooks: RunbookService | undefined;
  quit(): void;
  openRunbook(name: string): void;
  control(action: ActionName): void;
  /** `:incident …`: the view, a declaration, or a change to the open incident. */
  incident(arg?: string): void;
  demo?: DemoInfo;
}

export function useCommandLine(deps: CommandLineDeps): { prompt: PromptSpec | undefined } {
  const { ui, dispatch, readOnly, controller, runbooks, quit, openRunbook, control, incident, demo } = deps;
  const scope = { readOnly, demo: Boolean(demo) };

  const run = useCallback(
    (text: string) => {
      const parsed = parseCommand(text, scope);
      if (!parsed.ok) return dispatch({ type: 'message', text: parsed.error, level: 'error' });
      switch (parsed.name) {
        case 'overview':
        case 'alerts':
        case 'help':
          return dispatch({ type: 'open', view: parsed.name });
        case 'pause':
          return controller.setPaused(true);
        case 'resume-refresh':
          return controller.setPaused(false);
        case 'quit':
          return quit();
        case 'runbook':
          return openRunbook(parsed.arg!);
        case 'incident':
          return incident(parsed.arg);
        case 'scenario': {
          const why = demo?.setScenario(parsed.arg!);
          return dispatch({ type: 'message', text: why ?? `the simulator is running the ${parsed.arg} scenario`, level: why ? 'error' : 'info' });
        }
        default:
          return control(parsed.name as ActionName);
      }
    },
    [readOnly, demo, controller, quit, dispatch, openRunbook, control, incident],
  );

  if (ui.mode.kind !== 'command') return { prompt: undefined };
  return {
    prompt: {
      key: `command-${ui.asked}`,
      label: ':',
      hint: (text) => `   ${suggestions(text, scope).slice(0, 6).join(' ')}`,
      complete: (text) => complete(text, scope, (command) => (command === 'scenario' ? (demo?.scenarios ?? []) : command === 'incident' ? INCIDENT_WORDS : (runbooks?.names() ?? []))),
      onSubmit: (text) => {
        dispatch({ type: 'end-input' });
        run(text);
      },
      onCancel: () => dispatch({ type: 'end-input' }),
    },
  };
}
