// `gptmon tui`: checks it has a terminal, builds the monitor and controller,
// takes the screen, and renders the App until the engineer quits.

import { constants as osConstants } from 'node:os';
import React from 'react';
import { render } from 'ink';
import type { Config } from '../../config/types.js';
import { operatorName, readPrefsQuick } from '../../config/prefs-file.js';
import { parseDurationMs } from '../../config/units.js';
import { Monitor } from '../../monitor/monitor.js';
import { App } from './App.js';
import { ControlService } from '../../actions/service.js';
import { controlTarget } from '../../actions/target.js';
import { createHttp } from '../../sources/http.js';
import { consoleRunbooks } from '../../runbooks/console-runbooks.js';
import { Controller } from './controller.js';
import { createScreen } from './screen.js';
import { takeTerminal } from './terminal.js';
import { ThemeContext } from './theme.js';

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
}

export async function runTui(opts: TuiOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  // Read, not opened with conf: the console only reads preferences, and conf's
  // schema validator costs start-up time and memory all night.
  const prefs = readPrefsQuick();
  const refreshText = opts.refresh ?? prefs?.get('refresh') ?? '1s';
  const refresh = parseDurationMs(refreshText);
  if (!refresh.ok || refresh.value < 250) {
    process.stderr.write(`gptmon tui: --refresh ${refreshText}: ${refresh.ok ? 'at least 250ms' : refresh.error}\n`);
    return 2;
  }
  const bell = prefs?.get('bell') ?? true;
  const color = opts.color && prefs?.get('theme') !== 'mono';
  const operator = operatorName(prefs);
  // Steps run as the console would, without its token in their environment.
  const steps = consoleRunbooks({ config: opts.config, progressFile: opts.progressFile, operator, stepsRun: !opts.readOnly });
  const runbooks = steps.service;
  // Even on a hard exit the token file must not stay behind.
  process.once('exit', steps.removeTokenFile);
  // The controls have their own connections: a wedged poll must not delay a halt.
  const controlHttp = createHttp({ timeoutMs: opts.config.timeoutMs });
  const controls = new ControlService(controlTarget(opts.config), controlHttp, operator);
  const monitor = new Monitor({ config: opts.config, ackFile: opts.ackFile, refreshMs: refresh.value });
  const controller = new Controller({ monitor, refreshMs: refresh.value, alertStateFile: opts.alertStateFile, onNewCritical: () => bell && stdout.write('\x07') });

  let quit: (signal: NodeJS.Signals) => void = () => {};
  let signalled: NodeJS.Signals | undefined;
  const guard = takeTerminal(stdout, (signal) => quit(signal));
  const screen = createScreen(stdout, { maxFps: 20 });
  // debug: Ink hands each whole frame to the screen, which writes only what changed.
  const app = render(
    React.createElement(ThemeContext.Provider, { value: { color } }, React.createElement(App, { controller, runbooks, ...(opts.readOnly ? {} : { controls }), config: opts.config, readOnly: opts.readOnly, operator, ...(steps.problem ? { initial: { message: { text: steps.problem, level: 'error' as const } } } : {}) })),
    { stdout: screen.sink, ...(opts.stdin ? { stdin: opts.stdin } : {}), debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  quit = (signal) => {
    signalled = signal;
    app.unmount();
  };
  controller.start();
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
