import { homedir } from 'node:os';
import { join } from 'node:path';

// XDG base directories, so config lands where Linux users look (state: src/store/state-paths.ts).

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'gptmon');
}

export function userConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'gptmon.yaml');
}

/** `~/x` in a config value means the user's home, as people expect. */
export function expandHome(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}
