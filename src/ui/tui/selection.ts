import type { AlertView } from '../../engine/types.js';
import type { UiState } from './app-state.js';
import { filterAlerts } from './components/AlertsView.js';

/** The alerts the view lists, the selected index kept inside them, and the alert in focus. */
export function selection(ui: UiState, alerts: AlertView[]): { visible: AlertView[]; selected: number; current: AlertView | undefined } {
  const visible = ui.view === 'alerts' ? filterAlerts(alerts, ui.filter) : alerts;
  const selected = Math.min(ui.selected, Math.max(0, visible.length - 1));
  const current = ui.view === 'alert' ? alerts.find((a) => a.key === ui.alertKey) : visible[selected];
  return { visible, selected, current };
}
