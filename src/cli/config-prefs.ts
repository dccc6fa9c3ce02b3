import { openPrefs, operatorName, parsePref, PREF_KEYS, type PrefKey } from '../config/prefs.js';
import { didYouMean } from '../util/closest.js';
import { writeErr, writeOut } from './output.js';

export async function runConfigPrefs(key: string | undefined, value: string | undefined): Promise<number> {
  let prefs;
  try {
    prefs = await openPrefs();
  } catch (err) {
    writeErr(`gptmon: cannot open preferences: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  if (!key) {
    for (const k of PREF_KEYS) {
      const v = k === 'operator' ? `${operatorName(prefs)}${prefs.get('operator') ? '' : '  (from $USER)'}` : String(prefs.get(k));
      writeOut(`${k.padEnd(9)} ${v}\n`);
    }
    writeOut(`# stored in ${prefs.path}\n`);
    return 0;
  }
  if (!(PREF_KEYS as readonly string[]).includes(key)) {
    writeErr(`gptmon: unknown preference "${key}"${didYouMean(key, PREF_KEYS)}; known: ${PREF_KEYS.join(', ')}\n`);
    return 1;
  }
  const k = key as PrefKey;
  if (value === undefined) {
    writeOut(`${k === 'operator' ? operatorName(prefs) : String(prefs.get(k))}\n`);
    return 0;
  }
  const parsed = parsePref(k, value);
  if (!parsed.ok) {
    writeErr(`gptmon: ${parsed.error}\n`);
    return 1;
  }
  prefs.set(k, parsed.value as never);
  writeOut(`${k} = ${String(parsed.value)}\n`);
  return 0;
}
