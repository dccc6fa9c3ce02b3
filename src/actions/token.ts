// The control API's token: GPTMON_TOKEN, or a token file named in the config
// that only its owner can read. It is never printed.

import { readFileSync, statSync } from 'node:fs';

export type TokenResult = { ok: true; token: string; from: string } | { ok: false; reason: string };

export function resolveToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): TokenResult {
  if (env.GPTMON_TOKEN) return { ok: true, token: env.GPTMON_TOKEN.trim(), from: 'GPTMON_TOKEN' };
  if (!tokenFile) return { ok: false, reason: 'no token: set GPTMON_TOKEN, or token_file in the config' };
  let mode: number;
  try {
    mode = statSync(tokenFile).mode;
  } catch (err) {
    return { ok: false, reason: `token file ${tokenFile}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}` };
  }
  // A secret others can read is a leaked secret: refuse it rather than use it.
  if (mode & 0o077) return { ok: false, reason: `token file ${tokenFile} is readable by others (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${tokenFile}` };
  try {
    const token = readFileSync(tokenFile, 'utf8').trim();
    return token ? { ok: true, token, from: tokenFile } : { ok: false, reason: `token file ${tokenFile} is empty` };
  } catch (err) {
    return { ok: false, reason: `token file ${tokenFile}: ${(err as Error).message}` };
  }
}

/** Loopback names and addresses: the only places a token may go over plain http by default. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** A bearer token over plain http crosses the network readable by anyone on the path. */
export function checkTransport(url: string, allowInsecure: boolean): { ok: true } | { ok: false; reason: string } {
  const u = new URL(url);
  if (u.protocol === 'https:' || isLoopback(u.hostname) || allowInsecure) return { ok: true };
  return { ok: false, reason: `refusing to send the token over plain http to ${u.host}: use https, or set allow_insecure: true in the config` };
}

/** Not a single character of it: a partial token still narrows a guess. */
export function maskToken(_token: string): string {
  return '********';
}
