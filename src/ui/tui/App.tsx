import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Box, useApp, useInput, useStdin } from 'ink';
import type { Config } from '../../config/types.js';
import { formatDuration, parseDurationMs } from '../../config/units.js';
import type { AlertView } from '../../engine/types.js';
import { initialUiState, uiReducer, type UiAction, type UiState } from './app-state.js';
import { complete, parseCommand } from './commands.js';
import { AlertDetail } from './components/AlertDetail.js';
import { AlertsView, filterAlerts } from './components/AlertsView.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpView } from './components/HelpView.js';
import { Overview, panelOrder } from './components/Overview.js';
import { TooSmall } from './components/TooSmall.js';
import type { ControllerLike } from './controller.js';
import { keyName } from './key-name.js';
import { actionFor } from './keys.js';
import { layoutFor } from './layout.js';
import { buildPanels } from './panels.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  controller: ControllerLike;
  config: Config;
  readOnly: boolean;
  operator: string;
  initial?: Partial<UiState>;
}

/** The alerts the view lists, the selected index kept inside them, and the alert in focus. */
function selection(ui: UiState, alerts: AlertView[]): { visible: AlertView[]; selected: number; current: AlertView | undefined } {
  const visible = ui.view === 'alerts' ? filterAlerts(alerts, ui.filter) : alerts;
  const selected = Math.min(ui.selected, Math.max(0, visible.length - 1));
  const current = ui.view === 'alert' ? alerts.find((a) => a.key === ui.alertKey) : visible[selected];
  return { visible, selected, current };
}

function clock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

