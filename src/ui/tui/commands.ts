// The `:` command line: what can be typed, and Tab completion over it.

export interface CommandSpec {
  name: string;
  help: string;
  /** Takes an argument (a runbook name). */
  arg?: boolean;
  mutates?: boolean;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'overview', help: 'the overview' },
  { name: 'alerts', help: 'the alerts view' },
  { name: 'help', help: 'the keys' },
  { name: 'runbook', help: 'open a runbook', arg: true },
  { name: 'pause', help: 'pause refresh' },
  { name: 'resume-refresh', help: 'resume refresh' },
  { name: 'halt', help: 'stop all trading', mutates: true },
  { name: 'resume', help: 'resume trading', mutates: true },
  { name: 'flatten', help: 'close all positions', mutates: true },
  { name: 'failover', help: 'move to the standby site', mutates: true },
  { name: 'fallback-model', help: 'switch to the fallback model', mutates: true },
  { name: 'quit', help: 'quit' },
];

export function availableCommands(readOnly: boolean): CommandSpec[] {
  return COMMANDS.filter((c) => !(readOnly && c.mutates));
}

/** The longest common completion of what is typed, or the text unchanged. */
export function complete(text: string, readOnly: boolean, args: readonly string[] = []): string {
  const [word = '', ...rest] = text.split(' ');
  if (rest.length) {
    const spec = availableCommands(readOnly).find((c) => c.name === word);
    if (!spec?.arg) return text;
    const typed = rest.join(' ');
    const hits = args.filter((a) => a.startsWith(typed));
    return hits.length ? `${word} ${commonPrefix(hits)}` : text;
  }
  const hits = availableCommands(readOnly).map((c) => c.name).filter((n) => n.startsWith(word));
  if (!hits.length) return text;
  const prefix = commonPrefix(hits);
  return hits.length === 1 ? `${prefix}${availableCommands(readOnly).find((c) => c.name === prefix)?.arg ? ' ' : ''}` : prefix;
}

export function suggestions(text: string, readOnly: boolean): string[] {
  const word = text.split(' ')[0] ?? '';
  return availableCommands(readOnly).map((c) => c.name).filter((n) => n.startsWith(word));
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export type Parsed = { ok: true; name: string; arg?: string } | { ok: false; error: string };

export function parseCommand(text: string, readOnly: boolean): Parsed {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  if (!word) return { ok: false, error: 'type a command, e.g. :alerts' };
  const name = word === 'q' ? 'quit' : word;
  const spec = availableCommands(readOnly).find((c) => c.name === name);
  if (!spec) {
    const all = COMMANDS.find((c) => c.name === name);
    return { ok: false, error: all && readOnly ? `:${name} is hidden in read-only mode` : `unknown command :${word}` };
  }
  if (spec.arg && !rest.length) return { ok: false, error: `:${name} needs a name` };
  return rest.length && spec.arg ? { ok: true, name, arg: rest.join(' ') } : { ok: true, name };
}
