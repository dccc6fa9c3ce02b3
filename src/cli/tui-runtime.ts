// `gptmon tui` and `gptmon demo`: the console's composition root. It wires
// the I/O (the monitor, the controls' HTTP, the runbook steps, the terminal)
// to the App, which only renders state (src/ui/ does no I/O), takes the
// screen, and renders until the engineer quits. Loaded on demand: the one
// module of the command line that brings in React and Ink.

import { constants as osConstants } from 'node:os';
import React from 'react';
import { render } from 'ink';
import { ControlService } from '../actions/service.js';
import { controlTarget } from '../actions/target.js';
import { operatorName, readPrefs } from '../config/prefs.js';
import type { Config } from '../config/types.js';
import { parseDurationMs } from '../config/units.js';
import { Monitor } from '../monitor/monitor.js';
import { consoleRunbooks } from '../runbooks/console-runbooks.js';
import { readCa } from '../sources/auth.js';
import { createHttp } from '../sources/http.js';
import { ackFile, alertStateFile, incidentsDir, progressFile } from '../store/state-paths.js';
import { checklistOf } from '../incidents/checklist.js';
import { IncidentService } from '../incidents/incident-service.js';
import { Observer } from '../incidents/observer.js';
import { Recorder } from '../incidents/recorder.js';
import { App } from '../ui/tui/App.js';
import { Controller } from '../ui/tui/controller.js';
import { PaintContext } from '../ui/tui/live.js';
import { createScreen } from '../ui/tui/screen.js';
import { takeTerminal } from '../ui/tui/terminal.js';
import { ThemeContext } from '../ui/tui/theme.js';
import type { DemoInfo } from '../ui/tui/demo.js';
import { consoleChecklist } from './checklist-console.js';
import { colorEnabled, writeErr } from './output.js';

export interface TuiOptions {
  config: Config;
  ackFile: string;
  alertStateFile: string;
  progressFile: string;
  readOnly: boolean;
  refresh?: string;
  color: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** On the built-in simulator: the console says so and can start its scenarios. */
  demo?: DemoInfo;
}

/**
 * The one way the console's options are built, for `gptmon tui` and `gptmon
 * demo` alike: this user's state files, the config's read_only on top of
 * --read-only, colour as the terminal allows.
 */
export function consoleOptions(config: Config, flags: { readOnly?: boolean; refresh?: string | undefined } = {}): TuiOptions {
  return {
    config,
    ackFile: ackFile(),
    alertStateFile: alertStateFile(),
    progressFile: progressFile(config),
    readOnly: Boolean(flags.readOnly) || config.read_only,
    ...(flags.refresh ? { refresh: flags.refresh } : {}),
    color: colorEnabled(process.stdout),
  };
}

/** How long the first frame waits for the trader's first answer; a slow or dark one is shown as such after it. */
const FIRST_POLL_WAIT_MS = 300;

export async function runTui(opts: TuiOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const { prefs } = readPrefs();
  const refreshText = opts.refresh ?? prefs.refresh;
  const refresh = parseDurationMs(refreshText);
  if (!refresh.ok || refresh.value < 250) {
    writeErr(`gptmon tui: --refresh ${refreshText}: ${refresh.ok ? 'at least 250ms' : refresh.error}\n`);
    return 2;
  }
  const bell = prefs.bell;
  const color = opts.color && prefs.theme !== 'mono';
  const operator = operatorName(prefs);
  // Steps run as the console would, without its token in their environment.
  // One recorder for everything this console sees and does: the incidents' timelines.
  const recorder = new Recorder(incidentsDir(opts.config), operator);
  const steps = consoleRunbooks({ config: opts.config, progressFile: opts.progressFile, operator, stepsRun: !opts.readOnly, recorder });
  const runbooks = steps.service;
  // Even on a hard exit the token file must not stay behind.
  process.once('exit', steps.removeTokenFile);
  // The controls have their own connections: a wedged poll must not delay a halt.
  const { ca } = readCa(opts.config.ca_file);
  const controlHttp = createHttp({ timeoutMs: opts.config.timeoutMs, ...(ca ? { ca } : {}) });
  const controls = new ControlService(controlTarget(opts.config), controlHttp, operator);
  const monitor = new Monitor({ config: opts.config, ackFile: opts.ackFile, refreshMs: refresh.value, observer: new Observer(recorder) });
  const controller = new Controller({ monitor, refreshMs: refresh.value, alertStateFile: opts.alertStateFile, onNewCritical: () => bell && stdout.write('\x07') });
  // Declaring, notes and ticks write the same recorder's timelines, with the values on screen.
  const incidents = new IncidentService(recorder, { checklist: checklistOf(opts.config), snapshot: () => controller.getSnapshot() });
  // Today's checklist: the shared ticks file, and evidence from the snapshot on screen and the day's alerts.
  const checklist = consoleChecklist(opts.config, operator, () => controller.getSnapshot());

  // The first poll before the first frame: a trader that answers at once is drawn in one
  // render instead of two (an empty frame, then the whole tree again with the values).
  controller.start();
  await Promise.race([controller.firstPoll, new Promise((r) => setTimeout(r, FIRST_POLL_WAIT_MS).unref())]);

  let quit: (signal: NodeJS.Signals) => void = () => {};
  let signalled: NodeJS.Signals | undefined;
  const guard = takeTerminal(stdout, (signal) => quit(signal));
  const screen = createScreen(stdout, { maxFps: 20 });
  // debug: Ink hands each whole frame to the screen, which writes only what changed.
  // The screen paints the live lines between React commits; the terminal draws bold and inverse, colour or not.
  const app = render(
    React.createElement(PaintContext.Provider, { value: screen }, React.createElement(ThemeContext.Provider, { value: { color, attributes: true } }, React.createElement(App, { controller, runbooks, incidents, checklist, ...(opts.readOnly ? {} : { controls }), config: opts.config, readOnly: opts.readOnly, operator, ...(opts.demo ? { demo: opts.demo } : {}), ...(steps.problem ? { initial: { message: { text: steps.problem, level: 'error' as const } } } : {}) }))),
    { stdout: screen.sink, ...(opts.stdin ? { stdin: opts.stdin } : {}), debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  quit = (signal) => {
    signalled = signal;
    app.unmount();
  };
  try {
    await app.waitUntilExit();
  } finally {
    screen.close();
    // A running step (a `sleep`, a hung `curl`) must not keep gptmon alive after quit.
    await steps.close();
    process.removeListener('exit', steps.removeTokenFile);
    await controller.stop();
    await controlHttp.close();
    guard.restore();
  }
  // Ended by a signal (SIGTERM, an SSH drop): say so the shell's way, 128 + its number.
  return signalled ? 128 + (osConstants.signals[signalled] ?? 0) : 0;
}
