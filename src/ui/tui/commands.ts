// The `:` command line: what can be typed, and Tab completion over it.

import type { IncidentEdit } from './app-state.js';

export interface CommandSpec {
  name: string;
  help: string;
  /** Takes an argument (a runbook name, a scenario); `optional`: may be given (`:incident start`). */
  arg?: boolean | 'optional';
  /** How the help writes the argument (default NAME). */
  argLabel?: string;
  mutates?: boolean;
  /** Only on the built-in simulator (npm start). */
  demo?: boolean;
}

/** `:incident WORD …`: the question about the open incident each word answers at once (`start` declares one). */
export const INCIDENT_EDITS: Readonly<Record<string, IncidentEdit>> = { note: 'note', check: 'check', tick: 'check', sev: 'severity', severity: 'severity', commander: 'ic', resolve: 'resolve' };
export const INCIDENT_WORDS = ['start', ...Object.keys(INCIDENT_EDITS)];

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'overview', help: 'the overview' },
  { name: 'alerts', help: 'the alerts view' },
  { name: 'help', help: 'the keys' },
  { name: 'runbook', help: 'open a runbook', arg: true },
  { name: 'incident', help: 'the incident view; start, note, check, sev, commander, resolve (--read-only too)', arg: 'optional', argLabel: '[WORD]' },
  { name: 'pause', help: 'pause refresh' },
  { name: 'resume-refresh', help: 'resume refresh' },
  { name: 'halt', help: 'stop all trading', mutates: true },
  { name: 'resume', help: 'resume trading', mutates: true },
  { name: 'flatten', help: 'close all positions', mutates: true },
  { name: 'failover', help: 'move to the standby site', mutates: true },
  { name: 'fallback-model', help: 'switch to the fallback model', mutates: true },
  { name: 'scenario', help: 'start a simulated incident (the simulator only)', arg: true, demo: true },
  { name: 'quit', help: 'quit' },
];

/** Where the command line is: read-only hides what changes things; demo-only commands need the simulator. */
export interface CommandScope {
  readOnly: boolean;
  demo?: boolean;
}

export function availableCommands(scope: CommandScope): CommandSpec[] {
  return COMMANDS.filter((c) => !(scope.readOnly && c.mutates) && !(c.demo && !scope.demo));
}

/** The longest common completion of what is typed, or the text unchanged; `args` lists a command's arguments. */
export function complete(text: string, scope: CommandScope, args: (command: string) => readonly string[] = () => []): string {
  const [word = '', ...rest] = text.split(' ');
  if (rest.length) {
    const spec = availableCommands(scope).find((c) => c.name === word);
    if (!spec?.arg) return text;
    const typed = rest.join(' ');
    const hits = args(word).filter((a) => a.startsWith(typed));
    return hits.length ? `${word} ${commonPrefix(hits)}` : text;
  }
  const hits = availableCommands(scope).map((c) => c.name).filter((n) => n.startsWith(word));
  if (!hits.length) return text;
  const prefix = commonPrefix(hits);
  return hits.length === 1 ? `${prefix}${availableCommands(scope).find((c) => c.name === prefix)?.arg ? ' ' : ''}` : prefix;
}

export function suggestions(text: string, scope: CommandScope): string[] {
  const word = text.split(' ')[0] ?? '';
  return availableCommands(scope).map((c) => c.name).filter((n) => n.startsWith(word));
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export type Parsed = { ok: true; name: string; arg?: string } | { ok: false; error: string };

export function parseCommand(text: string, scope: CommandScope): Parsed {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  if (!word) return { ok: false, error: 'type a command, e.g. :alerts' };
  const name = word === 'q' ? 'quit' : word;
  const spec = availableCommands(scope).find((c) => c.name === name);
  if (!spec) {
    const all = COMMANDS.find((c) => c.name === name);
    const why = all?.demo ? `:${name} is for the simulator (npm start)` : all && scope.readOnly ? `:${name} is hidden in read-only mode` : `unknown command :${word}`;
    return { ok: false, error: why };
  }
  if (spec.arg === true && !rest.length) return { ok: false, error: `:${name} needs a name` };
  return rest.length && spec.arg ? { ok: true, name, arg: rest.join(' ') } : { ok: true, name };
}
