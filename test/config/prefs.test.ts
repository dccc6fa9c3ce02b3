import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operatorName, PREF_DEFAULTS, readPrefs, writePref } from '../../src/config/prefs.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();

/** An environment whose config dir is a fresh temp dir, with `preferences.json` holding `text` if given. */
function envWith(text?: string): { env: NodeJS.ProcessEnv; file: string } {
  const env = { XDG_CONFIG_HOME: tmp.dir(), USER: 'night-owl' };
  const dir = join(env.XDG_CONFIG_HOME, 'gptmon');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'preferences.json');
  if (text !== undefined) writeFileSync(file, text);
  return { env, file };
}

describe('preferences: one reader, one writer', () => {
  it('no file: the defaults, no problem, and the operator from $USER', () => {
    const { env, file } = envWith();
    expect(readPrefs(env)).toEqual({ prefs: PREF_DEFAULTS, path: file, problems: [] });
    expect(operatorName(readPrefs(env).prefs, env)).toBe('night-owl');
  });

  it('reads the file as conf wrote it (tab-indented JSON)', () => {
    const { env } = envWith('{\n\t"refresh": "2s",\n\t"theme": "mono",\n\t"bell": false,\n\t"operator": "ana"\n}');
    expect(readPrefs(env)).toMatchObject({ prefs: { refresh: '2s', theme: 'mono', bell: false, operator: 'ana' }, problems: [] });
  });

  it('a value that is not valid is ignored and named; the others still count', () => {
    const { env, file } = envWith(JSON.stringify({ refresh: '10ms', theme: 'neon', bell: 'loud', operator: 'ana' }));
    const read = readPrefs(env);
    expect(read.prefs).toEqual({ ...PREF_DEFAULTS, operator: 'ana' });
    expect(read.problems).toEqual([`${file}: refresh: at least 250ms (ignored)`, `${file}: theme: one of auto, dark, light, mono (ignored)`, `${file}: bell: on or off (ignored)`]);
  });

  it('a file that is not JSON: the defaults, said', () => {
    const { env, file } = envWith('{ nope');
    expect(readPrefs(env)).toEqual({ prefs: PREF_DEFAULTS, path: file, problems: [`${file} is not valid JSON; using the defaults`] });
  });

  it('writes one key, keeping the others and whatever else the file holds', () => {
    const { env, file } = envWith(JSON.stringify({ theme: 'dark', future_key: 42 }));
    expect(writePref('operator', 'ana', env)).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'dark', future_key: 42, operator: 'ana' });
    expect(readPrefs(env).prefs).toMatchObject({ theme: 'dark', operator: 'ana' });
  });

  it('writing over a file that is not JSON keeps it aside and says so', () => {
    const { env, file } = envWith('{ nope');
    const res = writePref('bell', false, env);
    expect(res).toMatchObject({ ok: true, warning: expect.stringMatching(/is not valid JSON: kept it aside as .*preferences\.json\.corrupt-\d+/) });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bell: false });
    expect(readdirSync(join(file, '..')).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
  });

  it('a config dir that cannot be written: a reason, not a throw', () => {
    const { env } = envWith();
    const blocked = { ...env, XDG_CONFIG_HOME: join(tmp.file('a-file', ''), 'below') };
    const res = writePref('operator', 'ana', blocked);
    expect(res).toMatchObject({ ok: false, reason: expect.stringMatching(/a part of the path is a file, not a directory/) });
  });
});
