// What the monitoring commands share: where their state lives, and a monitor
// over the config.

import { join } from 'node:path';
import { stateDir } from '../config/paths.js';
import type { Config } from '../config/types.js';
import { Monitor } from '../monitor/monitor.js';

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

export { configOrExit } from './config-or-exit.js';
