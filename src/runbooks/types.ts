export type RunbookSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface Step {
  section: 'diagnosis' | 'resolution';
  /** 1-based, as the runbook numbers it. */
  number: number;
  /** Stable across engineers: `diagnosis:2`. */
  key: string;
  text: string;
  /** The command the step runs, if any (its first code span, or a shell block). */
  command?: string;
  /** A fenced block under the step, shown as written. */
  block?: { lang: string; code: string };
  line: number;
}

export interface Runbook {
  id: string;
  title: string;
  aliases: string[];
  alerts: string[];
  severity?: RunbookSeverity;
  intro: string;
  symptoms: string[];
  diagnosis: Step[];
  resolution: Step[];
  prevention: string[];
  file: string;
  origin: 'built-in' | 'team';
  /** The file as written, for plain output. */
  markdown: string;
}

/** A runbook that could not be read: reported with its place, and skipped. */
export interface RunbookIssue {
  file: string;
  line: number;
  message: string;
}

export const formatRunbookIssue = (i: RunbookIssue) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.message}`;

export const allSteps = (r: Runbook): Step[] => [...r.diagnosis, ...r.resolution];
