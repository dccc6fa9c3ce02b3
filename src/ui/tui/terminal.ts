// Ink has no alternate-screen option: enter it ourselves, hide the cursor, and
// put the terminal back however gptmon ends: quit, crash, SIGTERM, SIGHUP when
// the SSH link drops, or any other signal whose default would kill it with the
// terminal left raw on the alternate screen (SIGQUIT, SIGUSR1/2, SIGALRM).

import { sanitize } from '../../util/sanitize.js';

const ENTER = '\x1b[?1049h\x1b[H\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface TerminalGuard {
  restore(): void;
}

export function takeTerminal(stdout: NodeJS.WriteStream, onSignal: (signal: NodeJS.Signals) => void): TerminalGuard {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
    } catch {
      /* stdin may already be gone (SIGHUP) */
    }
    try {
      stdout.write(LEAVE);
    } catch {
      /* the terminal may be gone */
    }
    process.off('exit', restore);
    for (const s of SIGNALS) process.off(s, handlers[s]);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
  const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM'] as const;
  const handlers = Object.fromEntries(SIGNALS.map((s) => [s, () => onSignal(s)])) as Record<(typeof SIGNALS)[number], () => void>;
  const onCrash = (err: unknown) => {
    restore();
    process.stderr.write(`gptmon tui: crashed: ${sanitize(err instanceof Error ? err.message : String(err))}${process.env.GPTMON_DEBUG && err instanceof Error ? `\n${err.stack}` : ''}\n`);
    process.exit(70);
  };
  stdout.write(ENTER);
  process.on('exit', restore);
  for (const s of SIGNALS) process.on(s, handlers[s]);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return { restore };
}
