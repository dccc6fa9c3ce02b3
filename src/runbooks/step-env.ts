// The environment a runbook step runs in: the console's own, minus the control
// API's token (a step's output is kept in a shared file and shown on screen),
// plus the targets, and with this checkout's `gptmon` first on PATH, so a
// step's `gptmon halt …` is the same gptmon, reading the same config, and
// finds the token itself (through GPTMON_TOKEN_FILE or the config's token_file).

import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bin/ at the package root (it holds `gptmon`), from src/runbooks or dist/bundle alike. */
export const BIN_DIR = fileURLToPath(new URL('../../bin/', import.meta.url)).replace(/\/$/, '');

/** Secrets shorter than this are only removed where a variable equals them, not searched for in text. */
const MIN_SEARCHED = 6;

export interface StepEnvOptions {
  /** The console's environment. */
  base: NodeJS.ProcessEnv;
  /** Set on top: the targets, GPTMON_TOKEN_FILE, GPTMON_CONFIG. */
  add?: Record<string, string>;
  /** Values that must not reach a step (the token, from wherever it came). */
  secrets?: string[];
  /** The directory holding this checkout's executable `gptmon`. */
  binDir?: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The secrets to keep from a step: those given, and GPTMON_TOKEN's value. */
export function stepSecrets(base: NodeJS.ProcessEnv, more: string[] = []): string[] {
  const all = [base.GPTMON_TOKEN?.trim(), ...more.map((s) => s.trim())].filter((s): s is string => Boolean(s));
  return [...new Set(all)];
}

const holds = (value: string, secret: string) => value.trim() === secret || (secret.length >= MIN_SEARCHED && value.includes(secret));

export function stepEnvironment(opts: StepEnvOptions): NodeJS.ProcessEnv {
  const secrets = stepSecrets(opts.base, opts.secrets);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(opts.base)) {
    if (v === undefined || k === 'GPTMON_TOKEN') continue;
    if (secrets.some((s) => holds(v, s))) continue;
    env[k] = v;
  }
  Object.assign(env, opts.add);
  const bin = opts.binDir ?? BIN_DIR;
  const path = (env.PATH ?? '').split(delimiter).filter((p) => p && p !== bin);
  // The node running the console, last: bin/gptmon's `env node` must find one, and a step's own node comes first.
  const nodeDir = dirname(process.execPath);
  env.PATH = [...(isExecutable(join(bin, 'gptmon')) ? [bin] : []), ...path, ...(path.includes(nodeDir) ? [] : [nodeDir])].join(delimiter);
  return env;
}

/** A step's output with every secret replaced, in case a step printed one anyway. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('********');
  return out;
}
