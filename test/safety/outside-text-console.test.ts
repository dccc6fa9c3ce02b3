// Nothing from outside writes to the terminal: every view of the console at two
// sizes, with and without colour, rendered from data whose every string is hostile
// (see test/helpers/hostile.ts for how the payload is spread and what is checked).

import { EventEmitter } from 'node:events';

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { ControlService } from '../../src/actions/service.js';

import { RunbookService } from '../../src/runbooks/service.js';
import type { Runbook } from '../../src/runbooks/types.js';

import { ProgressStore } from '../../src/store/progress-file.js';
import type { View } from '../../src/ui/tui/app-state.js';
import { createScreen } from '../../src/ui/tui/screen.js';

import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait.js';
import {
  config,
  PAYLOAD,
  SHOWN,
  NOW,
  hostileSnapshot,
  hostileRunbook,
  expectSafe,
  runOutput,
  hostileIncidents,
  hostileChecklist,
} from '../helpers/hostile.js';

const tmp = useTempDir();
afterEach(() => cleanup());

describe('outside text in the console', () => {
  /** The hostile runbook with progress: a step marked, and a run whose output is hostile too. */
  function runbookService(rb: Runbook): RunbookService {
    const progressFile = join(tmp.dir(), 'progress.json');
    const output = `${PAYLOAD}\nsecond line ${PAYLOAD}\n`;
    new ProgressStore(progressFile).record('a1', rb.id, 'diagnosis:1', { status: 'done', at: NOW, operator: PAYLOAD, run: { at: NOW, operator: PAYLOAD, command: PAYLOAD, exitCode: 1, timedOut: false, ms: 5, output } });
    return new RunbookService({ runbooks: [rb], issues: [], progressFile, operator: 'ana', stepTimeoutMs: 1000, clock: () => NOW });
  }

  // The trader's state as the halt preview shows it.
  const controls = { preview: async () => PAYLOAD, run: async () => [] } as unknown as ControlService;

  type Console = ReturnType<typeof renderConsole>;
  const frameWith = (r: Console, text: string) => waitForFrame(r.lastFrame, (f) => f.includes(text), text);

  // Every view, typed by View: a view added later breaks the typecheck here until it is walked too.
  const VIEWS: Record<View, (r: Console) => Promise<string[]>> = {
    overview: async (r) => [await frameWith(r, 'Breakers')],
    alerts: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('A');
      const list = await frameWith(r, 'Alerts 3');
      // The filter matches what is shown: the sanitised text.
      await typeKeys(r.stdin, '/', 'evil', '\r');
      return [list, await frameWith(r, '/evil: 3 of 3')];
    },
    alert: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('\r');
      const detail = await frameWith(r, 'What the playbook says');
      r.stdin.write('a');
      return [detail, await frameWith(r, 'already acknowledged by')];
    },
    runbook: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('r');
      // The stepper opens on the first step not yet marked: go up to the one that ran.
      await waitForFrame(r.lastFrame, (f) => /▶ +2\./.test(f), 'the cursor on step 2');
      r.stdin.write('k');
      const view = await frameWith(r, 'second line');
      expect(view).toMatch(/ran 0s ago by .*: exit 1/);
      // The run prompt quotes the step's command.
      r.stdin.write('x');
      return [view, await frameWith(r, 'y to run')];
    },
    incident: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('I');
      const view = await frameWith(r, 'Timeline');
      // The checklist alone (every evidence whole), the timeline filtered, and the declaration's questions.
      r.stdin.write('\t');
      const checklist = await frameWith(r, 'tab: timeline');
      await typeKeys(r.stdin, '/', 'evil', '\r');
      const filtered = await waitForFrame(r.lastFrame, (f) => /\/evil: \d+ of \d+/.test(f), 'the timeline filtered');
      await typeKeys(r.stdin, ':', 'incident start', '\r', 'x', '\r');
      return [view, checklist, filtered, await frameWith(r, 'Severity 1-4')];
    },
    checklist: async (r) => {
      await frameWith(r, 'Breakers');
      await typeKeys(r.stdin, ':', 'checklist', '\r');
      const view = await frameWith(r, 'Daily checklist 2026-11-25');
      // The rest scrolled to where it does not fit, and the tick's question.
      r.stdin.write('J');
      const scrolled = / \d+-\d+ of \d+/.test(view) ? await waitForFrame(r.lastFrame, (f) => f !== view, 'the checklist scrolled') : view;
      r.stdin.write('c');
      return [view, scrolled, await frameWith(r, 'Tick item')];
    },
    help: async (r) => {
      await frameWith(r, 'Breakers');
      r.stdin.write('?');
      await frameWith(r, 'Keys in overview');
      r.stdin.write('\x1b');
      await frameWith(r, 'Breakers');
      // The halt preview quotes the trader's state.
      r.stdin.write('H');
      return [await frameWith(r, 'HALT:')];
    },
  };

  for (const size of [
    { columns: 100, rows: 30 },
    { columns: 80, rows: 24 },
  ]) {
    for (const color of [false, true]) {
      for (const [view, drive] of Object.entries(VIEWS)) {
        it(`${view} at ${size.columns}x${size.rows}${color ? ', in colour' : ''}`, async () => {
          const rb = hostileRunbook();
          const r = renderConsole(stubController(hostileSnapshot()), config, size, { color, runbooks: runbookService(rb), controls, incidents: hostileIncidents(join(tmp.dir(), 'incidents')), checklist: hostileChecklist(tmp.dir()) });
          for (const frame of await drive(r)) expectSafe(color ? frame.replace(/\x1b\[[0-9;]*m/g, '') : frame, view, { asWritten: runOutput });
        });
      }
    }
  }

  it("names the incident's commander in a header wide enough for it, sanitised", async () => {
    const r = renderConsole(stubController(hostileSnapshot()), config, { columns: 200, rows: 30 }, { incidents: hostileIncidents(join(tmp.dir(), 'incidents')) });
    const frame = await frameWith(r, 'Breakers');
    expect(frame.split('\n')[0]).toContain(`· ic ${SHOWN}`);
    expectSafe(frame, 'the header with an incident');
  });

  it('shows "health unavailable" with the reason sanitised when no component was read', async () => {
    const snap = hostileSnapshot();
    const down = { ...snap, trader: { components: [], componentsFresh: false }, sources: { ...snap.sources, trader: { ...snap.sources.trader, state: 'down' as const } } };
    const r = renderConsole(stubController(down), config, { columns: 100, rows: 30 });
    expectSafe(await frameWith(r, 'health unavailable'), 'health unavailable');
  });

  it('shows the database row in the Health panel with the reason sanitised', async () => {
    const snap = hostileSnapshot();
    const r = renderConsole(stubController({ ...snap, trader: { ...snap.trader, components: [] } }), config, { columns: 100, rows: 40 });
    expectSafe(await frameWith(r, '? db 12/100 conns 30s ago, unknown:'), 'the database row');
  });

  it('the screen writer lets no escape but its own cursor moves and SGR reach the terminal', async () => {
    const term = new EventEmitter() as EventEmitter & { columns: number; rows: number; out: string[]; write(s: string): boolean };
    Object.assign(term, { columns: 60, rows: 5, out: [] });
    term.write = (s: string) => (term.out.push(s), true);
    const screen = createScreen(term as unknown as NodeJS.WriteStream, { maxFps: 50 });
    // A frame as a component that forgot to sanitise would leave it.
    screen.sink.write(`header\n\x1b[31mred\x1b[0m ${PAYLOAD.replace('\n', ' ')}\nfooter`);
    await waitForWrite(term.out);
    screen.close();
    const written = term.out.join('');
    // What remains once the screen's own sequences are taken out: cursor position, SGR, sync, erase to end of line.
    const rest = written.replace(/\x1b\[\d+;\d+H|\x1b\[[0-9;]*m|\x1b\[\?2026[hl]|\x1b\[K/g, '');
    expect(rest).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(rest).toContain('red \ufffdevil forged line');
    expect(written).not.toContain('PWNED');
    expect(written).not.toContain('\x1b[2J');
  });
});

async function waitForWrite(out: string[]): Promise<void> {
  await waitFor('the screen to write the frame', () => out.length > 0, 2000, 10);
}
