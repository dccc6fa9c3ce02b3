// The runbooks as the console sets them up: steps run with the console's
// targets and config, this checkout's gptmon first on PATH, and the token
// handed over as a private file instead of a variable. `close()` stops the
// steps still running and removes that file.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { userConfigFile } from '../config/paths.js';
import { stepTokenDir } from '../store/state-paths.js';
import type { Config } from '../config/types.js';
import { loadRunbooks } from './load.js';
import { RunbookService } from './service.js';
import { writeStepTokenFile } from './step-token-file.js';
import type { Recorder } from '../incidents/recorder.js';
import { splitCredentials } from '../util/mask-url.js';

export interface ConsoleRunbooks {
  service: RunbookService;
  /** Something the engineer should know at start (the token file could not be written). */
  problem?: string;
  /** Removes the token file now; safe to call more than once, and from an exit handler. */
  removeTokenFile(): void;
  /** Stops running steps, then removes the token file. */
  close(): Promise<void>;
}

function readSecret(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The config file a step's gptmon must read to see what the console sees: the one named by --config or GPTMON_CONFIG. */
function namedConfig(config: Config, env: NodeJS.ProcessEnv): string | undefined {
  const last = config.files.at(-1);
  return last && resolve(last) !== resolve(userConfigFile(env)) ? resolve(last) : undefined;
}

export interface ConsoleRunbooksOptions {
  config: Config;
  progressFile: string;
  operator: string;
  /** The console's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** False in a read-only console, which runs no steps: then the token is not written anywhere. */
  stepsRun?: boolean;
  pid?: number;
  /** The flight recorder: marks and runs land on the incidents' timelines. */
  recorder?: Recorder;
}

export function consoleRunbooks(opts: ConsoleRunbooksOptions): ConsoleRunbooks {
  const env = opts.env ?? process.env;
  const { config } = opts;
  const add: Record<string, string> = { GPTMON_TRADER_URL: config.trader };
  if (config.prometheus) add.GPTMON_PROMETHEUS_URL = config.prometheus;
  if (config.alertmanager) add.GPTMON_ALERTMANAGER_URL = config.alertmanager.join(',');
  const configFile = namedConfig(config, env);
  if (configFile) add.GPTMON_CONFIG = configFile;

  const token = env.GPTMON_TOKEN?.trim();
  // A password in a back end's URL reaches the steps in GPTMON_*_URL: kept out of what they print.
  const urlPasswords = [config.prometheus, ...(config.alertmanager ?? [])].map((u) => (u ? splitCredentials(u).password : undefined));
  const secrets = [token, readSecret(config.token_file), readSecret(env.GPTMON_TOKEN_FILE), ...urlPasswords].filter((s): s is string => Boolean(s));
  let problem: string | undefined;
  let removeTokenFile = () => {};
  if (token && opts.stepsRun !== false) {
    const file = writeStepTokenFile(stepTokenDir(env), token, opts.pid);
    if (file.ok) {
      add.GPTMON_TOKEN_FILE = file.path;
      removeTokenFile = file.remove;
    } else problem = `${file.reason}: gptmon in a runbook step will find no token`;
  }

  const loaded = loadRunbooks(config.runbooks_dir);
  const service = new RunbookService({ ...loaded, progressFile: opts.progressFile, operator: opts.operator, stepTimeoutMs: config.stepTimeoutMs, env: add, baseEnv: env, secrets, ...(opts.recorder ? { recorder: opts.recorder } : {}) });
  return {
    service,
    ...(problem ? { problem } : {}),
    removeTokenFile: () => removeTokenFile(),
    close: async () => {
      await service.stop();
      removeTokenFile();
    },
  };
}
