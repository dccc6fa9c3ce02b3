// What an incident is made of: events on one timeline. Everything gptmon does
// or sees is an event (an alert firing, an ack, a step run, a halt verified, a
// note), each with who, where, when, and the headline values at that moment,
// so the post-mortem says what the numbers were without reading them again.

export type Sev = 1 | 2 | 3 | 4;

/** The numbers an engineer looks at first, as they were at an event. */
export interface Values {
  /** When they were read (they may be a little older than the event). */
  at: number;
  trading?: 'active' | 'halted' | 'unknown';
  drawdown?: number;
  dailyReturn?: number;
  accuracy?: number;
  apiP99?: number;
  exposure?: number;
  var95?: number;
  openPositions?: number;
  /** Names of the alerts firing then. */
  firing: string[];
}

export type EventKind =
  | 'alert-firing'
  | 'alert-resolved'
  | 'ack'
  | 'unack'
  | 'step'
  | 'control'
  | 'note'
  | 'declared'
  | 'sev'
  | 'commander'
  | 'check'
  | 'resolved'
  | 'sample';

export interface AlertFact {
  name: string;
  key: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  /** `16.5% > 15%`, as shown. */
  value?: string;
  /** When it fired or resolved, as the source said. */
  at: number;
}

export interface Event {
  kind: EventKind;
  time: number;
  /** Who did it; `—` for what gptmon saw by itself. */
  operator: string;
  host: string;
  /** Same key, same event: several consoles seeing one alert fire record it once. */
  key?: string;
  /** Before the incident was declared: copied in from the rolling log. */
  lead?: boolean;
  values?: Values;
  alert?: AlertFact;
  ack?: { alert: string; forMs: number; comment: string; where: 'alertmanager' | 'local' };
  step?: { runbook: string; step: string; text: string; status: 'done' | 'skipped' | 'ran'; command?: string; exit?: number | null; timedOut?: boolean; output?: string };
  control?: { action: string; result: 'attempt' | 'refused' | 'dry-run' | 'failed' | 'verified'; reason: string; detail?: string; ms?: number; via: 'cli' | 'tui' };
  text?: string;
  sev?: Sev;
  title?: string;
  commander?: string;
  summary?: string;
  check?: { item: string; undo?: boolean };
  /** The incident this event was recorded for (notes, severity, checks); absent for what is seen by all. */
  incident?: string;
}
