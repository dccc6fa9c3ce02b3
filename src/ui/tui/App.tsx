// The console as a composition: the data from the controller, the UI state
// from its reducer, one hook per flow (ack, control, the stepper's runs, the
// `:` command line, the `/` filter), the view on screen, and at the bottom
// either the question a flow is asking (a Prompt) or the footer.

import React, { useContext, useEffect, useMemo } from 'react';
import { Box, useApp, useStdin } from 'ink';
import type { ControlService } from '../../actions/service.js';
import type { Config } from '../../config/types.js';
import type { IncidentService } from '../../incidents/incident-service.js';
import type { ChecklistService } from '../../reviews/checklist-service.js';
import type { RunbookService } from '../../runbooks/service.js';
import type { UiState } from './app-state.js';
import { AlertDetail } from './components/AlertDetail.js';
import { AlertsView } from './components/AlertsView.js';
import { ChecklistView } from './components/ChecklistView.js';
import { ControlPreview } from './components/ControlPreview.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpView } from './components/HelpView.js';
import { IncidentView } from './components/IncidentView.js';
import { Overview, panelOrder } from './components/Overview.js';
import { Prompt, type PromptSpec } from './components/Prompt.js';
import { RunbookView } from './components/RunbookView.js';
import { TooSmall } from './components/TooSmall.js';
import type { ControllerLike } from './controller.js';
import { checklistLines } from './checklist-rows.js';
import { incidentGeometry, incidentPanes, problemLines, scrollPositions } from './incident-rows.js';
import { layoutFor } from './layout.js';
import { LiveSourceContext, PaintContext } from './live.js';
import { liveStructure } from './live-structure.js';
import { selection } from './selection.js';
import { panelsOf } from './snapshot-memo.js';
import { useAckFlow } from './use-ack-flow.js';
import { useChecklistFlow } from './use-checklist-flow.js';
import { useCommandLine } from './use-command-line.js';
import { useControlFlow } from './use-control-flow.js';
import { useFilter } from './use-filter.js';
import { useIncidentFlow } from './use-incident-flow.js';
import { KeyboardContext, useKeyboard } from './use-keyboard.js';
import { useRunbook } from './use-runbook.js';
import { useStepRunner } from './use-step-runner.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useLiveSnapshot } from './use-live-snapshot.js';
import { useUiState } from './use-ui-state.js';
import { useViewKeys, type ViewActions } from './use-view-keys.js';
import type { DemoInfo } from './demo.js';
import { helpLines } from './help-text.js';
import { offscreenCritical, oneColumn } from './one-column.js';

export interface AppProps {
  controller: ControllerLike;
  runbooks?: RunbookService;
  controls?: ControlService;
  /** The incidents: declared, noted and ticked from the console (none of it touches the trader). */
  incidents?: IncidentService;
  /** Today's daily checklist: its ticks and evidence (ticking writes the shared ticks file, never the trader). */
  checklist?: ChecklistService;
  config: Config;
  readOnly: boolean;
  operator: string;
  initial?: Partial<UiState>;
  /** On the built-in simulator (npm start): said in the header, and `:scenario` works. */
  demo?: DemoInfo;
}

/** React takes a key only as its own attribute, never from a spread. */
function withoutKey({ key: _key, ...props }: PromptSpec): Omit<PromptSpec, 'key'> {
  return props;
}