export function App({ controller, config, readOnly, operator, initial }: AppProps) {
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const paused = controller.isPaused();
  // The reducer's state lives in a ref as well, so keys arriving faster than
  // renders (a paste, a quick typist) each see the state the last one left.
  const uiRef = useRef<UiState>({ ...initialUiState, ...initial });
  const [ui, setUi] = useState<UiState>(uiRef.current);
  const dispatch = useCallback((action: UiAction) => {
    uiRef.current = uiReducer(uiRef.current, action);
    setUi(uiRef.current);
  }, []);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize();
  const layout = layoutFor(columns, rows);

  // While paused the data stands still, but ages and countdowns must not.
  useEffect(() => {
    if (!paused) return;
    const t = setInterval(() => controller.refreshClock(), 1000);
    return () => clearInterval(t);
  }, [paused, controller]);

  const panels = useMemo(() => buildPanels(snap, config), [snap, config]);
  const { visible, selected, current } = useMemo(() => selection(ui, snap.alerts), [ui, snap.alerts]);

  const runCommand = useCallback(
    (text: string) => {
      const parsed = parseCommand(text, readOnly);
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
          return exit();
        case 'runbook':
          return dispatch({ type: 'message', text: `runbook ${parsed.arg}: the runbook stepper is not in this version yet`, level: 'error' });
        default:
          return dispatch({ type: 'message', text: `:${parsed.name}: controls are not in this version yet; use gptmon ${parsed.name} --confirm`, level: 'error' });
      }
    },
    [readOnly, controller, exit, dispatch],
  );

  const submitAck = useCallback(
    async (alertKey: string, comment: string, forText: string) => {
      const alert = controller.getSnapshot().alerts.find((a) => a.key === alertKey);
      const forMs = parseDurationMs(forText || '1h');
      if (!forMs.ok || forMs.value <= 0) return dispatch({ type: 'message', text: `ack: ${forMs.ok ? 'the duration must be longer than 0' : forMs.error}`, level: 'error' });
      if (!alert) return dispatch({ type: 'message', text: 'ack: that alert is no longer active', level: 'error' });
      const labels = Object.fromEntries(Object.entries(alert.labels).filter(([k]) => k !== 'alertname' && k !== 'severity'));
      const res = await controller.ack({ alertname: alert.name, labels, operator, comment: comment || 'acknowledged in gptmon', forMs: forMs.value });
      if (!res.ok) return dispatch({ type: 'message', text: `ack failed: ${res.reason}`, level: 'error' });
      dispatch({ type: 'message', text: `acknowledged ${alert.name} for ${formatDuration(forMs.value)}${res.ack.where === 'alertmanager' ? ' (silence in Alertmanager)' : ' (kept locally)'}${res.warning ? ': Alertmanager did not take it' : ''}`, level: res.warning ? 'error' : 'info' });
    },
    [controller, operator, dispatch],
  );

  const onKey = (name: string, input: string) => {
    // Fresh state, not this render's: a key may arrive before the next render.
    const ui = uiRef.current;
    const { visible, current } = selection(ui, controller.getSnapshot().alerts);
    const m = ui.mode;
    if (name === 'ctrl-c') return exit();
    if (m.kind !== 'normal') {
      if (name === 'escape') return dispatch({ type: 'end-input' });
      if (name === 'backspace') return dispatch({ type: 'erase' });
      if (name === 'ctrl-u') return dispatch({ type: 'set-input', text: '' });
      if (name === 'tab' && m.kind === 'command') return dispatch({ type: 'set-input', text: complete(m.text, readOnly) });
      if (name === 'return') {
        if (m.kind === 'command') {
          dispatch({ type: 'end-input' });
          return runCommand(m.text);
        }
        if (m.kind === 'filter') return dispatch({ type: 'end-input', keepFilter: true });
        if (m.step === 'comment') return dispatch({ type: 'ack-next' });
        dispatch({ type: 'end-input' });
        return void submitAck(m.alertKey, m.comment, m.text.trim());
      }
      // Typed or pasted text: keep the printable part of it.
      const text = name === input ? input.replace(/[\x00-\x1f\x7f]/g, '') : '';
      if (text) dispatch({ type: 'type', text });
      return;
    }
    const action = actionFor(name, ui.view, readOnly);
    if (!action) return;
    dispatch({ type: 'clear-message' });
    switch (action) {
      case 'quit':
        return exit();
      case 'help':
        return dispatch({ type: 'open', view: 'help' });
      case 'command':
      case 'filter':
        return dispatch({ type: 'start', mode: action });
      case 'up':
      case 'down':
        return dispatch({ type: 'move', by: action === 'up' ? -1 : 1, count: visible.length });
      case 'next-panel':
      case 'prev-panel':
        return dispatch({ type: 'next-panel', count: panelOrder(panels).length, by: action === 'next-panel' ? 1 : -1 });
      case 'back':
        return dispatch({ type: 'back' });
      case 'pause':
        return controller.setPaused(!paused);
      case 'alerts':
        return dispatch({ type: 'open', view: 'alerts' });
      case 'overview':
        return dispatch({ type: 'open', view: 'overview' });
      case 'details':
        return current ? dispatch({ type: 'open', view: 'alert', alertKey: current.key }) : undefined;
      case 'ack':
        if (!current) return dispatch({ type: 'message', text: 'no alert selected', level: 'error' });
        if (current.ack) return dispatch({ type: 'message', text: `${current.name} is already acknowledged by ${current.ack.operator}; u removes it` });
        return dispatch({ type: 'start-ack', alertKey: current.key });
      case 'unack':
        if (!current?.ack) return dispatch({ type: 'message', text: 'the selected alert is not acknowledged', level: 'error' });
        return void controller.unack(current.ack).then((r) => dispatch({ type: 'message', text: r.ok ? `removed the acknowledgement of ${current.name}` : `unack failed: ${r.reason}`, level: r.ok ? 'info' : 'error' }));
      case 'runbook':
        return dispatch({ type: 'message', text: current?.runbook ? `runbook ${current.runbook}: the stepper is not in this version yet (gptmon runbook ${current.runbook})` : 'this alert names no runbook', level: 'error' });
    }
  };

  useInput((input, key) => onKey(keyName(input, key), input), { isActive: isRawModeSupported });

  if (layout.kind === 'too-small') return <TooSmall columns={columns} rows={rows} />;
  const body = layout.height - 3;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header snap={snap} width={layout.width} paused={paused} clock={clock(snap.now)} />
      <Box height={body} flexDirection="column">
        {ui.view === 'overview' && <Overview snap={snap} config={config} panels={panels} layout={layout} height={body} focusedPanel={ui.panel} selected={selected} />}
        {ui.view === 'alerts' && <AlertsView alerts={visible} total={snap.alerts.length} filter={ui.filter} config={config} now={snap.now} width={layout.width} height={body} selected={selected} />}
        {ui.view === 'alert' && <AlertDetail alert={current} config={config} now={snap.now} width={layout.width} height={body} readOnly={readOnly} />}
        {ui.view === 'help' && <HelpView from={ui.history.at(-1) ?? 'overview'} readOnly={readOnly} width={layout.width} height={body} />}
      </Box>
      <Footer ui={ui} readOnly={readOnly} width={layout.width} />
    </Box>
  );
}
