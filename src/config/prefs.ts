// Per-user preferences, kept by `conf` beside gptmon.yaml as preferences.json.
// Loaded lazily: only the console and `config prefs` need conf itself.

import { configDir } from './paths.js';
import { parseDurationMs } from './units.js';

export interface Prefs {
  operator?: string;
  refresh: string;
  theme: 'auto' | 'dark' | 'light' | 'mono';
  bell: boolean;
}

import { PREF_DEFAULTS } from './prefs-file.js';

export { PREF_DEFAULTS };

export const PREF_KEYS = ['operator', 'refresh', 'theme', 'bell'] as const;
export type PrefKey = (typeof PREF_KEYS)[number];

/** Checks a value typed on the command line; returns it typed, or an error line. */
export function parsePref(key: PrefKey, raw: string): { ok: true; value: Prefs[PrefKey] } | { ok: false; error: string } {
  switch (key) {
    case 'operator':
      return raw.trim() ? { ok: true, value: raw.trim() } : { ok: false, error: 'operator: give a name, e.g. ana' };
    case 'refresh': {
      const r = parseDurationMs(raw);
      if (!r.ok) return { ok: false, error: `refresh: ${r.error}` };
      if (r.value < 250) return { ok: false, error: 'refresh: at least 250ms' };
      return { ok: true, value: raw };
    }
    case 'theme':
      return ['auto', 'dark', 'light', 'mono'].includes(raw) ? { ok: true, value: raw as Prefs['theme'] } : { ok: false, error: 'theme: one of auto, dark, light, mono' };
    case 'bell':
      if (/^(on|true|yes|1)$/i.test(raw)) return { ok: true, value: true };
      if (/^(off|false|no|0)$/i.test(raw)) return { ok: true, value: false };
      return { ok: false, error: 'bell: on or off' };
  }
}

export interface PrefStore {
  get<K extends PrefKey>(key: K): Prefs[K];
  set<K extends PrefKey>(key: K, value: Prefs[K]): void;
  path: string;
}

export async function openPrefs(env: NodeJS.ProcessEnv = process.env): Promise<PrefStore> {
  const { default: Conf } = await import('conf');
  const store = new Conf<Prefs>({
    projectName: 'gptmon',
    projectSuffix: '',
    configName: 'preferences',
    cwd: configDir(env),
    defaults: PREF_DEFAULTS,
    // A hand-edited file with a bad value must not stop the console opening.
    clearInvalidConfig: true,
  });
  return store as unknown as PrefStore;
}

export { operatorName, readPrefsQuick } from './prefs-file.js';
