// The config for a command. A mistake degrades, never blocks: an unknown key or
// a bad threshold is said on stderr and ignored (the playbook's value stays),
// and the command runs. Only what makes the config unknowable stops it (a file
// that cannot be read or parsed, a bad target URL). The light way in, for
// commands that must not load the monitor (runbook, controls).

import { formatIssue, isError, mattersToControls, sectionsOf } from '../config/issue.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import type { GlobalOptions } from './options.js';
import { printIssues, writeErr } from './output.js';

export function configOrExit(globals: GlobalOptions): Config | undefined {
  const { config, issues } = loadConfig(globals);
  printIssues(issues);
  return issues.some(isError) ? undefined : config;
}

/**
 * For the controls, which need only the target, the token and the audit log:
 * a problem anywhere else (thresholds, alerts, even a bad value there) is
 * named in one line and does not stop a halt at 3 a.m.
 */
export function controlConfigOrExit(globals: GlobalOptions, command: string): Config | undefined {
  const { config, issues } = loadConfig(globals);
  const blocking = issues.filter((i) => mattersToControls(i) && isError(i));
  if (blocking.length) {
    printIssues(blocking);
    return undefined;
  }
  const ignored = issues.filter((i) => !blocking.includes(i));
  if (ignored.length) {
    const files = [...new Set(ignored.map((i) => i.file))].join(', ');
    writeErr(`gptmon ${command}: ignoring problems in ${sectionsOf(ignored).join(', ')} of ${files} (the controls need only the target and the token; gptmon config check lists them)\n`);
  }
  return config;
}

/**
 * For the commands whose whole job is the database (review models): elsewhere
 * a bad database setting is ignored and the console runs on without it; here
 * it is said as the command's one-line error, and nothing else is tried.
 */
export function databaseConfigOrExit(globals: GlobalOptions, command: string): Config | undefined {
  const { config, issues } = loadConfig(globals);
  const dbIssue = issues.find((i) => i.path === 'database' || i.path.startsWith('database.'));
  printIssues(issues.filter((i) => i !== dbIssue));
  if (issues.some(isError)) return undefined;
  if (dbIssue && !config.database) {
    writeErr(`gptmon ${command}: ${formatIssue(dbIssue)}\n`);
    return undefined;
  }
  return config;
}
