// The incident view over a real recorder in a temp directory: the checklist
// with what gptmon ticked by itself and its evidence, the timeline newest
// first with the lead-up set apart, the `/` filter, scrolling, the severity
// in the header of every view at every size, and the questions (declare,
// note, tick, severity) writing the same events as `gptmon incident`.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { checklistOf } from '../../src/incidents/checklist.js';
import { IncidentService } from '../../src/incidents/incident-service.js';
import { Recorder } from '../../src/incidents/recorder.js';
import type { Values } from '../../src/incidents/types.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
afterEach(() => cleanup());
const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.parse('2026-11-25T03:00:00Z');
const at = (s: number) => T0 + s * 1000;

/** The drawdown critical for a minute: ExcessiveDrawdown firing, SEV2 suggested. */
function critical() {
  const e = new Engine(config);
  for (let s = 0; s <= 70; s += 10) e.recordScrape(at(s), scrape({ ...CALM, portfolio_drawdown: 0.162 }));
  return e.snapshot(at(70));
}

const values = (t: number, drawdown: number, over: Partial<Values> = {}): Values => ({ at: t, trading: 'active', drawdown, exposure: 251_000, var95: 8_400, firing: ['ExcessiveDrawdown'], ...over });

/** A recorder on a clock the test moves, and the service the console is given over it. */
function setup(opts: { notes?: number; dir?: string } = {}) {
  const dir = opts.dir ?? join(tmp.dir(), 'incidents');
  let now = at(-300);
  const clock = () => now;
  const recorder = new Recorder(dir, 'ana', clock);
  const service = new IncidentService(recorder, { checklist: checklistOf(config), snapshot: critical, clock });
  // The lead-up: the alert fired five minutes before anyone declared.
  recorder.record([{ kind: 'alert-firing', key: 'firing:dd:1', alert: { name: 'ExcessiveDrawdown', key: 'dd', severity: 'critical', value: '15.2% > 15%', at: at(-300) }, values: values(at(-300), 0.152) }], '—');
  now = at(0);
  const declared = service.declare({ sev: 2, title: 'Drawdown past 15%', commander: 'ana' });
  if (!declared.ok) throw new Error(declared.reason);
  now = at(60);
  recorder.record([{ kind: 'control', control: { action: 'halt', result: 'verified', reason: 'drawdown', via: 'tui', ms: 640 }, values: values(at(60), 0.168, { trading: 'halted' }) }]);
  for (let i = 1; i <= (opts.notes ?? 1); i++) {
    now = at(60 + i);
    recorder.recordFor(declared.id, { kind: 'note', text: `note number ${i}` });
  }
  now = at(120);
  return { service, recorder, id: declared.id, dir, tick: (s: number) => (now = at(s)) };
}

const open = async (r: ReturnType<typeof renderConsole>) => {
  await waitForFrame(r.lastFrame, (f) => f.includes('Trading'), 'the overview');
  r.stdin.write('I');
  return waitForFrame(r.lastFrame, (f) => f.includes('Checklist'), 'the incident view');
};

