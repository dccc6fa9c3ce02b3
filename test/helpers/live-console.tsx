// The console as `gptmon tui` draws it: Ink in debug mode into the screen
// writer, which paints the live lines between React commits, onto a virtual
// terminal. What the engineer would see is `text()`; `inkFrames()` counts the
// frames Ink made (each one a React commit that reached the screen).

import { EventEmitter } from 'node:events';
import React from 'react';
import { render } from 'ink';
import type { Config } from '../../src/config/types.js';
import { App } from '../../src/ui/tui/App.js';
import type { UiState } from '../../src/ui/tui/app-state.js';
import type { ControllerLike } from '../../src/ui/tui/controller.js';
import { PaintContext } from '../../src/ui/tui/live.js';
import { createScreen } from '../../src/ui/tui/screen.js';
import { ThemeContext } from '../../src/ui/tui/theme.js';
import { FakeStdin } from './fake-stdin.mjs';
import { virtualScreen } from './vscreen.mjs';

export function renderLiveConsole(controller: ControllerLike, config: Config, size: { columns: number; rows: number }, opts: { color?: boolean; initial?: Partial<UiState>; inkOnly?: boolean } = {}) {
  const vt = virtualScreen(size.columns, size.rows);
  const written: string[] = [];
  const term = Object.assign(new EventEmitter(), {
    columns: size.columns,
    rows: size.rows,
    isTTY: true,
    write: (s: string) => {
      written.push(s);
      vt.feed(s);
      return true;
    },
  });
  const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 1000 });
  const stdin = new FakeStdin();
  // inkOnly: the same terminal and screen writer, but every line drawn by Ink (nothing painted live).
  const app = render(
    <PaintContext.Provider value={opts.inkOnly ? undefined : screen}>
      <ThemeContext.Provider value={{ color: opts.color ?? false, attributes: true }}>
        <App controller={controller} config={config} readOnly={false} operator="ana" {...(opts.initial ? { initial: opts.initial } : {})} />
      </ThemeContext.Provider>
    </PaintContext.Provider>,
    { stdout: screen.sink, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  return {
    stdin,
    written,
    /** What the terminal shows. */
    text: () => vt.text(),
    /** Every cell's style, a line a row: two screens that look alike have equal ones. */
    styles: () => Array.from({ length: size.rows }, (_, r) => Array.from({ length: size.columns }, (_, c) => vt.styleAt(r + 1, c + 1)).join('|')).join('\n'),
    inkFrames: () => screen.inkFrames(),
    writes: () => written.length,
    unmount: () => {
      app.unmount();
      screen.close();
    },
  };
}
