// Where an engineer got to in a runbook, per alert, so the next engineer who
// opens it (or the same one after a reconnect) sees it: each step done,
// skipped or failed, with who, when, and what a run printed. One small JSON
// file changed under its lock; point progress_dir at a shared directory
// (group-writable, chmod 2775) to share it between engineers on a jump host.

import { readJsonFile, updateJsonFile } from './json-file.js';
import { StoreError } from './store-error.js';

export interface StepRun {
  at: number;
  operator: string;
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  ms: number;
  output: string;
}

export interface StepRecord {
  status?: 'done' | 'skipped';
  at?: number;
  operator?: string;
  /** The last time its command was run from gptmon. */
  run?: StepRun;
}

export interface Progress {
  runbook: string;
  steps: Record<string, StepRecord>;
}

type File = { version: 1; progress: Record<string, Progress> };

const MAX_KEPT_OUTPUT = 4096;

function decode(raw: unknown): File {
  const data = raw as File | undefined;
  return data && data.version === 1 && data.progress && typeof data.progress === 'object' ? data : { version: 1, progress: {} };
}

export class ProgressStore {
  constructor(readonly path: string) {}

  /** Everything recorded; throws a StoreError when the file exists but cannot be read. */
  all(): Record<string, Progress> {
    const read = readJsonFile(this.path);
    if (!read.ok) throw new StoreError(read.reason);
    return decode(read.value).progress;
  }

  get(key: string): Progress | undefined {
    return this.all()[key];
  }

  /**
   * Merges into the step's record under the file's lock, re-reading first, so
   * two engineers' marks both stay. Throws a StoreError when it cannot be kept.
   */
  record(key: string, runbook: string, stepKey: string, change: StepRecord): { progress: Progress; warning?: string } {
    let progress: Progress | undefined;
    const res = updateJsonFile(this.path, decode, (file) => {
      const p = file.progress[key] && file.progress[key].runbook === runbook ? file.progress[key] : { runbook, steps: {} };
      const next = { ...p.steps[stepKey], ...change };
      if (next.run && next.run.output.length > MAX_KEPT_OUTPUT) next.run = { ...next.run, output: next.run.output.slice(-MAX_KEPT_OUTPUT) };
      p.steps[stepKey] = next;
      file.progress[key] = p;
      progress = p;
      return file;
    });
    return { progress: progress!, ...(res.warning ? { warning: res.warning } : {}) };
  }

  clear(key: string): void {
    updateJsonFile(this.path, decode, (file) => {
      delete file.progress[key];
      return file;
    });
  }
}
