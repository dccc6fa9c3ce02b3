import { writeFileSync } from 'node:fs';
import { exportRules } from '../config/rules-export.js';
import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { writeErr } from './output.js';

export async function runRulesExport(opts: { output?: string }, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 1;
  const text = exportRules(config);
  if (!opts.output) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(opts.output, text);
  } catch (err) {
    writeErr(`gptmon rules export: cannot write ${opts.output}: ${(err as Error).message}\n`);
    return 1;
  }
  writeErr(`wrote ${config.alerts.length} rules to ${opts.output}\n`);
  return 0;
}
