import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveToken } from '../../src/actions/token.js';
import { useTempDir } from '../helpers/temp.js';

// A token is one line of printable ASCII; anything else is refused with a
// reason that names where it came from and never shows the token.

const tmp = useTempDir();
const privateFile = (text: string | Buffer) => {
  const f = tmp.file('token', text);
  chmodSync(f, 0o600);
  return f;
};

describe('resolveToken', () => {
  it.each([
    ['abc-123_XYZ.~', 'abc-123_XYZ.~'],
    ['abc\n', 'abc'],
    ['abc\r\n', 'abc'],
  ])('a file holding %j gives the token', (text, token) => {
    expect(resolveToken(privateFile(text), {})).toEqual({ ok: true, token, from: expect.any(String) as string });
  });

  it.each([
    ['abc\n\n', /has more than one line/],
    ['abc\n# rotated 2026-11\n', /has more than one line/],
    ['', /is empty$/],
    ['\n', /is empty$/],
    [' abc', /has a space at character 1;/],
    ['ab\tc', /has a tab at character 3;/],
    ['abc\x1b[2J', /has a control character at character 4;/],
    [Buffer.from('abcé', 'utf8'), /has a character that is not ASCII at character 4;/],
  ])('a file holding %j is refused', (text, reason) => {
    const file = privateFile(text);
    const r = resolveToken(file, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(new RegExp(`^token file ${file} `));
      expect(r.reason).toMatch(reason);
    }
  });

  it('GPTMON_TOKEN is checked the same way, and a line break in it is refused', () => {
    expect(resolveToken(undefined, { GPTMON_TOKEN: 'secret\n' })).toEqual({ ok: false, reason: 'GPTMON_TOKEN has a line break at character 7; a token is one line of printable ASCII' });
    expect(resolveToken(undefined, { GPTMON_TOKEN: 'secret' })).toEqual({ ok: true, token: 'secret', from: 'GPTMON_TOKEN' });
  });

  it('GPTMON_TOKEN, then GPTMON_TOKEN_FILE, then token_file', () => {
    const envFile = privateFile('from-env-file\n');
    expect(resolveToken('/nonexistent', { GPTMON_TOKEN: 'from-env', GPTMON_TOKEN_FILE: envFile })).toMatchObject({ ok: true, token: 'from-env' });
    expect(resolveToken('/nonexistent', { GPTMON_TOKEN: '', GPTMON_TOKEN_FILE: envFile })).toMatchObject({ ok: true, token: 'from-env-file', from: envFile });
    expect(resolveToken('/nonexistent', {})).toEqual({ ok: false, reason: 'token file /nonexistent: no such file' });
    expect(resolveToken(undefined, {})).toEqual({ ok: false, reason: 'no token: set GPTMON_TOKEN or GPTMON_TOKEN_FILE, or token_file in the config' });
  });

  it('a token file others can read is refused, whichever way it is named', () => {
    const f = tmp.file('open-token', 'abc\n');
    chmodSync(f, 0o644);
    expect(resolveToken(undefined, { GPTMON_TOKEN_FILE: f })).toEqual({ ok: false, reason: `token file ${f} (GPTMON_TOKEN_FILE) is readable by others (mode 644): run chmod 600 ${f}` });
    expect(resolveToken(f, {})).toEqual({ ok: false, reason: `token file ${f} is readable by others (mode 644): run chmod 600 ${f}` });
  });
});
