// Per-user preferences (who is acting, refresh, theme, bell), kept beside
// gptmon.yaml as preferences.json. This is the one module that reads and
// writes that file. Not through `conf`: loading it (ajv and friends) cost
// 60-100 ms, more than a control may spend starting, for a file of four keys;
// the file stays the JSON object conf wrote, so existing preferences carry over.
// A value that is not valid is ignored (its default applies) and named: a
// hand-edited file must not stop the console opening, nor a halt.

import { userInfo } from 'node:os';
import { join } from 'node:path';
import { readJsonFile, updateJsonFile } from '../store/json-file.js';
import { errorLine } from '../store/store-error.js';
import { configDir } from './paths.js';
import { parseDurationMs } from './units.js';

export interface Prefs {
  operator?: string;
  refresh: string;
  theme: 'auto' | 'dark' | 'light' | 'mono';
  bell: boolean;
}

export const PREF_DEFAULTS: Prefs = { refresh: '1s', theme: 'auto', bell: true };

export const PREF_KEYS = ['operator', 'refresh', 'theme', 'bell'] as const;
export type PrefKey = (typeof PREF_KEYS)[number];

const THEMES = ['auto', 'dark', 'light', 'mono'] as const;

export function prefsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'preferences.json');
}

type Parsed = { ok: true; value: Prefs[PrefKey] } | { ok: false; error: string };

/** Checks a value typed on the command line; returns it typed, or an error line. */
export function parsePref(key: PrefKey, raw: string): Parsed {
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
      return (THEMES as readonly string[]).includes(raw) ? { ok: true, value: raw as Prefs['theme'] } : { ok: false, error: 'theme: one of auto, dark, light, mono' };
    case 'bell':
      if (/^(on|true|yes|1)$/i.test(raw)) return { ok: true, value: true };
      if (/^(off|false|no|0)$/i.test(raw)) return { ok: true, value: false };
      return { ok: false, error: 'bell: on or off' };
  }
}

/** A value as stored: the JSON type each key is written with (bell a boolean, the rest strings). */
function checkStored(key: PrefKey, value: unknown): Parsed {
  if (key === 'bell') return typeof value === 'boolean' ? { ok: true, value } : { ok: false, error: 'bell: on or off' };
  return typeof value === 'string' ? parsePref(key, value) : parsePref(key, '');
}

export interface LoadedPrefs {
  prefs: Prefs;
  path: string;
  /** What was wrong with the file (unreadable, not JSON, a bad value): said, and ignored. */
  problems: string[];
}

/** The preferences, defaults for what is missing or not valid. Never throws. */
export function readPrefs(env: NodeJS.ProcessEnv = process.env): LoadedPrefs {
  const path = prefsFile(env);
  const prefs: Prefs = { ...PREF_DEFAULTS };
  const read = readJsonFile(path);
  if (!read.ok) return { prefs, path, problems: [`${read.reason}; using the defaults`] };
  if (read.missing) return { prefs, path, problems: [] };
  if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) return { prefs, path, problems: [`${path} is not a JSON object; using the defaults`] };
  const stored = read.value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of PREF_KEYS) {
    if (stored[key] === undefined) continue;
    const checked = checkStored(key, stored[key]);
    if (checked.ok) (prefs as unknown as Record<string, unknown>)[key] = checked.value;
    else problems.push(`${path}: ${checked.error} (ignored)`);
  }
  return { prefs, path, problems };
}

/** Sets one preference, under the file's lock, keeping whatever else the file holds. */
export function writePref<K extends PrefKey>(key: K, value: Prefs[K], env: NodeJS.ProcessEnv = process.env): { ok: true; warning?: string } | { ok: false; reason: string } {
  try {
    const done = updateJsonFile<Record<string, unknown>>(
      prefsFile(env),
      (raw) => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}),
      (current) => ({ ...current, [key]: value }),
      (v) => `${JSON.stringify(v, null, '\t')}\n`,
    );
    return done.warning ? { ok: true, warning: done.warning } : { ok: true };
  } catch (err) {
    return { ok: false, reason: errorLine(err) };
  }
}

/** Who is acting: the preference, else the login name. */
export function operatorName(prefs: Pick<Prefs, 'operator'> | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (prefs?.operator) return prefs.operator;
  if (env.USER) return env.USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
