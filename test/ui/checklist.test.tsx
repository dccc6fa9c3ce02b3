// `:checklist` in the console: today's daily checklist from the shared ticks
// file (who ticked what, when), gptmon's evidence and suggested ticks from
// the snapshot on screen, scrolling where it does not fit, and ticking with
// `c` (-N takes it back) written where `gptmon checklist daily tick N` writes.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { consoleChecklist } from '../../src/cli/checklist-console.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { periodOf } from '../../src/reviews/periods.js';
import { readTicks, setTick } from '../../src/store/checklist-file.js';
import { checklistFile } from '../../src/store/state-paths.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
afterEach(() => cleanup());
const loaded = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' }).config;

function setup() {
  const dir = tmp.dir();
  mkdirSync(join(dir, 'incidents'), { recursive: true });
  const config = { ...loaded, progress_dir: dir, incidents_dir: join(dir, 'incidents') };
  const now = Date.now();
  const e = new Engine(config);
  for (let s = 60; s >= 0; s -= 10) e.recordScrape(now - s * 1000, scrape(CALM));
  const snap = e.snapshot(now);
  const file = checklistFile(config);
  const key = periodOf('daily', now).key;
  setTick(file, key, config.checklists.daily[0]!, { by: 'bo', at: now - 120_000 });
  return { config, snap, file, key, service: consoleChecklist(config, 'ana', () => snap) };
}

const open = async (r: ReturnType<typeof renderConsole>) => {
  await waitForFrame(r.lastFrame, (f) => f.includes('Trading'), 'the overview');
  await typeKeys(r.stdin, ':', 'checklist', '\r');
  return waitForFrame(r.lastFrame, (f) => f.includes('Daily checklist'), 'the checklist view');
};

describe('the checklist view', () => {
  for (const size of [
    { columns: 100, rows: 30 },
    { columns: 80, rows: 24 },
  ]) {
    it(`shows today's items, who ticked them, the evidence and the suggested ticks at ${size.columns}x${size.rows}`, async () => {
      const { config, snap, service, key } = setup();
      const r = renderConsole(stubController(snap), config, size, { checklist: service });
      const f = await open(r);
      for (const l of f.split('\n')) expect(l.length, l).toBeLessThanOrEqual(size.columns);
      expect(f).toContain(` Daily checklist ${key.slice(6)} (UTC): 1/6 ticked`);
      expect(f).toMatch(/ {2}1\. \[x\] Review overnight trading performance {2}by bo \d\d:\d\d \(2m0?0?s ago\)/);
      expect(f).toMatch(/ {2}2\. \[ \] Check model accuracy metrics {2}→ looks fine: tick it\?\n {8}accuracy \d+\.\d% \(\d+s old\) now, line 55\.0%/);
      expect(f).toMatch(/ {2}3\. \[ \] Verify risk limits compliance {2}→ /);
      // The footer names the tick key; the last item is reached by scrolling where it does not fit.
      expect(f.trimEnd().split('\n').at(-1)).toMatch(/ c tick /);
      if (size.rows < 30) {
        expect(f).toMatch(/ · 1-\d+ of \d+/);
        expect(f).not.toContain('c N ticks item N');
        await typeKeys(r.stdin, 'J', 'J');
      }
      const end = await waitForFrame(r.lastFrame, (x) => x.includes('c N ticks item N, c -N takes the tick back'), 'the end of the list');
      expect(end).toContain('6. [ ] Validate data pipeline health  → LOOK');
    });
  }

  it('c ticks an item by number into the shared ticks file, -N takes it back, and an item out of range is refused', async () => {
    const { config, snap, service, file, key } = setup();
    const r = renderConsole(stubController(snap), config, { columns: 100, rows: 30 }, { checklist: service });
    await open(r);
    await typeKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, (f) => f.includes('Tick item: '), 'the question');
    await typeKeys(r.stdin, '3', '\r');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('ticked 3. Verify risk limits compliance'), 'the tick said');
    f = await waitForFrame(r.lastFrame, (x) => /3\. \[x\] Verify risk limits compliance {2}by ana/.test(x), 'the tick shown');
    expect(f).toContain('2/6 ticked');
    expect(readTicks(file, key)['Verify risk limits compliance']).toMatchObject({ by: 'ana' });
    await typeKeys(r.stdin, 'c', '-3', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('took back the tick of 3.') && x.includes('1/6 ticked'), 'the tick taken back');
    expect(readTicks(file, key)['Verify risk limits compliance']).toBeUndefined();
    await typeKeys(r.stdin, 'c', '9', '\r');
    await waitForFrame(r.lastFrame, (x) => x.includes('"9" is not an item: give 1-6 (-N takes a tick back)'), 'the refusal');
  });
});
