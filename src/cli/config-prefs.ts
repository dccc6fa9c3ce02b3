// `gptmon config prefs [key [value]]`: show or set one's preferences.

import { operatorName, parsePref, PREF_KEYS, readPrefs, writePref, type PrefKey } from '../config/prefs.js';
import { didYouMean } from '../util/closest.js';
import { writeErr, writeOut } from './output.js';

export async function runConfigPrefs(key: string | undefined, value: string | undefined): Promise<number> {
  const { prefs, path, problems } = readPrefs();
  for (const p of problems) writeErr(`gptmon: ${p}\n`);
  if (!key) {
    for (const k of PREF_KEYS) {
      const v = k === 'operator' ? `${operatorName(prefs)}${prefs.operator ? '' : '  (from $USER)'}` : String(prefs[k]);
      writeOut(`${k.padEnd(9)} ${v}\n`);
    }
    writeOut(`# stored in ${path}\n`);
    return 0;
  }
  if (!(PREF_KEYS as readonly string[]).includes(key)) {
    writeErr(`gptmon: unknown preference "${key}"${didYouMean(key, PREF_KEYS)}; known: ${PREF_KEYS.join(', ')}\n`);
    return 1;
  }
  const k = key as PrefKey;
  if (value === undefined) {
    writeOut(`${k === 'operator' ? operatorName(prefs) : String(prefs[k])}\n`);
    return 0;
  }
  const parsed = parsePref(k, value);
  if (!parsed.ok) {
    writeErr(`gptmon: ${parsed.error}\n`);
    return 1;
  }
  const written = writePref(k, parsed.value);
  if (!written.ok) {
    writeErr(`gptmon: cannot save preferences: ${written.reason}\n`);
    return 1;
  }
  if (written.warning) writeErr(`gptmon: warning: ${written.warning}\n`);
  writeOut(`${k} = ${String(parsed.value)}\n`);
  return 0;
}