describe('the incident view', () => {
  it('shows the checklist with automatic ticks and their evidence, and the timeline newest first with the lead-up after it', async () => {
    const { service } = setup({ notes: 2 });
    const r = renderConsole(stubController(critical()), config, { columns: 100, rows: 30 }, { incidents: service });
    const f = await open(r);
    expect(f).toContain(' SEV2 INC-20261125-1 "Drawdown past 15%" · ic ana · open 1m10s · checklist 5/17');
    // Side by side, an automatic tick says so; its evidence is whole when the checklist is shown alone.
    expect(f).toMatch(/✓ {2}2 Name an incident commander {2}auto\b/);
    expect(f).toMatch(/✓ {2}6 Stop trading if necessary {2}auto\b/);
    expect(f).toMatch(/ {4}1 Notify team/);
    const lines = f.split('\n');
    const row = (text: string) => lines.findIndex((l) => l.includes(text));
    // Newest first: the notes, the halt, the declaration, then the lead-up, set apart.
    expect(row('note: note number 2')).toBeLessThan(row('note: note number 1'));
    expect(row('note: note number 1')).toBeLessThan(row('✓ halt verified in 640ms'));
    expect(row('✓ halt verified in 640ms')).toBeLessThan(row('declared SEV2 "Drawdown'));
    expect(row('declared SEV2')).toBeLessThan(row('before it was declared'));
    expect(row('before it was declared')).toBeLessThan(row('✖ ExcessiveDrawdown firing'));
    // The values of the moment stay whole when the line is cut.
    expect(f).toMatch(/03:01:00 ana +✓ halt verified in 640ms[^\n]* {2}dd 16\.8%\n/);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(100);

    // Tab: the checklist alone, at full width, every evidence whole.
    r.stdin.write('\t');
    const full = await waitForFrame(r.lastFrame, (x) => x.includes('tab: timeline'));
    expect(full).toContain('✓  6 Stop trading if necessary  auto: halted 03:01:00 by ana (verified)');
    expect(full).toContain('auto: exposure $251.0K, VaR $8.4K at 02:55:00');
    expect(full).not.toContain('note number');
  });

  it('filters the timeline with /, and scrolls it with ↓, pgdn and pgup', async () => {
    const { service } = setup({ notes: 40 });
    const r = renderConsole(stubController(critical()), config, { columns: 100, rows: 30 }, { incidents: service });
    let f = await open(r);
    expect(f).toContain('note number 40');
    expect(f).toMatch(/Timeline, newest first \(UTC\) · 1-24 of 44/);
    expect(f).not.toContain('declared SEV2');
    await typeKeys(r.stdin, '/', 'number 1');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('/number 1: 11 of 44'));
    expect(f).toContain('note number 19');
    expect(f).not.toContain('note number 20');
    expect(f).not.toContain('halt verified');
    // Esc leaves the prompt, a second clears the filter.
    await typeKeys(r.stdin, '\r', '\x1b');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('1-24 of 44'));
    await typeKeys(r.stdin, '\x1b[B');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('2-25 of 44'));
    expect(f).not.toContain('note number 40');
    await typeKeys(r.stdin, '\x1b[6~', '\x1b[6~');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('21-44 of 44'));
    expect(f).toContain('declared SEV2');
    expect(f).toContain('ExcessiveDrawdown firing');
    await typeKeys(r.stdin, '\x1b[5~');
    await waitForFrame(r.lastFrame, (x) => /\b\d+-\d+ of 44/.test(x) && !x.includes('21-44 of 44'));
  });

  for (const size of [
    { columns: 100, rows: 30 },
    { columns: 80, rows: 24 },
    { columns: 60, rows: 20 },
  ]) {
    it(`names the incident in the header of every view at ${size.columns}x${size.rows}, and fits`, async () => {
      const { service } = setup();
      const r = renderConsole(stubController(critical()), config, size, { incidents: service });
      const header = (f: string) => f.split('\n')[0]!;
      const fits = (f: string, what: string) => {
        expect(header(f), what).toMatch(/SEV2/);
        for (const l of f.split('\n')) expect(l.length, l).toBeLessThanOrEqual(size.columns);
        expect(f.split('\n').length, what).toBeLessThanOrEqual(size.rows - 1);
      };
      const overview = await waitForFrame(r.lastFrame, (x) => x.includes('Trading') && x.includes('SEV2'), 'SEV2 in the header');
      expect(header(overview)).toMatch(size.columns >= 80 ? / ✖ SEV2 INC-20261125-1 1m/ : / ✖ SEV2/);
      fits(overview, 'overview');
      for (const [key, view] of [['A', /Alerts \d/], ['?', /Keys in/], ['I', /SEV2 +INC-20261125-1 "Drawdown/]] as const) {
        r.stdin.write(key);
        const f = await waitForFrame(r.lastFrame, (x) => view.test(x), String(view));
        fits(f, key);
        // From 80 columns every key of the incident view is in its footer, whole.
        if (key === 'I' && size.columns >= 80) expect(f.split('\n').at(-1)).toMatch(/ n note {2}c tick {2}s sev {2}C commander {2}R resolve… {2}\/ filter {2}esc back\s*$/);
        await typeKeys(r.stdin, '\x1b');
        await waitForFrame(r.lastFrame, (x) => x.includes('Trading') && !view.test(x), 'the overview again');
      }
    });
  }

  it('says when no incident is open and how to declare one; :incident start declares with the suggested severity', async () => {
    const dir = join(tmp.dir(), 'incidents');
    const recorder = new Recorder(dir, 'ana', () => at(70));
    const service = new IncidentService(recorder, { snapshot: critical, clock: () => at(70) });
    const r = renderConsole(stubController(critical()), config, { columns: 80, rows: 24 }, { incidents: service });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'incident', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('No incident is open'));
    expect(f).toContain(':incident start declares one');
    expect(f).toContain('Suggested now: SEV2, ExcessiveDrawdown (critical) is firing');
    r.stdin.write('n');
    await waitForFrame(r.lastFrame, (x) => x.includes('no incident is open: :incident start declares one'));
    // Declared from the overview: the incident view opens, and the message says what was declared.
    await typeKeys(r.stdin, '\x1b');
    await waitForFrame(r.lastFrame, (x) => x.includes('Breakers'));
    await typeKeys(r.stdin, ':', 'incident start', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('Incident title:'));
    await typeKeys(r.stdin, 'Drawdown past 15%', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('Severity 1-4: 2'));
    expect(f).toContain('suggested SEV2: ExcessiveDrawdown (critical) is firing');
    r.stdin.write('\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('Incident commander: ana'));
    r.stdin.write('\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('declared INC-20261125-1: SEV2 "Drawdown past 15%", commander ana'));
    expect(f.split('\n')[0]).toMatch(/SEV2 INC-20261125-1/);
    // One column at 80x24: the timeline, and Tab for the checklist.
    expect(f).toContain('Timeline, newest first (UTC) · tab: checklist');
    r.stdin.write('\t');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('Checklist 3/17'));
    expect(f).toContain('✓  2 Name an incident commander  auto: ic ana');
    const events = recorder.timeline('INC-20261125-1').events;
    expect(events.find((e) => e.kind === 'declared')).toMatchObject({ sev: 2, title: 'Drawdown past 15%', commander: 'ana', operator: 'ana', values: { drawdown: 0.162, firing: expect.arrayContaining(['ExcessiveDrawdown']) } });
  });

  it('n adds a note, c ticks by words (no match: the closest, nothing ticked), s changes the severity, in --read-only too', async () => {
    const { service, recorder, id } = setup();
    const r = renderConsole(stubController(critical()), config, { columns: 100, rows: 30 }, { incidents: service, readOnly: true });
    await open(r);
    await typeKeys(r.stdin, 'c', 'gather lgos', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('no item matches "gather lgos"'));
    expect(f).toMatch(/closest: \d+ \(Gather logs\)/);
    await typeKeys(r.stdin, 'c', 'gather logs', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes(`${id}: ticked 9. Gather logs`));
    expect(f).toMatch(/✓ {2}9 Gather logs {2}ana 03:02:00/);
    await typeKeys(r.stdin, 'n', 'called the broker', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('note: called the broker'));
    await typeKeys(r.stdin, 'c', '-9', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes(`${id}: unticked 9. Gather logs`));
    await typeKeys(r.stdin, 's', '1', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes('severity SEV2 → SEV1'));
    expect(f.split('\n')[0]).toMatch(/✖ SEV1 INC-20261125-1/);
    const kinds = recorder.timeline(id).events.filter((e) => ['check', 'note', 'sev'].includes(e.kind)).map((e) => [e.kind, e.check ?? e.text ?? e.sev]);
    expect(kinds).toEqual([
      ['note', 'note number 1'],
      ['check', { item: 'Gather logs' }],
      ['note', 'called the broker'],
      ['check', { item: 'Gather logs', undo: true }],
      ['sev', 1],
    ]);
  });

  it('C names a new commander, :incident note and :incident commander act at once, R resolves with a summary and the header lets go', async () => {
    const { service, recorder, id } = setup();
    const r = renderConsole(stubController(critical()), config, { columns: 100, rows: 30 }, { incidents: service, readOnly: true });
    let f = await open(r);
    expect(f).toMatch(/C commander +R resolve…/);
    await typeKeys(r.stdin, 'C');
    await waitForFrame(r.lastFrame, (x) => x.includes(`New commander of ${id}:`));
    await typeKeys(r.stdin, 'bo', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes(`${id}: commander now bo`));
    expect(f.split('\n')[0]).toMatch(/SEV2 INC-20261125-1 1m · ic bo/);
    // Given whole on the command line: no question asked.
    await typeKeys(r.stdin, ':', 'incident note  spread widened on BTC', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes(`${id}: note added: spread widened on BTC`));
    await typeKeys(r.stdin, ':', 'incident commander cy', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes(`${id}: commander now cy`));
    await typeKeys(r.stdin, ':', 'incident frobnicate', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes(':incident frobnicate: give start, note, check'));
    // A resolution without its summary asks first: esc leaves it open.
    await typeKeys(r.stdin, ':', 'incident resolve', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes(`Resolve ${id}; summary:`));
    await typeKeys(r.stdin, '\x1b');
    await waitForFrame(r.lastFrame, (x) => !x.includes(`Resolve ${id}; summary:`) && x.includes('R resolve…'));
    expect(recorder.open()).toEqual([id]);
    await typeKeys(r.stdin, 'R');
    await waitForFrame(r.lastFrame, (x) => x.includes(`Resolve ${id}; summary:`));
    await typeKeys(r.stdin, 'halted, positions reviewed', '\r');
    f = await waitForFrame(r.lastFrame, (x) => x.includes(`${id}: resolved: halted, positions reviewed`));
    expect(f).toContain('No incident is open.');
    expect(f.split('\n')[0]).not.toMatch(/SEV\d/);
    expect(recorder.open()).toEqual([]);
    const events = recorder.timeline(id).events.filter((e) => e.operator === 'ana' && ['note', 'commander', 'resolved'].includes(e.kind));
    expect(events.map((e) => [e.kind, e.text ?? e.commander ?? e.summary])).toEqual([
      ['note', 'note number 1'],
      ['commander', 'bo'],
      ['note', 'spread widened on BTC'],
      ['commander', 'cy'],
      ['resolved', 'halted, positions reviewed'],
    ]);
  });

  it('an incidents directory that cannot be written: the reason shown, nothing noted, the console still running', async () => {
    const { recorder, id } = setup();
    // A full disk, as the recorder reports it: every write of a timeline fails, reading still works.
    const full = Object.assign(Object.create(recorder) as Recorder, { recordFor: () => ({ ok: false as const, reason: `cannot write ${recorder.fileOf(id)}: no space left on device` }) });
    const service = new IncidentService(full, { clock: () => at(120) });
    const r = renderConsole(stubController(critical()), config, { columns: 100, rows: 30 }, { incidents: service });
    await open(r);
    await typeKeys(r.stdin, 'n', 'lost?', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('no space left on device') && x.includes('✖ not written to the incidents'));
    expect(f).not.toContain('note: lost?');
    await typeKeys(r.stdin, '\x1b', 'A');
    f = await waitForFrame(r.lastFrame, (x) => /Alerts \d/.test(x), 'the console still answering');
    expect(f.split('\n')[0]).toMatch(/SEV2/);
  });
});
