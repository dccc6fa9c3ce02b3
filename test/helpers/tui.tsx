import React from 'react';
import { render } from 'ink-testing-library';
import type { Snapshot } from '../../src/engine/types.js';
import type { Config } from '../../src/config/types.js';
import { App } from '../../src/ui/tui/App.js';
import type { ControllerLike } from '../../src/ui/tui/controller.js';
import { ThemeContext } from '../../src/ui/tui/theme.js';
import type { AckRequest } from '../../src/monitor/ack-service.js';
import type { RunbookService } from '../../src/runbooks/service.js';
import type { ControlService } from '../../src/actions/service.js';
import type { IncidentService } from '../../src/incidents/incident-service.js';

/** A controller that serves a fixed snapshot and records what it was asked to do. */
export function stubController(initial: Snapshot): ControllerLike & { acks: AckRequest[]; set(s: Snapshot): void } {
  let snap = initial;
  let paused = false;
  const listeners = new Set<() => void>();
  const acks: AckRequest[] = [];
  return {
    acks,
    set(s) {
      snap = s;
      for (const l of listeners) l();
    },
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    getSnapshot: () => snap,
    isPaused: () => paused,
    setPaused(p) {
      paused = p;
      snap = { ...snap };
      for (const l of listeners) l();
    },
    refreshClock: () => {},
    async ack(req) {
      acks.push(req);
      return { ok: true, ack: { id: 'x', alertname: req.alertname, matchers: [], operator: req.operator, comment: req.comment, createdAt: 0, expiresAt: req.forMs, where: 'local' } };
    },
    async unack() {
      return { ok: true };
    },
  };
}

/** Renders the whole console at a terminal size, as ink-testing-library's frames. */
export function renderConsole(controller: ControllerLike, config: Config, size: { columns: number; rows: number }, opts: { readOnly?: boolean; color?: boolean; runbooks?: RunbookService; controls?: ControlService; incidents?: IncidentService } = {}) {
  // ink-testing-library's terminal is 100 columns and has no rows: size it before the app mounts.
  const r = render(<></>);
  Object.defineProperty(r.stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: size.rows, configurable: true });
  r.rerender(
    <ThemeContext.Provider value={{ color: opts.color ?? false }}>
      <App controller={controller} {...(opts.runbooks ? { runbooks: opts.runbooks } : {})} {...(opts.controls ? { controls: opts.controls } : {})} {...(opts.incidents ? { incidents: opts.incidents } : {})} config={config} readOnly={opts.readOnly ?? false} operator="ana" />
    </ThemeContext.Provider>,
  );
  return r;
}

/** Waits until the last frame satisfies `check` (renders are asynchronous). */
export async function waitForFrame(lastFrame: () => string | undefined, check: (frame: string) => boolean, what = 'the expected frame'): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const f = lastFrame() ?? '';
    if (check(f)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}; last frame:\n${lastFrame()}`);
}

/**
 * Types into the console, each piece a read of its own. Between pieces only a
 * turn of the event loop (so a lone Esc is read as Esc, not as Alt with the
 * next key), no sleep: the console must keep up with keys that arrive before
 * it has drawn, and the caller waits for what the keys do with waitForFrame.
 */
export async function typeKeys(stdin: { write(s: string): void }, ...pieces: string[]): Promise<void> {
  for (const piece of pieces) {
    stdin.write(piece);
    await new Promise((r) => setImmediate(r));
  }
}
