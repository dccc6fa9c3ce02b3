// The runbooks as the console uses them: find one, see and record progress on
// it, and run a step's command once it is confirmed. Nothing here runs by itself,
// and nothing it started outlives `stop()`.

import { findRunbook, runbookNames, type Found } from './lookup.js';
import { ProgressStore, type Progress } from '../store/progress-file.js';
import { confirms } from './danger.js';
import { runCommand, type RunResult } from './runner.js';
import { redact, stepEnvironment, stepSecrets } from './step-env.js';
import type { Runbook, RunbookIssue, Step } from './types.js';
import { errorLine } from '../store/store-error.js';
import type { Recorder } from '../incidents/recorder.js';

/** A mark kept, or why it could not be. */
export type Saved = { ok: true; progress: Progress; warning?: string } | { ok: false; reason: string };

export interface RunbookServiceOptions {
  runbooks: Runbook[];
  issues: RunbookIssue[];
  progressFile: string;
  operator: string;
  stepTimeoutMs: number;
  /** Added to a step's environment: the targets, so `$GPTMON_TRADER_URL` in a runbook means this trader; GPTMON_TOKEN_FILE, GPTMON_CONFIG. */
  env?: Record<string, string>;
  /** The console's environment, which a step inherits less the token (default: this process's). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Values no step may see or record: the control API's token. */
  secrets?: string[];
  clock?: () => number;
  /** The flight recorder: marks and runs land on the incidents' timelines. */
  recorder?: Recorder;
}

export class RunbookService {
  private readonly store: ProgressStore;
  private readonly clock: () => number;
  private readonly running = new Map<AbortController, Promise<unknown>>();
  private stopped = false;

  constructor(private readonly opts: RunbookServiceOptions) {
    this.store = new ProgressStore(opts.progressFile);
    this.clock = opts.clock ?? Date.now;
  }

  get runbooks(): Runbook[] {
    return this.opts.runbooks;
  }

  get issues(): RunbookIssue[] {
    return this.opts.issues;
  }

  get stepTimeoutMs(): number {
    return this.opts.stepTimeoutMs;
  }

  find(name: string): Found {
    return findRunbook(this.opts.runbooks, name);
  }

  names(): string[] {
    return runbookNames(this.opts.runbooks);
  }

  /** What is recorded for `key`, or why it cannot be read (shown, never taken for "nothing done"). */
  progress(key: string): { progress?: Progress; error?: string } {
    try {
      const progress = this.store.get(key);
      return progress ? { progress } : {};
    } catch (err) {
      return { error: errorLine(err) };
    }
  }

  mark(key: string, runbook: Runbook, step: Step, status: 'done' | 'skipped'): Saved {
    try {
      const res = this.store.record(key, runbook.id, step.key, { status, at: this.clock(), operator: this.opts.operator });
      const logged = this.log(runbook, step, { status });
      const warning = [res.warning, logged].filter(Boolean).join('; ');
      return { ok: true, progress: res.progress, ...(warning ? { warning } : {}) };
    } catch (err) {
      return { ok: false, reason: errorLine(err) };
    }
  }

  /** Runs the step's command if `typed` confirms it; the result is recorded either way it ran. */
  async run(key: string, runbook: Runbook, step: Step, typed: string): Promise<{ ran: false; reason: string } | { ran: true; result: RunResult; saved: Saved }> {
    if (!step.command) return { ran: false, reason: 'this step has no command' };
    if (!confirms(step.command, typed)) return { ran: false, reason: 'not confirmed: nothing was run' };
    if (this.stopped) return { ran: false, reason: 'the console is closing: nothing was run' };
    const at = this.clock();
    const base = this.opts.baseEnv ?? process.env;
    const secrets = stepSecrets(base, this.opts.secrets);
    const abort = new AbortController();
    const running = runCommand(step.command, { timeoutMs: this.opts.stepTimeoutMs, env: stepEnvironment({ base, secrets, ...(this.opts.env ? { add: this.opts.env } : {}) }), signal: abort.signal });
    this.running.set(abort, running);
    const raw = await running.finally(() => this.running.delete(abort));
    const result = { ...raw, output: redact(raw.output, secrets) };
    let saved: Saved;
    try {
      const res = this.store.record(key, runbook.id, step.key, {
        run: { at, operator: this.opts.operator, command: step.command, exitCode: result.exitCode, timedOut: result.timedOut, ms: result.ms, output: result.output },
      });
      const logged = this.log(runbook, step, { status: 'ran', command: step.command, exit: result.exitCode, timedOut: result.timedOut, output: result.output.split('\n').slice(0, 20).join('\n').slice(0, 2000) });
      const warning = [res.warning, logged].filter(Boolean).join('; ');
      saved = { ok: true, progress: res.progress, ...(warning ? { warning } : {}) };
    } catch (err) {
      saved = { ok: false, reason: errorLine(err) };
    }
    return { ran: true, result, saved };
  }

  /** The step on the incidents' timelines; why not, when it could not be. */
  private log(runbook: Runbook, step: Step, what: { status: 'done' | 'skipped' | 'ran'; command?: string; exit?: number | null; timedOut?: boolean; output?: string }): string | undefined {
    if (!this.opts.recorder) return undefined;
    const values = this.opts.recorder.latestValues(60_000);
    const res = this.opts.recorder.record([{ kind: 'step', step: { runbook: runbook.id, step: `${step.section} ${step.number}`, text: step.text, ...what }, ...(values ? { values } : {}) }]);
    return res.ok ? undefined : `not on the incident timeline: ${res.reason}`;
  }

  /** Stops every running step's process group (SIGTERM, then SIGKILL) and waits for them, a few seconds at most. */
  async stop(): Promise<void> {
    this.stopped = true;
    const runs = [...this.running];
    for (const [abort] of runs) abort.abort();
    if (!runs.length) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(runs.map(([, p]) => p)), new Promise((r) => (timer = setTimeout(r, 3000)))]);
    clearTimeout(timer);
  }

  /** How many steps are running now. */
  get runningCount(): number {
    return this.running.size;
  }
}
