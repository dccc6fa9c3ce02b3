// What the monitoring commands share: a monitor over the config, and the
// one-shot reading that status and alerts make with it.

import type { Config } from '../config/types.js';
import { Monitor } from '../monitor/monitor.js';
import { ackFile, alertStateFile } from '../store/state-paths.js';

export function openMonitor(config: Config, refreshMs = 1000): Monitor {
  return new Monitor({ config, ackFile: ackFile(), refreshMs });
}

/**
 * One-shot reading. In the embedded mode latency quantiles need two scrapes
 * (they come from bucket deltas), so it polls twice, a second apart, and the
 * alert states carry over from the previous run when it was recent (with
 * Prometheus too, for the alerts it has no rules for and gptmon evaluates).
 */
export async function readOnce(monitor: Monitor, config: Config): Promise<ReturnType<Monitor['snapshot']>> {
  monitor.restoreAlertState(alertStateFile());
  if (config.prometheus) {
    const snap = await monitor.tick();
    monitor.saveAlertState(alertStateFile());
    return snap;
  }
  let snap = await monitor.tick();
  if (snap.sources.metrics.state === 'ok') {
    await new Promise((r) => setTimeout(r, 1000));
    snap = await monitor.tick();
  }
  monitor.saveAlertState(alertStateFile());
  return snap;
}
