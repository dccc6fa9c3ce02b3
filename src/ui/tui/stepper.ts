// The runbook stepper's decisions, apart from drawing: what mark a step has,
// where the cursor opens, what the run prompt asks, and how the whole command
// is laid out in the rows there are (every line, wrapped, scrolled).

import { commandLines, confirmationFor, lineDangers, type Danger } from '../../runbooks/danger.js';
import type { Step } from '../../runbooks/types.js';
import type { Progress, StepRecord } from '../../store/progress-file.js';
import { sanitize, sanitizeLines } from '../../util/sanitize.js';
import { truncate } from '../../text/format.js';

export type StepMark = 'done' | 'skipped' | 'failed';

/** Done or skipped as marked; failed when its last run failed after (or without) any mark. */
export function stepMark(rec: StepRecord | undefined): StepMark | undefined {
  const run = rec?.run;
  const failed = run && (run.timedOut || run.exitCode !== 0);
  if (failed && (!rec.status || (rec.at ?? 0) < run.at)) return 'failed';
  return rec?.status;
}

/** Where the stepper opens: the first step with no mark, else the first step. */
export function firstUnmarked(steps: Step[], progress: Progress | undefined): number {
  const i = steps.findIndex((s) => !stepMark(progress?.steps[s.key]));
  return Math.max(0, i);
}

/** What the engineer is asked before a step's command runs, fitted to `width` with room for what is typed. */
export function runPrompt(command: string, width = 100): string {
  const c = confirmationFor(command);
  const lines = commandLines(command);
  const prompt = (shown: string) => {
    if (c.destructive) return lines.length > 1 ? `line ${c.line} (${shown}) changes things: type ${c.word} to run all ${lines.length} lines: ` : `${shown} changes things: type ${c.word} to run it: `;
    return lines.length > 1 ? `Run all ${lines.length} lines? y to run: ` : `Run ${shown}? y to run: `;
  };
  // What is typed, the cursor and "esc cancels" need about 30 columns.
  const room = Math.max(12, Math.min(40, width - 30 - prompt('').length));
  return prompt(truncate(sanitize(lines[c.line - 1] ?? lines[0]!).trim(), room));
}

/** A run's output as shown: its lines, sanitised, without the trailing blank ones. */
export function outputLines(output: string | undefined): string[] {
  return output?.trimEnd() ? sanitizeLines(output.trimEnd()) : [];
}

export interface CommandRow {
  text: string;
  danger: Danger;
}

/** Every line of the command, each wrapped to `width` (continuations indented), with its line's rank. */
export function commandRows(command: string, width: number): CommandRow[] {
  const lines = commandLines(command);
  const dangers = lineDangers(command);
  const multi = lines.length > 1;
  const room = Math.max(10, width - 6);
  const rows: CommandRow[] = [];
  lines.forEach((raw, i) => {
    const line = sanitize(raw);
    const head = multi ? `${String(i + 1).padStart(3)} $ ` : '    $ ';
    for (let at = 0; at === 0 || at < line.length; at += room) rows.push({ text: (at === 0 ? head : '      ') + line.slice(at, at + room), danger: dangers[i] ?? 0 });
  });
  return rows;
}

export interface StepperRows {
  list: number;
  command: number;
  output: number;
}

/** Rows above and below: title, intro (or a progress error), the command's heading, the step's status line. */
export const STEPPER_FIXED_ROWS = 4;
const MAX_OUTPUT_ROWS = 3;

/**
 * How the rows are shared: the command gets what it needs before the output,
 * the list keeps at least three rows (or all its steps, if fewer), and a
 * command that still does not fit scrolls.
 */
export function stepperRows(opts: { steps: number; commandRows: number; outputRows: number; height: number }): StepperRows {
  const avail = Math.max(1, opts.height - STEPPER_FIXED_ROWS);
  const output = Math.min(opts.outputRows, MAX_OUTPUT_ROWS);
  const minList = Math.min(opts.steps, 3);
  const list = Math.min(opts.steps, Math.max(minList, avail - opts.commandRows - output));
  const rest = Math.max(0, avail - list);
  const command = Math.min(opts.commandRows, Math.max(1, rest - Math.min(output, 1)));
  return { list, command, output: Math.max(0, Math.min(output, rest - command)) };
}

/** How far the command can scroll at this size. */
export function maxCommandScroll(opts: { steps: number; command: string | undefined; outputRows: number; width: number; height: number }): number {
  if (!opts.command) return 0;
  const rows = commandRows(opts.command, opts.width).length;
  return Math.max(0, rows - stepperRows({ steps: opts.steps, commandRows: rows, outputRows: opts.outputRows, height: opts.height }).command);
}
