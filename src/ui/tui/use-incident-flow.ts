// Incidents from the console: the open ones as the incident service last read
// them (again on each of the controller's ticks, and after each change made
// here), held in state so drawing never reads a file; and the questions that
// change them: declaring (a title, the severity with the suggested one
// offered, the commander), a note, a tick, a new severity, a new commander,
// the resolution; asked after a key, or given whole on the command line
// (`:incident note TEXT`). None of them touches the trader: they work in
// --read-only.

import { useCallback, useEffect, useState } from 'react';
import type { Snapshot } from '../../engine/types.js';
import type { Change, IncidentService, IncidentsNow, OpenIncident } from '../../incidents/incident-service.js';
import { parseSev } from '../../incidents/edits.js';
import { suggestSev } from '../../incidents/suggest.js';
import type { IncidentAsk, IncidentEdit, UiState } from './app-state.js';
import { INCIDENT_EDITS as WORDS } from './commands.js';
import type { PromptSpec } from './components/Prompt.js';
import type { Dispatch } from './use-ui-state.js';

export interface IncidentFlow {
  /** As last read; undefined when this console records no incidents. */
  state: IncidentsNow | undefined;
  /** The incident on screen and in the header: the most severe open one. */
  shown: OpenIncident | undefined;
  /** The severity a declaration now would be offered, and why. */
  suggestion: { sev: number; why: string };
  /** `n`, `c`, `s`, `C`, `R`: a question about the incident on screen. */
  ask(what: IncidentEdit): void;
  /** `:incident [start [TITLE] | note TEXT | check ITEM | sev N | commander NAME | resolve [SUMMARY]]`. */
  command(arg?: string): void;
  prompt: PromptSpec | undefined;
}

interface Deps {
  incidents: IncidentService | undefined;
  ui: UiState;
  dispatch: Dispatch;
  snap: Snapshot;
  operator: string;
}

const NONE = 'this console records no incidents';

