// The observer between the console's snapshots and the recorder: values are
// sampled once a minute on a quiet night, each sample once, and what it
// remembers to skip the ones already recorded does not grow with the hours
// (a console stays open for days).

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { Observer } from '../../src/incidents/observer.js';
import type { NewEvent, Recorder } from '../../src/incidents/recorder.js';
import { CALM, calmHistograms, scrape } from '../helpers/scrape.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const T0 = Date.UTC(2026, 10, 26, 1, 0, 0);

describe('the observer on a quiet night', () => {
  it('records one sample a minute, and keeps only the latest sample key', () => {
    const recorded: NewEvent[] = [];
    const recorder = { openNow: () => [], record: (events: NewEvent[]) => (recorded.push(...events), { ok: true as const }) } as unknown as Recorder;
    const observer = new Observer(recorder);
    const engine = new Engine(config);
    const hours = 3;
    for (let s = 0; s <= hours * 3600; s += 5) {
      engine.recordScrape(T0 + s * 1000, scrape(CALM, calmHistograms(s)));
      observer.observe(engine.snapshot(T0 + s * 1000));
    }
    const samples = recorded.filter((e) => e.kind === 'sample');
    expect(samples.length).toBe(hours * 60 + 1);
    expect(new Set(samples.map((e) => e.key)).size).toBe(samples.length);
    // What it remembers: the latest sample, not one key per minute since it started.
    expect((observer as unknown as { seen: Set<string> }).seen.size).toBe(1);
  });
});
