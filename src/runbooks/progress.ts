// Where an engineer got to in a runbook, per alert, so the next engineer who
// opens it (or the same one after a reconnect) sees it: each step done or
// skipped, with who, when, and what a run printed. One small JSON file,
// rewritten atomically; point progress_dir at a shared directory to share it
// between engineers on a jump host.

import fs from 'node:fs';
import { writeFileAtomic } from '../sources/atomic-file.js';

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

export class ProgressStore {
  constructor(private readonly path: string) {}

  private read(): File {
    try {
      const data = JSON.parse(fs.readFileSync(this.path, 'utf8')) as File;
      return data && data.version === 1 && data.progress && typeof data.progress === 'object' ? data : { version: 1, progress: {} };
    } catch {
      return { version: 1, progress: {} };
    }
  }

  get(key: string): Progress | undefined {
    return this.read().progress[key];
  }

  /** Merges into the step's record; re-reads first so two engineers' marks on different steps both stay. */
  record(key: string, runbook: string, stepKey: string, change: StepRecord): Progress {
    const file = this.read();
    const p = file.progress[key] && file.progress[key].runbook === runbook ? file.progress[key] : { runbook, steps: {} };
    const next = { ...p.steps[stepKey], ...change };
    if (next.run && next.run.output.length > MAX_KEPT_OUTPUT) next.run = { ...next.run, output: next.run.output.slice(-MAX_KEPT_OUTPUT) };
    p.steps[stepKey] = next;
    file.progress[key] = p;
    writeFileAtomic(this.path, JSON.stringify(file, null, 1));
    return p;
  }

  clear(key: string): void {
    const file = this.read();
    delete file.progress[key];
    writeFileAtomic(this.path, JSON.stringify(file, null, 1));
  }
}
