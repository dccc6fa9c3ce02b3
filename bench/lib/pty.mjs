// A program under a pseudo-terminal of a given size (util-linux `script`),
// with every byte it writes to the terminal timestamped.

import { spawn } from 'node:child_process';
import { virtualScreen } from '../../test/helpers/vscreen.mjs';

const SYNC_END = '\x1b[?2026l';

export function underPty(command, { columns = 100, rows = 30, env = {} } = {}) {
  const child = spawn('script', ['-qfec', `stty cols ${columns} rows ${rows}; exec ${command}`, '/dev/null'], {
    env: { ...process.env, TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const chunks = [];
  let text = '';
  const screen = virtualScreen(columns, rows);
  /** Who waits for the screen to show something: checked as output arrives, not by polling. */
  const waiting = new Set();
  child.stdout.on('data', (d) => {
    const at = performance.now();
    chunks.push({ at, bytes: d.length });
    const s = d.toString('utf8');
    text += s;
    screen.feed(s);
    if (!waiting.size) return;
    const shown = screen.text();
    for (const w of waiting) if (w.pattern.test(shown)) w.done(at);
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    child,
    chunks,
    get text() {
      return text;
    },
    /** What the terminal shows now. */
    screen: () => screen.text(),
    /**
     * When the screen first shows `pattern` (the moment its bytes arrived), or
     * undefined after `timeoutMs`. Checked on each write: a timing loop that
     * polled would take CPU from whatever it times (the simulator, when it
     * shares this process).
     */
    shows(pattern, timeoutMs) {
      if (pattern.test(screen.text())) return Promise.resolve(performance.now());
      return new Promise((resolve) => {
        const w = {
          pattern,
          done: (at) => {
            clearTimeout(timer);
            waiting.delete(w);
            resolve(at);
          },
        };
        const timer = setTimeout(() => w.done(undefined), timeoutMs);
        waiting.add(w);
      });
    },
    /** Bytes written between two moments. */
    bytesBetween: (from, to) => chunks.filter((c) => c.at >= from && c.at < to).reduce((n, c) => n + c.bytes, 0),
    /** Frames as gptmon's screen writes them: one synchronized update each. */
    frames: () => text.split(SYNC_END).slice(0, -1).map((f) => Buffer.byteLength(f) + SYNC_END.length),
    send: (s) => child.stdin.write(s),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
