// Drives a real terminal: tmux on its own socket, a fixed size, keys sent and
// the screen read back, as an engineer at a terminal would.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { waitFor } from './wait.js';

export function ensureTmux(): void {
  if (existsSync('/usr/bin/tmux')) return;
  if (process.getuid?.() !== 0) throw new Error('tmux is not installed (apt-get install tmux)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'tmux'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export class Tmux {
  private readonly socket = `gptmon-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'e2e';

  private run(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  start(command: string, size: { columns: number; rows: number }, env: Record<string, string>): void {
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    this.run(['new-session', '-d', '-s', this.session, '-x', String(size.columns), '-y', String(size.rows), `env ${exports} ${command}`]);
  }

  screen(): string {
    return this.run(['capture-pane', '-p', '-t', this.session]);
  }

  keys(...keys: string[]): void {
    this.run(['send-keys', '-t', this.session, ...keys]);
  }

  text(text: string): void {
    this.run(['send-keys', '-t', this.session, '-l', text]);
  }

  /** The pid of the pane's first process (the shell the test started). */
  panePid(): number {
    return Number(this.run(['display', '-p', '-t', this.session, '#{pane_pid}']).trim());
  }

  /** The pane's title, as an escape sequence from the program could set it. */
  title(): string {
    return this.run(['display', '-p', '-t', this.session, '#{pane_title}']).trim();
  }

  /** 1 while the program holds the alternate screen. */
  alternateOn(): boolean {
    return this.run(['display', '-p', '-t', this.session, '#{alternate_on}']).trim() === '1';
  }

  setPaneTitle(title: string): void {
    this.run(['select-pane', '-t', this.session, '-T', title]);
  }

  /** Lets a program's OSC 52 write tmux's paste buffers (the clipboard), so a test can see whether one did. */
  acceptClipboard(): void {
    this.run(['set-option', '-g', 'set-clipboard', 'on']);
  }

  /** tmux's paste buffers, one line each: what OSC 52 wrote, if anything. */
  buffers(): string {
    return this.run(['list-buffers']);
  }

  async waitForText(what: string | RegExp, timeoutMs = 15_000): Promise<string> {
    return waitFor(`${what} on screen`, () => {
      const s = this.screen();
      return (typeof what === 'string' ? s.includes(what) : what.test(s)) ? s : undefined;
    }, timeoutMs, 100).catch((err: Error) => {
      throw new Error(`${err.message}\n--- screen ---\n${this.screen()}`);
    });
  }

  kill(): void {
    try {
      this.run(['kill-server']);
    } catch {
      /* already gone */
    }
  }

  /**
   * Kills the terminal and waits until the program in it has exited, so a
   * test's temp dir is removed after the program's last write, not during it.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    let pid: number | undefined;
    try {
      pid = this.panePid();
    } catch {
      /* no session */
    }
    this.kill();
    if (!pid) return;
    // Gone, or a zombie nobody has reaped yet (it writes nothing more either way).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    await waitFor('the program in tmux to exit', () => (alive() ? undefined : true), timeoutMs, 20).catch(() => {
      // Still there after the hang-up: it will not get another chance.
      if (alive()) process.kill(pid, 'SIGKILL');
    });
  }
}
