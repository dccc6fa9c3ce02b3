import { join } from 'node:path';
import { stateDir } from '../config/paths.js';
import type { Config } from '../config/types.js';
import type { ControlTarget } from './execute.js';

/** Where the controls act, with what token, and where they are audited. */
export function controlTarget(config: Config, env: NodeJS.ProcessEnv = process.env): ControlTarget {
  const target: ControlTarget = { trader: config.trader, allowInsecure: config.allow_insecure, auditLog: config.audit_log ?? join(stateDir(env), 'audit.log') };
  if (config.token_file) target.tokenFile = config.token_file;
  return target;
}
