// The control API's token: GPTMON_TOKEN, else the file GPTMON_TOKEN_FILE
// names, else token_file in the config; a file only its owner can read. It is
// checked here, once, before anything is sent: a token is one line of
// printable ASCII, because anything else cannot go in an HTTP header (and a
// request library handed one may refuse it, or worse, stop answering). It is
// never printed, not even in part.

import { readFileSync, statSync } from 'node:fs';

export type TokenResult = { ok: true; token: string; from: string } | { ok: false; reason: string };

/** What is wrong with a token's text, or undefined when it is one word of printable ASCII. */
function tokenProblem(text: string): string | undefined {
  if (text === '') return 'is empty';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) continue;
    const what = c === 0x0a || c === 0x0d ? 'a line break' : c === 0x20 ? 'a space' : c === 0x09 ? 'a tab' : c < 0x20 || c === 0x7f ? 'a control character' : 'a character that is not ASCII';
    return `has ${what} at character ${i + 1}; a token is one line of printable ASCII`;
  }
  return undefined;
}

function fromEnv(value: string): TokenResult {
  const problem = tokenProblem(value);
  return problem ? { ok: false, reason: `GPTMON_TOKEN ${problem}` } : { ok: true, token: value, from: 'GPTMON_TOKEN' };
}

function fromFile(file: string, viaEnv: boolean): TokenResult {
  const name = `token file ${file}${viaEnv ? ' (GPTMON_TOKEN_FILE)' : ''}`;
  let mode: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, reason: `${name} is not a regular file` };
    mode = st.mode;
  } catch (err) {
    return { ok: false, reason: `${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}` };
  }
  // A secret others can read is a leaked secret: refuse it rather than use it.
  if (mode & 0o077) return { ok: false, reason: `${name} is readable by others (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${file}` };
  let text: string;
  try {
    // latin1 keeps one character a byte, so a stray byte is reported where it is.
    text = readFileSync(file, 'latin1');
  } catch (err) {
    return { ok: false, reason: `${name}: ${(err as Error).message}` };
  }
  // An editor's final newline is not part of the token; a second line is something else (a comment, a second token).
  const body = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(body)) return { ok: false, reason: `${name} has more than one line; it must hold the token alone, on one line` };
  const problem = tokenProblem(body);
  return problem ? { ok: false, reason: `${name} ${problem}` } : { ok: true, token: body, from: file };
}

/** GPTMON_TOKEN, then GPTMON_TOKEN_FILE, then the config's token_file; an empty variable counts as unset. */
export function resolveToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): TokenResult {
  if (env.GPTMON_TOKEN) return fromEnv(env.GPTMON_TOKEN);
  if (env.GPTMON_TOKEN_FILE) return fromFile(env.GPTMON_TOKEN_FILE, true);
  if (tokenFile) return fromFile(tokenFile, false);
  return { ok: false, reason: 'no token: set GPTMON_TOKEN or GPTMON_TOKEN_FILE, or token_file in the config' };
}

/** Loopback names and addresses: the only places a token may go over plain http by default. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** A bearer token over plain http crosses the network readable by anyone on the path. */
export function checkTransport(url: string, allowInsecure: boolean): { ok: true } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'the trader URL is not a URL' };
  }
  if (u.protocol === 'https:' || isLoopback(u.hostname) || allowInsecure) return { ok: true };
  return { ok: false, reason: `refusing to send the token over plain http to ${u.host}: use https, or set allow_insecure: true in the config` };
}

/** Not a single character of it: a partial token still narrows a guess. */
export function maskToken(_token: string): string {
  return '********';
}
