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
  child.stdout.on('data', (d) => {
    chunks.push({ at: performance.now(), bytes: d.length });
    const s = d.toString('utf8');
    text += s;
    screen.feed(s);
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
