// The one table of key bindings: what each key does in which view. The help
// view and the footer are drawn from it, so they cannot drift from the truth.

import type { View } from './app-state.js';

export type KeyAction =
  | 'quit'
  | 'help'
  | 'command'
  | 'filter'
  | 'up'
  | 'down'
  | 'next-panel'
  | 'prev-panel'
  | 'back'
  | 'pause'
  | 'alerts'
  | 'overview'
  | 'details'
  | 'ack'
  | 'unack'
  | 'runbook'
  | 'step-done'
  | 'step-skip'
  | 'step-run'
  | 'scroll-down'
  | 'scroll-up'
  | 'halt'
  | 'failover';

export interface Binding {
  /** As shown: `q`, `enter`, `tab`, `↑/k`. */
  label: string;
  /** What useInput reports: a character, or a named key. */
  keys: string[];
  action: KeyAction;
  help: string;
  /** One word for the footer. */
  short: string;
  views: readonly View[] | 'all';
  /** Changes something outside gptmon: hidden with --read-only. */
  mutates?: boolean;
  /** Worth a place in the footer of these views. */
  footer?: readonly View[];
}

export const BINDINGS: readonly Binding[] = [
  { label: 'enter', keys: ['return'], action: 'details', short: 'details', help: 'details of the selected alert', views: ['overview', 'alerts'], footer: ['overview', 'alerts'] },
  { label: 'a', keys: ['a'], action: 'ack', short: 'ack', help: 'acknowledge the selected alert', views: ['overview', 'alerts', 'alert'], mutates: true, footer: ['overview', 'alerts', 'alert'] },
  { label: 'u', keys: ['u'], action: 'unack', short: 'unack', help: 'remove the acknowledgement', views: ['alerts', 'alert'], mutates: true, footer: ['alert'] },
  { label: 'r', keys: ['r'], action: 'runbook', short: 'runbook', help: "open the alert's runbook", views: ['overview', 'alerts', 'alert'], footer: ['overview', 'alert'] },
  { label: 'd', keys: ['d'], action: 'step-done', short: 'done', help: 'mark the step done', views: ['runbook'], footer: ['runbook'] },
  { label: 's', keys: ['s'], action: 'step-skip', short: 'skip', help: 'mark the step skipped', views: ['runbook'], footer: ['runbook'] },
  { label: 'x', keys: ['x'], action: 'step-run', short: 'run', help: "run the step's command (asks first)", views: ['runbook'], mutates: true, footer: ['runbook'] },
  { label: 'pgdn/J', keys: ['pagedown', 'J'], action: 'scroll-down', short: 'more', help: "scroll the step's command down (when it does not fit)", views: ['runbook'], footer: ['runbook'] },
  { label: 'pgup/K', keys: ['pageup', 'K'], action: 'scroll-up', short: 'back up', help: "scroll the step's command up", views: ['runbook'] },
  { label: 'H', keys: ['H'], action: 'halt', short: 'halt…', help: 'halt trading (asks for a reason, then the word halt)', views: ['overview', 'alerts', 'alert'], mutates: true, footer: ['overview'] },
  { label: 'F', keys: ['F'], action: 'failover', short: 'failover…', help: 'fail over to the standby site (asks first)', views: ['overview', 'alerts', 'alert'], mutates: true, footer: ['overview'] },
  { label: 'A', keys: ['A'], action: 'alerts', short: 'alerts', help: 'the alerts view (also :alerts)', views: ['overview', 'help'], footer: ['overview'] },
  { label: 'tab', keys: ['tab'], action: 'next-panel', short: 'panel', help: 'next panel', views: ['overview'], footer: ['overview'] },
  { label: 'shift-tab', keys: ['shift-tab'], action: 'prev-panel', short: 'panel', help: 'previous panel', views: ['overview'] },
  { label: '↑/k', keys: ['up', 'k'], action: 'up', short: 'up', help: 'move up', views: ['overview', 'alerts', 'runbook'], footer: ['runbook'] },
  { label: '↓/j', keys: ['down', 'j'], action: 'down', short: 'down', help: 'move down', views: ['overview', 'alerts', 'runbook'] },
  { label: '/', keys: ['/'], action: 'filter', short: 'filter', help: 'filter the alerts', views: ['alerts'], footer: ['alerts'] },
  { label: ':', keys: [':'], action: 'command', short: 'cmd', help: 'command line (:alerts, :overview, :runbook NAME …)', views: 'all', footer: ['overview', 'alerts', 'alert'] },
  { label: 'p', keys: ['p'], action: 'pause', short: 'pause', help: 'pause or resume refresh', views: 'all', footer: ['overview', 'alerts'] },
  { label: 'esc', keys: ['escape'], action: 'back', short: 'back', help: 'back', views: 'all', footer: ['alerts', 'alert', 'runbook', 'help'] },
  { label: '?', keys: ['?'], action: 'help', short: 'help', help: 'this help', views: 'all', footer: ['overview', 'alerts', 'alert'] },
  { label: 'q', keys: ['q', 'ctrl-c'], action: 'quit', short: 'quit', help: 'quit (also ctrl-c)', views: 'all', footer: ['overview', 'alerts', 'alert', 'runbook', 'help'] },
];

export function bindingsFor(view: View, readOnly: boolean): Binding[] {
  return BINDINGS.filter((b) => (b.views === 'all' || b.views.includes(view)) && !(readOnly && b.mutates));
}

export function actionFor(key: string, view: View, readOnly: boolean): KeyAction | undefined {
  return bindingsFor(view, readOnly).find((b) => b.keys.includes(key))?.action;
}

export function footerFor(view: View, readOnly: boolean): Binding[] {
  return bindingsFor(view, readOnly).filter((b) => b.footer?.includes(view));
}
