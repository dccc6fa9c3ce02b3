import type { ConfigIssue } from '../config/issue.js';
import { formatIssue } from '../config/issue.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Each problem as `FILE:LINE:COL: path: message`; a warning says it was ignored. */
export function printIssues(issues: ConfigIssue[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const issue of issues) stream.write(`${formatIssue(issue)}${issue.level === 'warning' ? ' (ignored)' : ''}\n`);
}
