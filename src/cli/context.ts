// What the monitoring commands share: the loaded config (or its problems) and
// a monitor over it. Loading stops at the first broken file, loudly.

import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { stateDir } from '../config/paths.js';
import type { Config } from '../config/types.js';
import { Monitor } from '../monitor/monitor.js';
import type { GlobalOptions } from './main.js';
import { printIssues } from './output.js';

export function configOrExit(globals: GlobalOptions): Config | undefined {
  const { config, issues } = loadConfig(globals);
  if (issues.length) {
    printIssues(issues);
    return undefined;
  }
  return config;
}

export function ackFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'acks.json');
}

/** Where the embedded alert states are kept between runs (console and one-shots alike). */
export function alertStateFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'alert-state.json');
}

/** Runbook progress: the configured (maybe shared) directory, else this user's state dir. */
export function progressFile(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  return join(config.progress_dir ?? stateDir(env), 'runbook-progress.json');
}

export function openMonitor(config: Config, refreshMs = 1000): Monitor {
  return new Monitor({ config, ackFile: ackFile(), refreshMs });
}

/**
 * One-shot reading. In the embedded mode latency quantiles need two scrapes
 * (they come from bucket deltas), so it polls twice, a second apart, and the
 * alert states carry over from the previous run when it was recent.
 */
export async function readOnce(monitor: Monitor, config: Config): Promise<ReturnType<Monitor['snapshot']>> {
  if (config.prometheus) return monitor.tick();
  monitor.restoreAlertState(alertStateFile());
  let snap = await monitor.tick();
  if (snap.sources.metrics.state === 'ok') {
    await new Promise((r) => setTimeout(r, 1000));
    snap = await monitor.tick();
  }
  monitor.saveAlertState(alertStateFile());
  return snap;
}
