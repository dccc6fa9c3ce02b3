import type { ConfigIssue } from '../config/issue.js';
import { formatIssue } from '../config/issue.js';
import { terminalSafe } from '../util/sanitize.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/**
 * The one way a command writes human text. Outside text is sanitised where it
 * is put into words; this is the last defence behind that: a path that forgot
 * can at worst show junk, never retitle the terminal, write the clipboard or
 * move the cursor. (`--json` and files for machines are written as they are.)
 */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  stream.write(terminalSafe(text));
}

export const writeOut = (text: string): void => writeText(process.stdout, text);
export const writeErr = (text: string): void => writeText(process.stderr, text);

/** Each problem as `FILE:LINE:COL: path: message`; a warning says it was ignored. */
export function printIssues(issues: ConfigIssue[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const issue of issues) writeText(stream, `${formatIssue(issue)}${issue.level === 'warning' ? ' (ignored)' : ''}\n`);
}
