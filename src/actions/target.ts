import type { Config } from '../config/types.js';
import { auditLogFile, incidentsDir } from '../store/state-paths.js';
import type { ControlTarget } from './execute.js';

/** Where the controls act, with what token, and where they are audited. */
export function controlTarget(config: Config, env: NodeJS.ProcessEnv = process.env): ControlTarget {
  const target: ControlTarget = { trader: config.trader, allowInsecure: config.allow_insecure, auditLog: auditLogFile(config, env), incidentsDir: incidentsDir(config, env) };
  if (config.token_file) target.tokenFile = config.token_file;
  return target;
}
