// `gptmon checklist`: the playbook's lists with the evidence gptmon reads for
// them, ticks kept with who and when in a file changed whole under its lock
// (several engineers at once lose none), the monthly alert fatigue from a
// recorded history, a team's own list, and bad input.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: 'test-token', seed: 7, manualClock: true });
  sim.advance(30);
});
afterAll(async () => {
  await sim.close();
});

const env = (user = 'ana') => ({ XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir(), USER: user });

describe('gptmon checklist', () => {
  it("daily: the playbook's six items, each with what gptmon read and a suggested tick", async () => {
    const r = await runCli(['checklist', 'daily', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    const out = r.stdout;
    const flat = out.replace(/\n {7}/g, ' ');
    expect(out).toMatch(/^Daily checklist \d{4}-\d{2}-\d{2} \(UTC\): 0\/6 ticked$/m);
    expect(out).toMatch(/^ 1\. \[ \] Review overnight trading performance {2}→ looks fine: tick it\?$/m);
    expect(out).toMatch(/^ {7}accuracy \d+\.\d% \(\d+s old\) now, line 55\.0%$/m);
    expect(out).toMatch(/^ {7}max_exposure: \$[\d.]+K of \$1\.00M WITHIN$/m);
    expect(flat).toMatch(/Review overnight trading performance {2}→ looks fine: tick it\? P&L [+-]\$[\d.]+K?, win rate/);
    expect(out).toMatch(/^ {7}now: cpu \d+\.\d% \(\d+s old\)/m);
    expect(out).toMatch(/^ {7}no alerts recorded in the last 24 h \(watched since \d\d:\d\d UTC\)$/m);
    expect(out).toMatch(/^ {7}database ok, redis ok, model ok, api ok$/m);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('unknown is never a suggested tick: with the trader down every item with evidence says LOOK', async () => {
    const r = await runCli(['checklist', 'daily', '--trader', 'http://127.0.0.1:9'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('looks fine');
    expect(r.stdout).toMatch(/^ 6\. \[ \] Validate data pipeline health {2}→ LOOK\n {7}health components: not read$/m);
    expect(r.stdout).toMatch(/^ 5\. \[ \] Check for any overnight alerts {2}→ LOOK\n {7}no alerts recorded, but no gptmon recorded the trader in the last/m);
  });

  it('tick N keeps who and when; --undo takes it back; the list and --json say so', async () => {
    const e = env('ana');
    const t = await runCli(['checklist', 'daily', 'tick', '2'], { env: e });
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^ticked 2\. Check model accuracy metrics \(daily \d{4}-\d{2}-\d{2}\)$/m);
    const shown = await runCli(['checklist', 'daily', '--trader', sim.url], { env: env('bob') });
    expect(shown.stdout).toMatch(/^ 2\. \[x\] Check model accuracy metrics {2}by ana \d\d:\d\d \(\d+s ago\)$/m);
    expect(shown.stdout).toMatch(/: 1\/6 ticked$/m);
    const doc = JSON.parse((await runCli(['checklist', 'daily', '--json', '--trader', sim.url], { env: e })).stdout);
    expect(doc.items[1]).toMatchObject({ n: 2, text: 'Check model accuracy metrics', tick: { by: 'ana', at: expect.any(Number) }, evidence: { suggest: 'tick' } });
    expect(doc.items[0].tick).toBeUndefined();
    const u = await runCli(['checklist', 'daily', 'tick', '2', '--undo'], { env: e });
    expect(u.stdout).toContain('took back the tick of 2. Check model accuracy metrics');
    expect(JSON.parse((await runCli(['checklist', 'daily', '--json', '--trader', sim.url], { env: e })).stdout).items[1].tick).toBeUndefined();
  });

  it('six engineers ticking at once: all six ticks kept', async () => {
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => runCli(['checklist', 'weekly', 'tick', String(n)], { env: env(`eng${n}`) })));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    const doc = JSON.parse((await runCli(['checklist', 'weekly', '--json', '--trader', sim.url], { env: env() })).stdout);
    expect(doc.key).toMatch(/^weekly \d{4}-W\d\d$/);
    expect(doc.items.map((i: { tick?: { by: string } }) => i.tick?.by)).toEqual(['eng1', 'eng2', 'eng3', 'eng4', 'eng5', 'eng6']);
  });

  it('monthly: alert fatigue from the recorded history (fired, acked, median ack, flapping, never acted on)', async () => {
    const dir = join(tmp.dir(), 'gptmon', 'incidents');
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
    // Within this month, before now.
    const base = Math.max(monthStart, now - 3_600_000 * 3);
    const ev = (kind: string, m: number, name: string, extra: object = {}) => ({ kind, time: base + m * 60_000, operator: kind === 'ack' ? 'ana' : '—', host: 'h', key: `${kind}:${name}:${m}`, ...extra });
    const alert = (kind: string, m: number, name: string) => ev(kind, m, name, { alert: { name, key: name, severity: 'medium', at: base + m * 60_000 } });
    const lines = [
      ...[0, 10, 20, 30].flatMap((m) => [alert('alert-firing', m, 'HighCPU'), alert('alert-resolved', m + 2, 'HighCPU')]),
      alert('alert-firing', 40, 'ExcessiveDrawdown'),
      ev('ack', 43, 'ExcessiveDrawdown', { ack: { alert: 'ExcessiveDrawdown', forMs: 3_600_000, comment: 'x', where: 'local' } }),
      alert('alert-resolved', 50, 'ExcessiveDrawdown'),
    ];
    writeFileSync(join(dir, `alert-history-${new Date(now).toISOString().slice(0, 7)}.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const r = await runCli(['checklist', 'monthly', '--trader', sim.url], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ 4\. \[ \] Alert fatigue analysis {2}→ LOOK$/m);
    const flat = r.stdout.replace(/\n {7}/g, ' ');
    expect(flat).toContain('5 firings of 2 alerts, 1 acked; 1 flapping; 4 never acted on');
    expect(flat).toContain('HighCPU: fired 4, acked 0, 4 never acted on, FLAPPING (4 in an hour)');
    expect(flat).toContain('ExcessiveDrawdown: fired 1, acked 1, median ack 3m00s, 1 acked without action');
    expect(r.stdout).toMatch(/^ 2\. \[ \] Model retraining evaluation {2}\(by hand\)$/m);
    expect(r.stdout).toContain('no incidents this month');
  });

  it("a team's own list from checklists: in the config", async () => {
    const config = join(tmp.dir(), 'team.yaml');
    writeFileSync(config, 'checklists:\n  daily:\n    - Read the overnight desk notes\n    - Verify risk limits compliance\n');
    const r = await runCli(['checklist', 'daily', '--config', config, '--trader', sim.url], { env: env() });
    expect(r.stdout).toMatch(/: 0\/2 ticked$/m);
    expect(r.stdout).toMatch(/^ 1\. \[ \] Read the overnight desk notes {2}\(by hand\)$/m);
    expect(r.stdout).toMatch(/^ 2\. \[ \] Verify risk limits compliance {2}→ looks fine: tick it\?$/m);
  });

  it('bad input: an item out of range, a period or an action unknown: exit 2, one line, nothing kept', async () => {
    for (const [args, said] of [
      [['daily', 'tick', '7'], 'item "7" is out of range: the daily checklist has items 1-6'],
      [['daily', 'tick', '0'], 'item "0" is out of range'],
      [['daily', 'tick', 'two'], 'item "two" is out of range'],
      [['daily', 'tick'], 'item (none given) is out of range'],
      [['yearly'], 'unknown checklist "yearly": daily, weekly or monthly'],
      [['daily', 'untick', '1'], 'unknown action "untick"'],
    ] as const) {
      const r = await runCli(['checklist', ...args], { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(said);
      expectNoStack(r.stderr);
    }
  });
});
