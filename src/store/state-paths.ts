// Where gptmon keeps its state, every file named in this one module: the
// commands, the console and the controls must agree on them, or one writes
// where the other never reads. Per user under $XDG_STATE_HOME/gptmon, except
// what the config points at a shared place (progress_dir, audit_log).

import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = NodeJS.ProcessEnv;

export function stateDir(env: Env = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'gptmon');
}

/** Acknowledgements kept locally (without an Alertmanager, or when it did not take one). */
export function ackFile(env: Env = process.env): string {
  return join(stateDir(env), 'acks.json');
}

/** Where the embedded alert states are kept between runs (console and one-shots alike). */
export function alertStateFile(env: Env = process.env): string {
  return join(stateDir(env), 'alert-state.json');
}

/** Runbook progress: the configured (maybe shared) directory, else this user's state dir. */
export function progressFile(config: { progress_dir?: string | undefined }, env: Env = process.env): string {
  return join(config.progress_dir ?? stateDir(env), 'runbook-progress.json');
}

/** The checklists' ticks: beside runbook progress (shared when progress_dir is). */
export function checklistFile(config: { progress_dir?: string | undefined }, env: Env = process.env): string {
  return join(config.progress_dir ?? stateDir(env), 'checklists.json');
}

/** Incidents and the rolling log of what was seen: the configured (maybe shared) directory, else this user's. */
export function incidentsDir(config: { incidents_dir?: string | undefined }, env: Env = process.env): string {
  return config.incidents_dir ?? join(stateDir(env), 'incidents');
}

/** The controls' audit log: the configured (maybe shared) file, else this user's. */
export function auditLogFile(config: { audit_log?: string | undefined }, env: Env = process.env): string {
  return config.audit_log ?? join(stateDir(env), 'audit.log');
}

/** Where the console leaves its token for runbook steps (see runbooks/step-token-file.ts). */
export function stepTokenDir(env: Env = process.env): string {
  return join(stateDir(env), 'run');
}
