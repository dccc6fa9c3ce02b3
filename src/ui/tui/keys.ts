// The one table of key bindings: what each key does in which view, and at a
// prompt, with the handler named right at its binding (k9s's bindKeys). The
// help view and the footer are drawn from it, so they cannot drift from the
// truth; `satisfies Record<…>` makes a key action without a handler a type error.

import type { AlertView } from '../../engine/types.js';
import type { IncidentEdit, UiAction, UiState, View } from './app-state.js';

export type KeyAction =
  | 'details' | 'ack' | 'unack' | 'runbook'
  | 'step-done' | 'step-skip' | 'step-run' | 'scroll-down' | 'scroll-up'
  | 'halt' | 'failover'
  | 'incident' | 'note' | 'tick' | 'severity' | 'commander' | 'resolve' | 'pane'
  | 'alerts' | 'next-panel' | 'prev-panel' | 'up' | 'down'
  | 'filter' | 'command' | 'pause' | 'back' | 'help' | 'quit';

export type StepAction = Extract<KeyAction, 'step-done' | 'step-skip' | 'step-run' | 'scroll-down' | 'scroll-up'>;

/** What a key's handler may use: the state as it is now (not as last drawn), and the console's actions. */
export interface KeyContext {
  ui: UiState;
  /** The alert in focus: the selected row, or the one open in the detail view. */
  current: AlertView | undefined;
  /** How many rows ↑/↓ move over here. */
  rows: number;
  /** How many rows a page is here. */
  page: number;
  panels: number;
  dispatch(action: UiAction): void;
  quit(): void;
  togglePause(): void;
  ack(alert: AlertView | undefined): void;
  unack(alert: AlertView | undefined): void;
  openRunbook(alert: AlertView | undefined): void;
  control(action: 'halt' | 'failover'): void;
  step(action: StepAction): void;
  /** Asks for a note, an item to tick, a severity, a commander or the resolution of the incident on screen. */
  incident(ask: IncidentEdit): void;
}

export interface Binding {
  /** As shown: `q`, `enter`, `tab`, `↑/k`. */
  label: string;
  /** What the key router reports: a character, or a named key (key-name.ts). */
  keys: readonly string[];
  help: string;
  /** One word for the footer. */
  short: string;
  /** The footer's word while refresh is paused, when it differs. */
  shortWhenPaused?: string;
  views: readonly View[] | 'all';
  /** Changes something outside gptmon: hidden with --read-only. */
  mutates?: boolean;
  /** Changes trading or runs a command: marked in the help and the footer, and asks before it acts. */
  danger?: boolean;
  /** Worth a place in the footer of these views. */
  footer?: readonly View[];
  run(c: KeyContext): void;
}

const OPEN: readonly View[] = ['overview', 'alerts', 'alert'];
/** Writes only the incident's timeline, never the trader: not `mutates`, so it works in --read-only. */
const TIMELINE_ONLY = '(--read-only too)';

