// The runbooks as the console uses them: find one, see and record progress on
// it, and run a step's command once it is confirmed. Nothing here runs by itself.

import { findRunbook, runbookNames, type Found } from './lookup.js';
import { ProgressStore, type Progress } from '../store/progress-file.js';
import { confirms, runCommand, type RunResult } from './runner.js';
import type { Runbook, RunbookIssue, Step } from './types.js';
import { errorLine } from '../store/store-error.js';

/** A mark kept, or why it could not be. */
export type Saved = { ok: true; progress: Progress; warning?: string } | { ok: false; reason: string };

export interface RunbookServiceOptions {
  runbooks: Runbook[];
  issues: RunbookIssue[];
  progressFile: string;
  operator: string;
  stepTimeoutMs: number;
  /** Added to a step's environment: the targets, so `$GPTMON_TRADER_URL` in a runbook means this trader. */
  env?: Record<string, string>;
  clock?: () => number;
}

export class RunbookService {
  private readonly store: ProgressStore;
  private readonly clock: () => number;

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
      return { ok: true, progress: res.progress, ...(res.warning ? { warning: res.warning } : {}) };
    } catch (err) {
      return { ok: false, reason: errorLine(err) };
    }
  }

  /** Runs the step's command if `typed` confirms it; the result is recorded either way it ran. */
  async run(key: string, runbook: Runbook, step: Step, typed: string): Promise<{ ran: false; reason: string } | { ran: true; result: RunResult; saved: Saved }> {
    if (!step.command) return { ran: false, reason: 'this step has no command' };
    if (!confirms(step.command, typed)) return { ran: false, reason: 'not confirmed: nothing was run' };
    const at = this.clock();
    const result = await runCommand(step.command, { timeoutMs: this.opts.stepTimeoutMs, env: { ...process.env, ...this.opts.env } });
    let saved: Saved;
    try {
      const res = this.store.record(key, runbook.id, step.key, {
        run: { at, operator: this.opts.operator, command: step.command, exitCode: result.exitCode, timedOut: result.timedOut, ms: result.ms, output: result.output },
      });
      saved = { ok: true, progress: res.progress, ...(res.warning ? { warning: res.warning } : {}) };
    } catch (err) {
      saved = { ok: false, reason: errorLine(err) };
    }
    return { ran: true, result, saved };
  }
}
