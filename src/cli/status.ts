import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { openMonitor, readOnce } from './context.js';
import { writeOut } from './output.js';
import { statusCode, statusText } from './status-text.js';

export async function runStatus(opts: { json?: boolean }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 3;
  const monitor = openMonitor(config);
  try {
    const snap = await readOnce(monitor, config);
    const code = statusCode(snap);
    if (opts.json) {
      const { metrics, ...rest } = snap;
      // Histories are for sparklines; a script wants the values.
      const values = Object.fromEntries(Object.entries(metrics).map(([k, { history: _h, ...m }]) => [k, m]));
      process.stdout.write(`${JSON.stringify({ status: ['ok', 'warning', 'critical', 'unknown'][code], code, ...rest, metrics: values }, null, 2)}\n`);
    } else {
      writeOut(`${statusText(snap, config, process.stdout.columns || 80).join('\n')}\n`);
    }
    return code;
  } finally {
    await monitor.close();
  }
}