const VIEW_KEYS = {
  details: { label: 'enter', keys: ['return'], short: 'details', help: 'details of the selected alert', views: ['overview', 'alerts'], footer: ['overview', 'alerts'], run: (c) => c.current && c.dispatch({ type: 'open', view: 'alert', alertKey: c.current.key }) },
  ack: { label: 'a', keys: ['a'], short: 'ack', help: 'acknowledge the selected alert', views: OPEN, mutates: true, footer: OPEN, run: (c) => c.ack(c.current) },
  unack: { label: 'u', keys: ['u'], short: 'unack', help: 'remove the acknowledgement', views: ['alerts', 'alert'], mutates: true, footer: ['alert'], run: (c) => c.unack(c.current) },
  runbook: { label: 'r', keys: ['r'], short: 'runbook', help: "open the alert's runbook", views: OPEN, footer: ['overview', 'alert'], run: (c) => c.openRunbook(c.current) },
  'step-done': { label: 'd', keys: ['d'], short: 'done', help: 'mark the step done', views: ['runbook'], footer: ['runbook'], run: (c) => c.step('step-done') },
  'step-skip': { label: 's', keys: ['s'], short: 'skip', help: 'mark the step skipped', views: ['runbook'], footer: ['runbook'], run: (c) => c.step('step-skip') },
  'step-run': { label: 'x', keys: ['x'], short: 'run', help: "run the step's command (asks first)", views: ['runbook'], mutates: true, danger: true, footer: ['runbook'], run: (c) => c.step('step-run') },
  'scroll-down': { label: 'pgdn/J', keys: ['pagedown', 'J'], short: 'more', help: "scroll down a page (the help, the incident's panes; a step's command that does not fit)", views: ['runbook', 'help', 'incident'], footer: ['runbook', 'help'], run: (c) => (c.ui.view === 'runbook' ? c.step('scroll-down') : c.dispatch({ type: 'move', by: c.page, count: c.rows })) },
  'scroll-up': { label: 'pgup/K', keys: ['pageup', 'K'], short: 'back up', help: 'scroll up a page', views: ['runbook', 'help', 'incident'], run: (c) => (c.ui.view === 'runbook' ? c.step('scroll-up') : c.dispatch({ type: 'move', by: -c.page, count: c.rows })) },
  halt: { label: 'H', keys: ['H'], short: 'halt…', help: 'halt trading (asks for a reason, then the word halt)', views: OPEN, mutates: true, danger: true, footer: ['overview'], run: (c) => c.control('halt') },
  failover: { label: 'F', keys: ['F'], short: 'failover…', help: 'fail over to the standby site (asks first)', views: OPEN, mutates: true, danger: true, footer: ['overview'], run: (c) => c.control('failover') },
  incident: { label: 'I', keys: ['I'], short: 'incident', help: 'the incident view (also :incident; :incident start declares one)', views: ['overview', 'alerts', 'alert', 'runbook', 'help'], run: (c) => c.dispatch({ type: 'open', view: 'incident' }) },
  note: { label: 'n', keys: ['n'], short: 'note', help: `add a note to the incident's timeline ${TIMELINE_ONLY}`, views: ['incident'], footer: ['incident'], run: (c) => c.incident('note') },
  tick: { label: 'c', keys: ['c'], short: 'tick', help: `tick an item by number or words; -N unticks ${TIMELINE_ONLY}`, views: ['incident'], footer: ['incident'], run: (c) => c.incident('check') },
  severity: { label: 's', keys: ['s'], short: 'sev', help: `change the incident's severity ${TIMELINE_ONLY}`, views: ['incident'], footer: ['incident'], run: (c) => c.incident('severity') },
  commander: { label: 'C', keys: ['C'], short: 'commander', help: `hand the incident to a new commander ${TIMELINE_ONLY}`, views: ['incident'], footer: ['incident'], run: (c) => c.incident('ic') },
  resolve: { label: 'R', keys: ['R'], short: 'resolve…', help: `resolve the incident, with a summary (asks first) ${TIMELINE_ONLY}`, views: ['incident'], footer: ['incident'], run: (c) => c.incident('resolve') },
  // Not in the footer (80 columns hold the rest): each pane's title says what tab shows.
  pane: { label: 'tab', keys: ['tab'], short: 'pane', help: 'the checklist in full, or the timeline: the one that scrolls', views: ['incident'], run: (c) => c.dispatch({ type: 'toggle-pane' }) },
  alerts: { label: 'A', keys: ['A'], short: 'alerts', help: 'the alerts view (also :alerts)', views: ['overview', 'help'], footer: ['overview'], run: (c) => c.dispatch({ type: 'open', view: 'alerts' }) },
  'next-panel': { label: 'tab', keys: ['tab'], short: 'panel', help: 'next panel', views: ['overview'], footer: ['overview'], run: (c) => c.dispatch({ type: 'next-panel', count: c.panels, by: 1 }) },
  'prev-panel': { label: 'shift-tab', keys: ['shift-tab'], short: 'panel', help: 'previous panel', views: ['overview'], run: (c) => c.dispatch({ type: 'next-panel', count: c.panels, by: -1 }) },
  up: { label: '↑/k', keys: ['up', 'k'], short: 'up', help: 'move up', views: ['overview', 'alerts', 'runbook', 'help', 'incident'], footer: ['runbook'], run: (c) => c.dispatch({ type: 'move', by: -1, count: c.rows }) },
  down: { label: '↓/j', keys: ['down', 'j'], short: 'down', help: 'move down', views: ['overview', 'alerts', 'runbook', 'help', 'incident'], run: (c) => c.dispatch({ type: 'move', by: 1, count: c.rows }) },
  filter: { label: '/', keys: ['/'], short: 'filter', help: 'filter the alerts (in the incident view, its timeline)', views: ['alerts', 'incident'], footer: ['alerts', 'incident'], run: (c) => c.dispatch({ type: 'start', mode: 'filter' }) },
  command: { label: ':', keys: [':'], short: 'cmd', help: 'command line (:alerts, :overview, :runbook NAME …)', views: 'all', footer: OPEN, run: (c) => c.dispatch({ type: 'start', mode: 'command' }) },
  pause: { label: 'p', keys: ['p'], short: 'pause', shortWhenPaused: 'resume', help: 'pause or resume refresh', views: 'all', footer: ['overview', 'alerts'], run: (c) => c.togglePause() },
  back: { label: 'esc', keys: ['escape'], short: 'back', help: 'back', views: 'all', footer: ['alerts', 'alert', 'runbook', 'help', 'incident'], run: (c) => c.dispatch({ type: 'back' }) },
  help: { label: '?', keys: ['?'], short: 'help', help: 'this help', views: 'all', footer: OPEN, run: (c) => c.dispatch({ type: 'open', view: 'help' }) },
  quit: { label: 'q', keys: ['q', 'ctrl-c'], short: 'quit', help: 'quit (also ctrl-c)', views: 'all', footer: ['overview', 'alerts', 'alert', 'runbook', 'help'], run: (c) => c.quit() },
} satisfies Record<KeyAction, Binding>;

