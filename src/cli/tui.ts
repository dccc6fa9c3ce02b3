import type { GlobalOptions } from './main.js';
import { ackFile, alertStateFile, configOrExit, progressFile } from './context.js';
import { colorEnabled, writeErr } from './output.js';

export async function runTuiCommand(opts: { readOnly?: boolean; refresh?: string }, globals: GlobalOptions): Promise<number> {
  if (!process.stdout.isTTY) {
    writeErr('gptmon tui needs a terminal; in a script or a pipe use `gptmon status` or `gptmon alerts`\n');
    return 2;
  }
  const config = configOrExit(globals);
  if (!config) return 2;
  const { runTui } = await import('../ui/tui/run-tui.js');
  return runTui({ config, ackFile: ackFile(), alertStateFile: alertStateFile(), progressFile: progressFile(config), readOnly: Boolean(opts.readOnly) || config.read_only, ...(opts.refresh ? { refresh: opts.refresh } : {}), color: colorEnabled(process.stdout) });
}
