// Running a runbook step's command: only when asked, with a confirmation, a
// time limit and its output captured. Commands that restart, flush, kill or
// delete need their program's name typed, so muscle memory cannot fire them.

import { spawn } from 'node:child_process';

const DESTRUCTIVE = /\b(restart|reboot|shutdown|stop|flush\w*|kill|pkill|killall|delete|rm|rmdir|drop|truncate|halt|flatten|failover|fallback-model|reduce|resume|purge|wipe)\b/i;

export interface Confirmation {
  destructive: boolean;
  /** What must be typed for a destructive command: its program's name. */
  word: string;
}

/** The program a command runs, past `sudo` and VAR=value prefixes. */
export function programOf(command: string): string {
  const words = command.trim().split(/\s+/);
  let i = 0;
  while (i < words.length && (words[i] === 'sudo' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!))) i++;
  return words[i] ?? words[0] ?? '';
}

export function confirmationFor(command: string): Confirmation {
  return { destructive: DESTRUCTIVE.test(command), word: programOf(command) };
}

/** Whether what was typed confirms running this command. */
export function confirms(command: string, typed: string): boolean {
  const c = confirmationFor(command);
  return c.destructive ? typed.trim() === c.word : /^y(es)?$/i.test(typed.trim());
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  output: string;
  truncated: boolean;
  ms: number;
}

export const MAX_OUTPUT_BYTES = 64 * 1024;

export function runCommand(command: string, opts: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    const take = (d: Buffer) => {
      if (size >= MAX_OUTPUT_BYTES) return void (truncated = true);
      chunks.push(d.subarray(0, MAX_OUTPUT_BYTES - size));
      size += d.length;
      if (size > MAX_OUTPUT_BYTES) truncated = true;
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    // The whole process group, so a pipeline or a child it started dies too.
    const killAll = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killAll('SIGTERM');
      setTimeout(() => killAll('SIGKILL'), 1000).unref();
    }, opts.timeoutMs);
    const finish = (exitCode: number | null, signal: string | null) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, output: Buffer.concat(chunks).toString('utf8'), truncated, ms: Math.round(performance.now() - started) });
    };
    child.on('error', (err) => {
      chunks.push(Buffer.from(String(err.message)));
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}