export type ActionBinding = Binding & { action: KeyAction };

/** The view keys in the order the help lists them. */
export const BINDINGS: readonly ActionBinding[] = Object.entries(VIEW_KEYS).map(([action, b]) => ({ ...b, action: action as KeyAction }));

export function bindingsFor(view: View, readOnly: boolean): ActionBinding[] {
  return BINDINGS.filter((b) => (b.views === 'all' || b.views.includes(view)) && !(readOnly && b.mutates));
}

export function bindingFor(key: string, view: View, readOnly: boolean): ActionBinding | undefined {
  return bindingsFor(view, readOnly).find((b) => b.keys.includes(key));
}

export function actionFor(key: string, view: View, readOnly: boolean): KeyAction | undefined {
  return bindingFor(key, view, readOnly)?.action;
}

export function footerFor(view: View, readOnly: boolean): ActionBinding[] {
  return bindingsFor(view, readOnly).filter((b) => b.footer?.includes(view));
}

// ── At a prompt ─────────────────────────────────────────────────────────────

/** What a prompt holds: the text, and whether it is still the value offered (selected: the first key typed replaces it). */
export interface Editing {
  text: string;
  offered: boolean;
}

export type Edited = Editing & { outcome?: 'submit' | 'cancel' };

export type EditAction = 'submit' | 'cancel' | 'erase' | 'clear' | 'complete' | 'keep' | 'type';

export interface EditBinding {
  label: string;
  keys: readonly string[];
  help: string;
  /** `typed` is the printable text of the key (a character, or a whole paste); `complete` the prompt's completion, if it has one. */
  run(e: Editing, typed: string, complete?: (text: string) => string): Edited;
}

const EDIT_KEYS = {
  submit: { label: 'enter', keys: ['return'], help: 'answer', run: (e) => ({ ...e, outcome: 'submit' }) },
  cancel: { label: 'esc', keys: ['escape', 'ctrl-c'], help: 'cancel (also ctrl-c; a second one quits)', run: (e) => ({ ...e, outcome: 'cancel' }) },
  erase: { label: 'backspace', keys: ['backspace'], help: 'erase a character, or all of an offered value', run: (e) => ({ text: e.offered ? '' : e.text.slice(0, -1), offered: false }) },
  clear: { label: 'ctrl-u', keys: ['ctrl-u'], help: 'erase the line', run: () => ({ text: '', offered: false }) },
  complete: { label: 'tab', keys: ['tab'], help: 'complete', run: (e, _typed, complete) => (complete ? { text: complete(e.text), offered: false } : e) },
  keep: { label: '→/end', keys: ['right', 'end'], help: 'keep the offered value and type after it', run: (e) => ({ ...e, offered: false }) },
  type: { label: 'text', keys: [], help: 'typed or pasted: replaces an offered value', run: (e, typed) => (typed ? { text: (e.offered ? '' : e.text) + typed, offered: false } : e) },
} satisfies Record<EditAction, EditBinding>;

export const PROMPT_KEYS: readonly (EditBinding & { action: EditAction })[] = Object.entries(EDIT_KEYS).map(([action, b]) => ({ ...b, action: action as EditAction }));

/** The prompt's binding for a key; anything unbound is text (its printable part, maybe none), and so is a paste, even of the word "right". */
export function editFor(name: string, input: string): EditBinding {
  if (name === input && [...input].length > 1) return EDIT_KEYS.type;
  return PROMPT_KEYS.find((b) => b.keys.includes(name)) ?? EDIT_KEYS.type;
}

/** The printable part of what was typed or pasted: control characters never reach a prompt. */
export function printable(input: string): string {
  return input.replace(/[\x00-\x1f\x7f]/g, '');
}
