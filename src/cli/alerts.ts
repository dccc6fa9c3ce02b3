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
    if (opts.json) process.stdout.write(`${JSON.stringify({ now: snap.now, mode: snap.mode, sources: snap.sources, alerts: snap.alerts }, null, 2)}\n`);
    else writeOut(`${alertsText(snap, process.stdout.columns || 80).join('\n')}\n`);
    // Contract: 0. A broken source is named in the output, not in the exit code.
    return 0;
  } finally {
    await monitor.close();
  }
}