export function App({ controller, runbooks, controls, incidents, checklist, config, readOnly, operator, initial, demo }: AppProps) {
  const { ui, dispatch, now } = useUiState(initial);
  // With the console's screen, a snapshot is a React commit only when the structure changes; the live lines are painted.
  const paint = useContext(PaintContext);
  const structure = useMemo(() => liveStructure(ui, config, controller.isPaused), [ui, config, controller]);
  const snap = useLiveSnapshot(controller, paint, structure);
  const source = useMemo(() => (paint ? { paint, current: controller.getSnapshot } : undefined), [paint, controller]);
  const paused = controller.isPaused();
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

  const panels = panelsOf(snap, config);
  const { visible, selected, current } = useMemo(() => selection(ui, snap.alerts), [ui, snap.alerts]);

  const runbook = useRunbook({ runbooks, ui, now, dispatch, snap });
  const ack = useAckFlow({ ui, dispatch, controller, operator });
  const control = useControlFlow({ ui, dispatch, controls, controller });
  const steps = useStepRunner({ runbooks, ui, now, dispatch, reload: runbook.reload, size: { width: layout.width, height: layout.height - 3 } });
  const incident = useIncidentFlow({ incidents, ui, dispatch, snap, operator });
  const todo = useChecklistFlow({ checklist, ui, dispatch, snap });
  const command = useCommandLine({ ui, dispatch, readOnly, controller, runbooks, quit: exit, openRunbook: (name) => runbook.open(name, undefined), control: control.start, incident: incident.command, ...(demo ? { demo } : {}) });
  const filter = useFilter({ ui, dispatch });

  const actions = useMemo<ViewActions>(
    () => ({ quit: exit, ack: ack.start, unack: ack.remove, openRunbook: (alert) => (alert ? runbook.open(alert.runbook ?? alert.name, alert) : dispatch({ type: 'message', text: 'no alert selected', level: 'error' })), control: control.start, step: steps.key, incident: incident.ask, checklistTick: todo.ask }),
    [exit, ack.start, ack.remove, runbook.open, control.start, steps.key, incident.ask, todo.ask, dispatch],
  );
  const body = layout.height - 3 - (control.preview ? 1 : 0);
  const { shown } = incident;
  const panes = useMemo(() => incidentPanes(ui.view === 'incident' ? shown : undefined, ui.filter), [ui.view, shown, ui.filter]);
  const pane = ui.incidentPane ?? 'timeline';
  const paneRows = incidentGeometry(layout.width, body, problemLines(incident.state, shown).length).rows;
  const badge = useMemo(() => (shown ? { sev: shown.incident.sev, id: shown.incident.id, declaredAt: shown.incident.declaredAt, ...(shown.incident.commander ? { commander: shown.incident.commander } : {}), more: (incident.state?.open.length ?? 1) - 1 } : undefined), [shown, incident.state]);
  const todoLines = useMemo(() => (ui.view === 'checklist' ? checklistLines(checklist ? todo.state : undefined, snap.now, layout.width) : []), [ui.view, checklist, todo.state, snap.now, layout.width]);
  const help = useMemo(() => helpLines(ui.history.at(-1) ?? 'overview', readOnly, demo).length, [ui.history, readOnly, demo]);
  const onViewKey = useViewKeys({ now, dispatch, controller, runbooks, panelCount: panelOrder(panels).length, readOnly, actions, helpLines: help, page: body, incidentRows: scrollPositions(pane === 'checklist' ? panes.checklist.length : panes.timeline.length, paneRows), checklistRows: scrollPositions(todoLines.length - 1, body - 1) });
  const keyboard = useKeyboard({ prompting: () => now().mode.kind !== 'normal', onViewKey, isActive: isRawModeSupported });

  if (layout.kind === 'too-small') return <TooSmall columns={columns} rows={rows} />;
  const prompt = ack.prompt ?? control.prompt ?? steps.prompt ?? command.prompt ?? filter.prompt ?? incident.prompt ?? todo.prompt;
  const book = ui.view === 'runbook' ? runbook.book : undefined;
  // One column: a critical value in a panel scrolled out of sight is named in the header.
  const order = panelOrder(panels);
  const offscreen =
    layout.kind === 'one' && ui.view === 'overview'
      ? (s: typeof snap) => {
          const order = panelOrder(panelsOf(s, config));
          return offscreenCritical(order, oneColumn(order, ui.panel % order.length, body, s.alerts.length).shown);
        }
      : undefined;
  const forWhat = book?.progressKey.startsWith('runbook:') ? 'this runbook' : (snap.alerts.find((a) => a.key === book?.progressKey)?.name ?? 'a resolved alert');
  return (
    <LiveSourceContext.Provider value={source}>
    <KeyboardContext.Provider value={keyboard}>
      <Box flexDirection="column" width={layout.width} height={layout.height}>
        <Header snap={snap} width={layout.width} paused={paused} {...(demo ? { demo: demo.url } : {})} {...(offscreen ? { offscreen } : {})} {...(badge ? { incident: badge } : {})} />
        <Box height={body} flexDirection="column">
          {ui.view === 'overview' && <Overview snap={snap} config={config} panels={panels} layout={layout} height={body} focusedPanel={ui.panel} selected={selected} />}
          {ui.view === 'alerts' && <AlertsView alerts={visible} total={snap.alerts.length} filter={ui.filter} config={config} snap={snap} width={layout.width} height={body} selected={selected} />}
          {ui.view === 'alert' && <AlertDetail alert={current} config={config} now={snap.now} width={layout.width} height={body} readOnly={readOnly} />}
          {book && <RunbookView runbook={book.runbook} progress={book.progress} progressError={book.error} selected={ui.selected} scroll={ui.scroll ?? 0} forWhat={forWhat} now={snap.now} width={layout.width} height={body} />}
          {ui.view === 'incident' && <IncidentView state={incident.state} shown={shown} panes={panes} pane={pane} top={ui.selected} filter={ui.filter} suggestion={incident.suggestion} now={snap.now} width={layout.width} height={body} />}
          {ui.view === 'checklist' && <ChecklistView lines={todoLines} top={ui.selected} width={layout.width} height={body} />}
          {ui.view === 'help' && <HelpView from={ui.history.at(-1) ?? 'overview'} readOnly={readOnly} width={layout.width} height={body} top={ui.selected} {...(demo ? { demo } : {})} />}
        </Box>
        {control.preview ? <ControlPreview action={control.preview.action} text={control.preview.text} width={layout.width} /> : null}
        {prompt ? <Prompt key={prompt.key} {...withoutKey(prompt)} width={layout.width} /> : <Footer ui={ui} readOnly={readOnly} paused={paused} width={layout.width} />}
      </Box>
    </KeyboardContext.Provider>
    </LiveSourceContext.Provider>
  );
}
