// Running a runbook step's command: only once confirmed (see danger.ts), with
// a time limit, its output captured, and its whole process group stopped at
// the limit or when the console quits.

import { spawn } from 'node:child_process';

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  output: string;
  truncated: boolean;
  ms: number;
}

export const MAX_OUTPUT_BYTES = 64 * 1024;

/** How long a step has after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 500;

export interface RunOptions {
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Aborting stops the command's whole process group at once (the console quitting). */
  signal?: AbortSignal;
}

export function runCommand(command: string, opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('/bin/sh', ['-c', command], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (err) {
      return resolve({ exitCode: null, signal: null, timedOut: false, output: `cannot start: ${(err as Error).message}`, truncated: false, ms: 0 });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let done = false;
    const take = (d: Buffer) => {
      if (size >= MAX_OUTPUT_BYTES) return void (truncated = true);
      chunks.push(d.subarray(0, MAX_OUTPUT_BYTES - size));
      size += d.length;
      if (size > MAX_OUTPUT_BYTES) truncated = true;
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    // The whole process group, so a pipeline or a child it started dies too.
    const killAll = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (done || killTimer) return;
      killAll('SIGTERM');
      killTimer = setTimeout(() => {
        killAll('SIGKILL');
        // A process that left the group may still hold the output open: stop waiting for it.
        drainTimer = setTimeout(() => {
          child.stdout!.destroy();
          child.stderr!.destroy();
          finish(exit?.code ?? null, exit?.signal ?? 'SIGKILL');
        }, 200);
      }, KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = () => stop();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) stop();
    const finish = (exitCode: number | null, signal: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Stopping: whatever of the group outlived its leader goes too.
      if (killTimer) killAll('SIGKILL');
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode, signal, timedOut, output: Buffer.concat(chunks).toString('utf8'), truncated, ms: Math.round(performance.now() - started) });
    };
    child.on('error', (err) => {
      chunks.push(Buffer.from(String(err.message)));
      finish(null, null);
    });
    child.on('exit', (code, signal) => (exit = { code, signal }));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
