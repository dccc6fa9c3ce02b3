// The console's own state (which view, what is selected, which flow is asking
// what), kept apart from the monitored data and changed only through this
// reducer. It is read-only to the views; what is typed at a prompt belongs to
// the Prompt, and only the answers land here.

export type View = 'overview' | 'alerts' | 'alert' | 'runbook' | 'help' | 'incident';

/** What the incident flows ask: a declaration's title, severity and commander; a note, a tick, a new severity, a new commander, the resolution. */
export type IncidentAsk = 'title' | 'sev' | 'commander' | 'note' | 'check' | 'severity' | 'ic' | 'resolve';
/** The questions about an incident already open (keys n, c, s, C, R). */
export type IncidentEdit = Extract<IncidentAsk, 'note' | 'check' | 'severity' | 'ic' | 'resolve'>;

export type Mode =
  | { kind: 'normal' }
  | { kind: 'filter' }
  | { kind: 'command' }
  | { kind: 'ack'; step: 'comment' | 'duration'; alertKey: string; comment: string }
  | { kind: 'run'; stepKey: string; prompt: string }
  | { kind: 'control'; action: string; preview: string; step: 'reason' | 'confirm'; reason: string }
  | { kind: 'incident'; ask: IncidentAsk; title: string; sev?: number; id?: string };

export interface UiState {
  view: View;
  /** Where Esc goes back to. */
  history: View[];
  selected: number;
  filter: string;
  mode: Mode;
  /** Counts the prompts asked: each question is a fresh Prompt, even one asked twice in a row. */
  asked: number;
  /** The focused panel (Tab), which a one-column layout scrolls to. */
  panel: number;
  /** The alert open in the detail view. */
  alertKey?: string;
  /** The runbook open in the stepper, and whose progress it records (an alert's key, or the runbook's own). */
  runbook?: { id: string; progressKey: string };
  /** How far the selected runbook step's command is scrolled. */
  scroll?: number;
  message?: { text: string; level: 'info' | 'error' };
  /** The incident view's pane that scrolls (and, in one column, the one shown). */
  incidentPane?: 'timeline' | 'checklist';
}

export type UiAction =
  | { type: 'open'; view: View; alertKey?: string }
  | { type: 'back' }
  | { type: 'move'; by: number; count: number }
  | { type: 'select'; index: number }
  | { type: 'next-panel'; count: number; by?: number }
  | { type: 'start'; mode: 'filter' | 'command' }
  | { type: 'start-ack'; alertKey: string }
  | { type: 'open-runbook'; id: string; progressKey: string; selected?: number }
  | { type: 'scroll'; by: number; max: number }
  | { type: 'start-run'; stepKey: string; prompt: string }
  | { type: 'start-control'; action: string }
  | { type: 'control-preview'; action: string; preview: string }
  | { type: 'control-next'; reason: string }
  | { type: 'set-filter'; text: string }
  | { type: 'ack-next'; comment: string }
  | { type: 'end-input'; keepFilter?: boolean }
  | { type: 'incident-ask'; ask: IncidentAsk; title?: string; sev?: number; id?: string }
  | { type: 'toggle-pane' }
  | { type: 'message'; text: string; level?: 'info' | 'error' }
  | { type: 'clear-message' };

export const initialUiState: UiState = { view: 'overview', history: [], selected: 0, filter: '', mode: { kind: 'normal' }, asked: 0, panel: 0 };

export const DEFAULT_ACK_FOR = '1h';

/** The `/` filter is the alerts' or the incident timeline's: it does not follow into the other. */
const crossesIncident = (from: View, to: View) => from !== to && (from === 'incident' || to === 'incident');

/** A new question: the mode that asks it, a fresh prompt, and the last message gone. */
function ask(state: UiState, mode: Mode): UiState {
  return { ...state, mode, asked: state.asked + 1, message: undefined };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'open':
      if (action.view === state.view && action.alertKey === state.alertKey) return state;
      return { ...state, view: action.view, history: [...state.history, state.view].slice(-10), ...(action.alertKey ? { alertKey: action.alertKey } : {}), selected: action.view === state.view ? state.selected : 0, message: undefined, ...(crossesIncident(state.view, action.view) ? { filter: '' } : {}) };
    case 'back': {
      if (state.mode.kind !== 'normal') return { ...state, mode: { kind: 'normal' } };
      if (state.filter) return { ...state, filter: '', selected: 0 };
      const view = state.history.at(-1) ?? 'overview';
      return { ...state, view, history: state.history.slice(0, -1), message: undefined, ...(crossesIncident(state.view, view) ? { filter: '', selected: 0 } : {}) };
    }
    case 'move':
      return { ...state, selected: action.count ? Math.max(0, Math.min(action.count - 1, state.selected + action.by)) : 0, scroll: 0 };
    case 'select':
      return { ...state, selected: Math.max(0, action.index), scroll: 0 };
    case 'scroll':
      return { ...state, scroll: Math.max(0, Math.min(action.max, (state.scroll ?? 0) + action.by)) };
    case 'next-panel':
      return { ...state, panel: (state.panel + (action.by ?? 1) + action.count) % action.count };
    case 'start':
      // The incident view filters its timeline: that is the pane to see while typing.
      return ask(state.view === 'incident' && action.mode === 'filter' ? { ...state, incidentPane: 'timeline', selected: 0 } : state, { kind: action.mode });
    case 'open-runbook':
      return { ...state, view: 'runbook', history: [...state.history, state.view].slice(-10), runbook: { id: action.id, progressKey: action.progressKey }, selected: action.selected ?? 0, scroll: 0, message: undefined, mode: { kind: 'normal' } };
    case 'start-run':
      return ask(state, { kind: 'run', stepKey: action.stepKey, prompt: action.prompt });
    case 'start-control':
      return ask(state, { kind: 'control', action: action.action, preview: 'reading the current state…', step: 'reason', reason: '' });
    case 'control-preview':
      return state.mode.kind === 'control' && state.mode.action === action.action ? { ...state, mode: { ...state.mode, preview: action.preview } } : state;
    case 'control-next':
      return state.mode.kind === 'control' && state.mode.step === 'reason' ? ask(state, { ...state.mode, step: 'confirm', reason: action.reason }) : state;
    case 'start-ack':
      return ask(state, { kind: 'ack', step: 'comment', alertKey: action.alertKey, comment: '' });
    case 'ack-next':
      return state.mode.kind === 'ack' && state.mode.step === 'comment' ? ask(state, { ...state.mode, step: 'duration', comment: action.comment }) : state;
    // The filter applies as it is typed, k9s-style.
    case 'set-filter':
      return state.filter === action.text ? state : { ...state, filter: action.text, selected: 0 };
    case 'end-input':
      return { ...state, mode: { kind: 'normal' }, ...(state.mode.kind === 'filter' && !action.keepFilter ? { filter: '' } : {}) };
    case 'incident-ask':
      return ask(state, { kind: 'incident', ask: action.ask, title: action.title ?? '', ...(action.sev !== undefined ? { sev: action.sev } : {}), ...(action.id ? { id: action.id } : {}) });
    case 'toggle-pane':
      return { ...state, incidentPane: state.incidentPane === 'checklist' ? 'timeline' : 'checklist', selected: 0 };
    case 'message':
      return { ...state, message: { text: action.text, level: action.level ?? 'info' } };
    case 'clear-message':
      return state.message ? { ...state, message: undefined } : state;
  }
}
