import type { GlobalOptions } from './options.js';
import { alertsText } from './alerts-text.js';
import { configOrExit } from './config-or-exit.js';
import { openMonitor, readOnce } from './context.js';
import { writeOut } from './output.js';

export async function runAlerts(opts: { json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 1;
  const monitor = openMonitor(config);
  try {
    const snap = await readOnce(monitor, config);
    if (opts.json) {
      const doc = { now: snap.now, mode: snap.mode, sources: snap.sources, ...(snap.rules ? { rules: snap.rules } : {}), alerts: snap.alerts, otherAlerts: snap.otherAlerts };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else writeOut(`${alertsText(snap, process.stdout.columns || 80, config.other_alerts === 'count').join('\n')}\n`);
    // Contract: 0. A broken source is named in the output, not in the exit code.
    return 0;
  } finally {
    await monitor.close();
  }
}
