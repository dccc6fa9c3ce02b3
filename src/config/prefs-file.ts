// The preferences file read without `conf` (and its schema validator), for
// the commands that must start fast and only need to know who is acting.

import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { configDir } from './paths.js';
import type { PrefStore, Prefs } from './prefs.js';

export const PREF_DEFAULTS: Prefs = { refresh: '1s', theme: 'auto', bell: true };

/** The preferences as conf wrote them, or undefined when there are none. */
export function readPrefsQuick(env: NodeJS.ProcessEnv = process.env): Pick<PrefStore, 'get'> | undefined {
  try {
    const data = JSON.parse(readFileSync(join(configDir(env), 'preferences.json'), 'utf8')) as Partial<Prefs>;
    return { get: (key) => (data[key] ?? PREF_DEFAULTS[key]) as never };
  } catch {
    return undefined;
  }
}

/** Who is acting: the preference, else the login name. */
export function operatorName(prefs: Pick<PrefStore, 'get'> | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromPrefs = prefs?.get('operator');
  if (fromPrefs) return fromPrefs;
  if (env.USER) return env.USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
