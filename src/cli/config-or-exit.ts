// The config for a command, or its problems printed and nothing else: the
// light way in, for commands that must not load the monitor (runbook, controls).

import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
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
