// Where the configuration comes from (contract §3), first match wins:
// flags, environment, the file named by --config or GPTMON_CONFIG, the user's
// config file, and under them all the playbook's own defaults.

import { readFileSync, statSync } from 'node:fs';
import { compile, type TargetOverride } from './compile.js';
import { DEFAULT_ALERTS_YAML, DEFAULT_METRICS_YAML } from './defaults.js';
import { leveled, type ConfigIssue } from './issue.js';
import { readLayer, type ConfigLayer } from './layer.js';
import { userConfigFile } from './paths.js';
import type { Config } from './types.js';
import { parseYaml, yamlFromValue } from './yaml-cursor.js';

export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ConfigFlags {
  config?: string;
  trader?: string;
  prometheus?: string;
  alertmanager?: string;
  database?: string;
}

export interface Loaded {
  config: Config;
  issues: ConfigIssue[];
}

const at1 = (file: string, message: string): ConfigIssue => ({ file, line: 1, col: 1, path: '', message });

/** Reads and parses one file; every problem comes back located, nothing throws. */
export function readConfigFile(file: string): { layer?: ConfigLayer; issues: ConfigIssue[] } {
  let text: string;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { issues: [{ file, line: 0, col: 0, path: '', message: 'is a directory, not a config file' }] };
    if (st.size > MAX_CONFIG_BYTES) {
      return { issues: [at1(file, `file is ${(st.size / 1024 / 1024).toFixed(1)} MB; a config over 1 MB is refused (is this the right file?)`)] };
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read: ${(err as Error).message}`;
    return { issues: [{ file, line: 0, col: 0, path: '', message }] };
  }
  if (text.trim() === '') return { issues: [at1(file, 'file is empty: write at least one setting, or remove the file to use the defaults')] };
  if (text.includes('\0')) return { issues: [at1(file, 'file is binary, not YAML')] };
  const parsed = parseYaml(text, file);
  if (parsed.issues.length) return { issues: parsed.issues };
  if (parsed.root.isMissing()) return { issues: [at1(file, 'file has no settings (only comments?)')] };
  const layer = readLayer(parsed.root, `file ${file}`);
  return { layer, issues: parsed.issues };
}

function builtinLayer(): { layer: ConfigLayer; issues: ConfigIssue[] } {
  const parsed = yamlFromValue({ metrics: DEFAULT_METRICS_YAML, alerts: DEFAULT_ALERTS_YAML }, '(built-in playbook)');
  return { layer: readLayer(parsed.root, 'default'), issues: parsed.issues };
}

function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Loaded {
  const sources: Array<{ layer?: ConfigLayer; issues: ConfigIssue[] }> = [builtinLayer()];
  const userFile = userConfigFile(env);
  if (fileExists(userFile)) sources.push(readConfigFile(userFile));
  const named = flags.config ?? env.GPTMON_CONFIG;
  if (named) sources.push(readConfigFile(named));

  const targets: Partial<Record<'trader' | 'prometheus' | 'alertmanager' | 'database', TargetOverride>> = {};
  for (const name of ['trader', 'prometheus', 'alertmanager'] as const) {
    const envName = `GPTMON_${name.toUpperCase()}_URL`;
    if (flags[name]) targets[name] = { value: flags[name], origin: 'flag', label: `--${name}` };
    else if (env[envName]) targets[name] = { value: env[envName], origin: 'env', label: envName };
  }

  if (flags.database) targets.database = { value: flags.database, origin: 'flag', label: '--database' };
  else if (env.GPTMON_DATABASE_URL) targets.database = { value: env.GPTMON_DATABASE_URL, origin: 'env', label: 'GPTMON_DATABASE_URL' };

  const layers = sources.flatMap((s) => (s.layer ? [s.layer] : []));
  const { config, issues } = compile(layers, targets);
  // Cursor-raised issues land in each source's own list, also during compile.
  return { config, issues: [...sources.flatMap((s) => s.issues), ...issues].map(leveled) };
}

/** `gptmon config check FILE`: the file on its own over the defaults. */
export function checkConfigFile(file: string): ConfigIssue[] {
  const builtin = builtinLayer();
  const one = readConfigFile(file);
  if (!one.layer) return one.issues;
  const { issues } = compile([builtin.layer, one.layer], {});
  return [...builtin.issues, ...one.issues, ...issues].map(leveled);
}
