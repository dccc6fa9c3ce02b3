// What the monitoring commands share: a monitor over the config, and the
// one-shot reading that status and alerts make with it.

import type { Config } from '../config/types.js';
import { Monitor } from '../monitor/monitor.js';
import { ackFile, alertStateFile, incidentsDir } from '../store/state-paths.js';
import { Observer } from '../incidents/observer.js';
import { Recorder } from '../incidents/recorder.js';
import { operatorName, readPrefs } from '../config/prefs.js';

export function openMonitor(config: Config, refreshMs = 1000): Monitor {
  // Every run that looks records what it sees: a cron `status` too adds to the incidents' timelines.
  return new Monitor({ config, ackFile: ackFile(), refreshMs, observer: new Observer(new Recorder(incidentsDir(config), operatorName(readPrefs().prefs))) });
}

export interface ReadOnceOptions {
  /** Where the embedded state is carried between runs. */
  stateFile?: string;
  /** How a run waits for its second scrape (tests pass a fake clock's). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * One-shot reading, as cron or Nagios runs it. The evaluator's state carries
 * over from the previous run when it was recent: alert states (so durations
 * are honoured, with Prometheus too for the alerts it has no rules for and
 * gptmon evaluates) and histogram counts (a baseline for the latency
 * quantiles, which come from bucket deltas). Only without a baseline does it
 * scrape a second time, a second later.
 */
export async function readOnce(monitor: Monitor, config: Config, opts: ReadOnceOptions = {}): Promise<ReturnType<Monitor['snapshot']>> {
  const file = opts.stateFile ?? alertStateFile();
  monitor.restoreAlertState(file);
  if (config.prometheus) {
    const snap = await monitor.tick();
    monitor.saveAlertState(file);
    return snap;
  }
  let snap = await monitor.tick();
  const quantiles = Object.values(config.metrics).filter((m) => m.read.as === 'quantile');
  if (snap.sources.metrics.state === 'ok' && quantiles.some((m) => snap.metrics[m.name]?.value === undefined)) {
    await (opts.wait ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))))(1000);
    snap = await monitor.tick();
  }
  monitor.saveAlertState(file);
  return snap;
}
