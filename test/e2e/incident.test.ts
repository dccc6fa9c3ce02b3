// From alert to post-mortem with the simulator and the commands an engineer
// types: declare, the drawdown fires and is seen, ack, halt (verified), a
// note, resolve, and the report says each of them in
// order with the values recorded at the time.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let sim: RunningSim;
beforeAll(async () => {
  sim = await startSim({ port: 0, token: 'inc-token', seed: 7, manualClock: true });
  sim.advance(30);
});
afterAll(() => sim.close());

describe('an incident from declaration to post-mortem', () => {
  it('records the drawdown, the ack, the verified halt, the note and the resolution, and reports them in order with their values', async () => {
    const dir = tmp.dir();
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, USER: 'ana', GPTMON_TOKEN: 'inc-token' };
    const gptmon = async (...args: string[]) => {
      const r = await runCli([...args, '--trader', sim.url], { env, timeoutMs: 20_000 });
      expectNoStack(r.stderr);
      return r;
    };

    const started = await gptmon('incident', 'start', '--sev', '2', '--title', 'Drawdown past 15%', '--commander', 'ana');
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const id = started.stdout.split('\n')[0]!;
    expect(id).toMatch(/^INC-\d{8}-1$/);

    sim.setScenario('drawdown');
    sim.advance(60);
    const seen = await gptmon('status', '--json');
    const firing = (JSON.parse(seen.stdout) as { alerts: Array<{ name: string; state: string }> }).alerts.find((a) => a.name === 'ExcessiveDrawdown');
    expect(firing?.state).toBe('firing');
    const drawdownSeen = (JSON.parse(seen.stdout) as { metrics: Record<string, { value?: number }> }).metrics.portfolio_drawdown!.value!;
    expect(drawdownSeen).toBeGreaterThan(0.15);

    expect((await gptmon('ack', 'ExcessiveDrawdown', '--comment', 'on it', '--for', '1h')).code).toBe(0);
    const halted = await gptmon('halt', '--confirm', '--reason', 'drawdown past 15%');
    expect(halted.code).toBe(0);
    expect((await gptmon('incident', 'note', 'positions checked with the broker')).code).toBe(0);

    expect((await gptmon('incident', 'resolve', '--summary', 'Halted at the drawdown line; resumed after review.')).code).toBe(0);

    const out = join(dir, 'report.md');
    const report = await gptmon('incident', 'report', id, '-o', out);
    expect(report.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    const pct = `${(drawdownSeen * 100).toFixed(1)}%`;
    const inOrder = [
      `# ${id}: Drawdown past 15% (SEV2)`,
      '| Commander | ana |',
      '## Timeline',
      'declared SEV2 "Drawdown past 15%", commander ana',
      `ExcessiveDrawdown firing (${pct} > 15%)`,
      'acknowledged ExcessiveDrawdown for 1h00m: "on it"',
      'halt verified',
      'note: positions checked with the broker',
      'resolved: Halted at the drawdown line; resumed after review.',
      '## Actions taken',
      '## Checklist',
      '- [x] Stop trading if necessary (halted',
      '## Notes',
      '## Root cause',
    ];
    let from = 0;
    for (const s of inOrder) {
      const i = md.indexOf(s, from);
      expect(i, `"${s}" after position ${from} in:\n${md}`).toBeGreaterThanOrEqual(from);
      from = i + s.length;
    }
    // The values are the recorded ones: the drawdown as status saw it, on the firing and the halt.
    expect(md).toMatch(new RegExp(`ExcessiveDrawdown firing \\(${pct.replace('.', '\\.')} > 15%\\)[^\\n]*\\| ${pct.replace('.', '\\.')} \\|`));
    expect(md).toMatch(new RegExp(`acknowledged ExcessiveDrawdown[^\\n]*\\| ${pct.replace('.', '\\.')} \\|`));
    expect(md).toMatch(new RegExp(`halt verified[^\\n]*\\| ${pct.replace('.', '\\.')} \\|`));
    expect(md).toMatch(/\| Acknowledged \| \d\d:\d\d:\d\d by ana/);
    expect(md).toMatch(/\| Mitigated \| \d\d:\d\d:\d\d, halt verified by ana/);
    expect(md).toMatch(/Peak drawdown \d+\.\d%/);
    expect(md).toMatch(/Trading halted at \d\d:\d\d:\d\d and not resumed when the incident was resolved/);

    const json = JSON.parse((await gptmon('incident', 'report', id, '--json')).stdout) as { acknowledged: { by: string }; mitigated: { what: string } };
    expect(json.acknowledged.by).toBe('ana');
    expect(json.mitigated.what).toBe('halt verified');
  }, 60_000);
});
