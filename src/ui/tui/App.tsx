import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Text, useApp, useInput, useStdin } from 'ink';
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
import { RunbookView } from './components/RunbookView.js';
import type { RunbookService } from '../../runbooks/service.js';
import { openingStep, runStep, stepContext, stepperKey } from './stepper-keys.js';
import { truncate } from '../format.js';
import type { ControlService } from '../../actions/service.js';
import type { ActionName } from '../../actions/actions.js';
import { outcomeMessage } from '../../actions/outcome-text.js';
import { useTheme } from './theme.js';
import { sanitize } from '../../util/sanitize.js';

export interface AppProps {
  controller: ControllerLike;
  runbooks?: RunbookService;
  controls?: ControlService;
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

export function App({ controller, runbooks, controls, config, readOnly, operator, initial }: AppProps) {
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
  const theme = useTheme();
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

  /** Opens a runbook by name; progress goes with the alert it was opened from, else with the runbook. */
  const openRunbook = useCallback(
    (name: string, alert: AlertView | undefined) => {
      if (!runbooks) return dispatch({ type: 'message', text: 'no runbooks loaded', level: 'error' });
      const found = runbooks.find(name);
      if (!found.ok) return dispatch({ type: 'message', text: `runbook ${name}: ${found.reason === 'ambiguous' ? 'could be' : 'unknown; closest:'} ${found.candidates.join(', ') || 'none'}`, level: 'error' });
      const progressKey = alert ? alert.key : `runbook:${found.runbook.id}`;
      dispatch({ type: 'open-runbook', id: found.runbook.id, progressKey, selected: openingStep(runbooks, found.runbook, progressKey) });
    },
    [runbooks, dispatch],
  );

  /** A control action: preview the state, ask a reason, then the action's name typed. */
  const startControl = useCallback(
    (action: ActionName) => {
      if (!controls) return dispatch({ type: 'message', text: 'controls are not available here', level: 'error' });
      dispatch({ type: 'start-control', action });
      void controls.preview(action).then((preview) => dispatch({ type: 'control-preview', action, preview }));
    },
    [controls, dispatch],
  );

  const runControl = async (action: ActionName, typed: string, reason: string) => {
    if (!controls) return;
    dispatch({ type: 'message', text: `${action}: sending, then waiting for the trader to show it…` });
    const outcomes = await controls.run(action, typed, reason);
    dispatch({ type: 'message', ...outcomeMessage(outcomes.at(-1)!) });
    controller.refreshNow?.();
  };

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
          return openRunbook(parsed.arg!, undefined);
        default:
          return startControl(parsed.name as ActionName);
      }
    },
    [readOnly, controller, exit, dispatch, openRunbook, startControl],
  );

  const submitAck = useCallback(
    async (alertKey: string, comment: string, forText: string) => {
      const alert = controller.getSnapshot().alerts.find((a) => a.key === alertKey);
      const forMs = parseDurationMs(forText || '1h');
      if (!forMs.ok || forMs.value <= 0) return dispatch({ type: 'message', text: `ack: ${forMs.ok ? 'the duration must be longer than 0' : forMs.error}`, level: 'error' });
      if (!alert) return dispatch({ type: 'message', text: 'ack: that alert is no longer active', level: 'error' });
      // The instance's own labels: what sets it apart from the alert's other instances.
      const labels = alert.seriesLabels ?? {};
      const res = await controller.ack({ alertname: alert.name, labels, operator, comment: comment || 'acknowledged in gptmon', forMs: forMs.value });
      if (!res.ok) return dispatch({ type: 'message', text: `ack failed: ${res.reason}`, level: 'error' });
      dispatch({ type: 'message', text: `acknowledged ${alert.name} for ${formatDuration(forMs.value)}${res.ack.where === 'alertmanager' ? ' (silence in Alertmanager)' : ' (kept locally)'}${res.warning ? `: ${res.warning}` : ''}`, level: res.warning ? 'error' : 'info' });
    },
    [controller, operator, dispatch],
  );

  const onKey = (name: string, input: string): void => {
    // Several keys in one read (a fast typist, a paste, tmux send-keys): one at a time.
    if (name === input && input.length > 1) {
      const parts = input.split(/(\r)/);
      if (parts.length > 1 || uiRef.current.mode.kind === 'normal') {
        for (const part of parts) {
          if (part === '\r') onKey('return', '');
          else if (uiRef.current.mode.kind === 'normal') for (const ch of part) onKey(ch, ch);
          else if (part) onKey(part, part);
        }
        return;
      }
    }
    // Fresh state, not this render's: a key may arrive before the next render.
    const ui = uiRef.current;
    const { visible, current } = selection(ui, controller.getSnapshot().alerts);
    const m = ui.mode;
    if (name === 'ctrl-c') return exit();
    if (m.kind !== 'normal') {
      if (name === 'escape') return dispatch({ type: 'end-input' });
      if (name === 'backspace') return dispatch({ type: 'erase' });
      if (name === 'ctrl-u') return dispatch({ type: 'set-input', text: '' });
      if (name === 'tab' && m.kind === 'command') return dispatch({ type: 'set-input', text: complete(m.text, readOnly, runbooks?.names() ?? []) });
      if (name === 'return') {
        if (m.kind === 'command') {
          dispatch({ type: 'end-input' });
          return runCommand(m.text);
        }
        if (m.kind === 'filter') return dispatch({ type: 'end-input', keepFilter: true });
        if (m.kind === 'run') {
          dispatch({ type: 'end-input' });
          return void runStep(runbooks, uiRef.current, m.stepKey, m.text, dispatch);
        }
        if (m.kind === 'control') {
          if (m.step === 'reason') return dispatch({ type: 'control-next' });
          dispatch({ type: 'end-input' });
          return void runControl(m.action as ActionName, m.text, m.reason);
        }
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
        return dispatch({ type: 'move', by: action === 'up' ? -1 : 1, count: ui.view === 'runbook' ? (stepContext(runbooks, ui)?.count ?? 0) : visible.length });
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
        if (!current) return dispatch({ type: 'message', text: 'no alert selected', level: 'error' });
        return openRunbook(current.runbook ?? current.name, current);
      case 'halt':
      case 'failover':
        return startControl(action);
      case 'step-done':
      case 'step-skip':
      case 'step-run':
      case 'scroll-down':
      case 'scroll-up':
        return stepperKey(action, runbooks, ui, dispatch, { width: layout.width, height: layout.height - 3 });
    }
  };

  useInput((input, key) => onKey(keyName(input, key), input), { isActive: isRawModeSupported });

  if (layout.kind === 'too-small') return <TooSmall columns={columns} rows={rows} />;
  const book = ui.view === 'runbook' && ui.runbook && runbooks ? runbooks.find(ui.runbook.id) : undefined;
  const openBook = book?.ok ? book.runbook : undefined;
  const bookProgress = openBook ? runbooks!.progress(ui.runbook!.progressKey) : undefined;
  const body = layout.height - 3 - (ui.mode.kind === 'control' ? 1 : 0);
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header snap={snap} width={layout.width} paused={paused} clock={clock(snap.now)} />
      <Box height={body} flexDirection="column">
        {ui.view === 'overview' && <Overview snap={snap} config={config} panels={panels} layout={layout} height={body} focusedPanel={ui.panel} selected={selected} />}
        {ui.view === 'alerts' && <AlertsView alerts={visible} total={snap.alerts.length} filter={ui.filter} config={config} now={snap.now} width={layout.width} height={body} selected={selected} />}
        {ui.view === 'alert' && <AlertDetail alert={current} config={config} now={snap.now} width={layout.width} height={body} readOnly={readOnly} />}
        {ui.view === 'runbook' && openBook && (
          <RunbookView runbook={openBook} progress={bookProgress?.progress} progressError={bookProgress?.error} selected={ui.selected} scroll={ui.scroll ?? 0} forWhat={ui.runbook!.progressKey.startsWith('runbook:') ? 'this runbook' : (snap.alerts.find((a) => a.key === ui.runbook!.progressKey)?.name ?? 'a resolved alert')} now={snap.now} width={layout.width} height={body} />
        )}
        {ui.view === 'help' && <HelpView from={ui.history.at(-1) ?? 'overview'} readOnly={readOnly} width={layout.width} height={body} />}
      </Box>
      {ui.mode.kind === 'control' ? (
        <Text bold color={theme.color ? 'red' : undefined} inverse={!theme.color}>
          {truncate(` ${ui.mode.action.toUpperCase()}: ${sanitize(ui.mode.preview)}`, layout.width)}
        </Text>
      ) : null}
      <Footer ui={ui} readOnly={readOnly} width={layout.width} />
    </Box>
  );
}