export function useIncidentFlow({ incidents, ui, dispatch, snap, operator }: Deps): IncidentFlow {
  const [state, setState] = useState<IncidentsNow | undefined>(() => incidents?.now());
  const reload = useCallback(() => setState(incidents?.now()), [incidents]);
  // The tick: a new snapshot means a poll came round (the service reads the files at most every few seconds).
  useEffect(reload, [snap, reload]);
  const shown = state?.open[0];
  const suggestion = suggestSev(snap.alerts);

  const say = useCallback(
    (change: Change) => {
      dispatch({ type: 'message', text: change.ok ? change.said : change.reason, level: change.ok ? 'info' : 'error' });
      reload();
    },
    [dispatch, reload],
  );

  /** The incident a question or a change is about: the one on screen; or why there is none. */
  const target = useCallback(() => {
    if (!incidents) return dispatch({ type: 'message', text: NONE, level: 'error' });
    const open = incidents.now().open[0];
    if (!open) return dispatch({ type: 'message', text: 'no incident is open: :incident start declares one', level: 'error' });
    return open.incident;
  }, [incidents, dispatch]);

  const ask = useCallback(
    (what: IncidentEdit) => {
      const inc = target();
      if (inc) dispatch({ type: 'incident-ask', ask: what, id: inc.id, sev: inc.sev });
    },
    [target, dispatch],
  );

  /** A change given whole: made now, as if its question had been answered. */
  const change = useCallback(
    (what: IncidentEdit, id: string, text: string) => {
      if (!incidents) return;
      const made = { note: () => incidents.note(id, text), check: () => incidents.check(id, text), severity: () => incidents.sev(id, text), ic: () => incidents.commander(id, text), resolve: () => incidents.resolve(id, text) }[what]();
      say(made);
    },
    [incidents, say],
  );

  const command = useCallback(
    (arg?: string) => {
      if (!arg) return dispatch({ type: 'open', view: 'incident' });
      if (!incidents) return dispatch({ type: 'message', text: NONE, level: 'error' });
      const [word = '', ...words] = arg.trim().split(/\s+/);
      const rest = words.join(' ');
      if (word === 'start') return dispatch(rest ? { type: 'incident-ask', ask: 'sev', title: rest } : { type: 'incident-ask', ask: 'title' });
      const what = WORDS[word];
      if (!what) return dispatch({ type: 'message', text: `:incident ${arg}: give start, ${Object.keys(WORDS).join(', ')} (or nothing, for the view)`, level: 'error' });
      const inc = target();
      if (!inc) return;
      // Given whole, it is done; without its text, asked for (a resolution too: its summary, or esc).
      if (rest) return change(what, inc.id, rest);
      dispatch({ type: 'incident-ask', ask: what, id: inc.id, sev: inc.sev });
    },
    [incidents, dispatch, target, change],
  );

  const m = ui.mode;
  if (m.kind !== 'incident' || !incidents) return { state, shown, suggestion, ask, command, prompt: undefined };
  const key = `incident-${m.ask}-${ui.asked}`;
  const cancel = () => dispatch({ type: 'end-input' });
  /** Ends the question, then does what was asked. */
  const then = (act: (text: string) => void) => (text: string) => {
    dispatch({ type: 'end-input' });
    act(text);
  };
  const refuse = (text: string) => dispatch({ type: 'message', text, level: 'error' });
  const id = m.id ?? '';
  const prompts: Record<IncidentAsk, PromptSpec> = {
    title: { key, label: 'Incident title: ', tone: 'ask', hint: '  what is happening, in a few words · esc cancels', onCancel: cancel, onSubmit: (text) => (text.trim() ? dispatch({ type: 'incident-ask', ask: 'sev', title: text.trim() }) : then(() => refuse('nothing declared: an incident needs a title'))(text)) },
    sev: {
      key,
      label: 'Severity 1-4: ',
      initial: String(suggestion.sev),
      tone: 'ask',
      hint: `  suggested SEV${suggestion.sev}: ${suggestion.why}`,
      onCancel: cancel,
      onSubmit: (text) => {
        const sev = parseSev(text);
        if (sev === undefined) return then(() => refuse(`nothing declared: "${text}" is not a severity from 1 to 4`))(text);
        dispatch({ type: 'incident-ask', ask: 'commander', title: m.title, sev });
      },
    },
    commander: {
      key,
      label: 'Incident commander: ',
      initial: operator,
      tone: 'ask',
      hint: '  backspace, then enter: none yet',
      onCancel: cancel,
      onSubmit: then((name) => {
        const declared = incidents.declare({ sev: parseSev(String(m.sev)) ?? 3, title: m.title, commander: name });
        // The view first: opening one clears the last message, and this one says what was declared.
        if (declared.ok) dispatch({ type: 'open', view: 'incident' });
        say(declared);
      }),
    },
    note: { key, label: `Note for ${id}: `, tone: 'ask', onCancel: cancel, onSubmit: then((text) => change('note', id, text)) },
    check: { key, label: 'Tick item: ', tone: 'ask', hint: '  its number or words (-N takes a tick back) · esc cancels', onCancel: cancel, onSubmit: then((text) => change('check', id, text)) },
    severity: { key, label: `Severity of ${id} (now SEV${m.sev}), 1-4: `, tone: 'ask', onCancel: cancel, onSubmit: then((text) => change('severity', id, text)) },
    ic: { key, label: `New commander of ${id}: `, tone: 'ask', hint: '  a name · esc cancels', onCancel: cancel, onSubmit: then((text) => change('ic', id, text)) },
    resolve: { key, label: `Resolve ${id}; summary: `, tone: 'ask', hint: '  optional · enter resolves, esc cancels', onCancel: cancel, onSubmit: then((text) => change('resolve', id, text)) },
  };
  return { state, shown, suggestion, ask, command, prompt: prompts[m.ask] };
}
