// How dangerous a step's command is, and what must be typed to run it. Each
// simple command in it (every line, every part of a pipeline or a `;` list)
// gets a rank; the most dangerous one (the first on a tie) names the word to
// type, so a harmless first line cannot stand in for a destructive second one.
// The stepper's view, its prompt and the check before running all use
// `confirmationFor`, so what is shown and what is asked cannot disagree.

import { simpleCommands, type SimpleCommand } from './shell-words.js';

/** 0 reads or changes nothing that matters; 1 stops, kills or restarts processes; 2 changes trading or destroys data. */
export type Danger = 0 | 1 | 2;

export const DANGER_NAMES: Record<Danger, string> = { 0: 'reads', 1: 'stops or restarts processes', 2: 'changes trading or data' };

// Whole words: `--delete` and `-delete` count, `gpt-trader` and `pre-stop` are other words.
const word = (names: string) => new RegExp(`(?<!\\w|\\w-)(?:${names})(?!\\w|-\\w)`, 'i');
const TRADING_OR_DATA = word('rm|rmdir|shred|unlink|dd|mkfs[\\w.]*|drop|truncate|delete|del|flush\\w*|purge|wipe|vacuum[\\w-]*|halt|flatten|failover|fallback-model|reduce|resume');
const PROCESSES = word('restart|reload|reboot|shutdown|poweroff|stop|disable|kill|pkill|killall|pg_terminate_backend|pg_cancel_backend');

/** gptmon's controls: a `gptmon <control>` line changes trading, whatever else it says. */
const CONTROLS = new Set(['halt', 'resume', 'flatten', 'failover', 'fallback-model', 'reduce']);
/** gptmon's global options that take a value. */
const GPTMON_VALUE_OPTIONS = new Set(['--config', '--trader', '--prometheus', '--alertmanager']);

/** Words that run the next word: skipped with their options to find the real program. */
const WRAPPERS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  timeout: new Set(['-s', '-k']),
  xargs: new Set(['-n', '-I', '-P', '-L', '-d', '-s', '-a', '-E']),
  watch: new Set(['-n', '-d']),
  nohup: new Set(),
  exec: new Set(),
  command: new Set(),
  builtin: new Set(),
  time: new Set(),
};
const SHELL_KEYWORDS = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

const basename = (w: string) => w.slice(w.lastIndexOf('/') + 1);

/** The index of the program a simple command runs, past sudo, env, VAR=value and the like. */
function programIndex(words: string[]): number {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (ASSIGNMENT.test(w) || SHELL_KEYWORDS.has(w)) {
      i++;
      continue;
    }
    const takesValue = WRAPPERS[basename(w)];
    if (!takesValue) break;
    i++;
    while (i < words.length && (words[i]!.startsWith('-') || ASSIGNMENT.test(words[i]!))) i += takesValue.has(words[i]!) ? 2 : 1;
    // timeout's duration comes before the program.
    if (basename(w) === 'timeout' && i < words.length) i++;
  }
  return Math.min(i, Math.max(0, words.length - 1));
}

/** The action of a `gptmon …` command: its first word that is not an option. */
function gptmonAction(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) return a;
    if (GPTMON_VALUE_OPTIONS.has(a)) i++;
  }
  return undefined;
}

export interface Judged {
  danger: Danger;
  /** What must be typed to run it: its program, or for `gptmon <action>` the action. */
  word: string;
  /** 0-based line of the command text it starts on. */
  line: number;
}

export function judge(cmd: SimpleCommand): Judged {
  const p = programIndex(cmd.words);
  const program = basename(cmd.words[p] ?? '');
  if (program === 'gptmon' || program === 'gptmon.js') {
    const action = gptmonAction(cmd.words.slice(p + 1));
    return { danger: action && CONTROLS.has(action) ? 2 : 0, word: action ?? program, line: cmd.line };
  }
  const text = cmd.words.join(' ');
  const danger: Danger = TRADING_OR_DATA.test(text) ? 2 : PROCESSES.test(text) ? 1 : 0;
  return { danger, word: program, line: cmd.line };
}

/** Every simple command of `command`, judged, in order. */
export function judgeAll(command: string): Judged[] {
  return simpleCommands(command).map(judge);
}

export interface Confirmation {
  /** Needs its word typed: it stops processes, changes trading or destroys data. */
  destructive: boolean;
  danger: Danger;
  /** What must be typed for a destructive command. */
  word: string;
  /** 1-based line of the command it was judged by (the most dangerous one). */
  line: number;
  /** How many lines the command has. */
  lines: number;
}

export function commandLines(command: string): string[] {
  return command.replace(/\n+$/, '').split('\n');
}

export function confirmationFor(command: string): Confirmation {
  const judged = judgeAll(command);
  let worst: Judged | undefined;
  for (const j of judged) if (!worst || j.danger > worst.danger) worst = j;
  const danger = worst?.danger ?? 0;
  return { destructive: danger > 0, danger, word: worst?.word ?? '', line: (worst?.line ?? 0) + 1, lines: commandLines(command).length };
}

/** Whether what was typed confirms running this command. */
export function confirms(command: string, typed: string): boolean {
  const c = confirmationFor(command);
  return c.destructive ? typed.trim() === c.word && c.word !== '' : /^y(es)?$/i.test(typed.trim());
}

/** Each line's rank (the worst command starting on it), for showing which lines are dangerous. */
export function lineDangers(command: string): Danger[] {
  const out: Danger[] = commandLines(command).map(() => 0);
  for (const j of judgeAll(command)) if (j.line < out.length && j.danger > out[j.line]!) out[j.line] = j.danger;
  return out;
}
