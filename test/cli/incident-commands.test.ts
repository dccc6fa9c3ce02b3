// The incident commands given what an engineer at 3 a.m. might type: an id
// that does not exist, a severity outside 1-4, an item that matches nothing,
// a timeline with a corrupt line, a directory that cannot be written. Each
// gets one clear line and its exit code (0 done, 1 failed, 2 refused).

import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();

/** A gptmon with its own state and a trader nobody answers for (incident commands do not need one). */
function setup(opts: { incidentsDir?: string } = {}) {
  const dir = tmp.dir();
  const config = join(dir, 'gptmon.yaml');
  writeFileSync(config, `trader: http://127.0.0.1:9\ntimeout: 300ms\nincidents_dir: ${opts.incidentsDir ?? join(dir, 'incidents')}\n`);
  const env = { XDG_STATE_HOME: join(dir, 'state'), HOME: dir, USER: 'ana' };
  const gptmon = async (...args: string[]) => {
    const r = await runCli(['--config', config, ...args], { env, timeoutMs: 15_000 });
    expectNoStack(r.stderr);
    return r;
  };
  return { dir, gptmon };
}

describe('gptmon incident with bad input', () => {
  it('refuses a severity outside 1-4, and without --sev off a terminal, declaring nothing', async () => {
    const { dir, gptmon } = setup();
    let r = await gptmon('incident', 'start', '--sev', '5', '--title', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gptmon incident start: --sev 5: a severity from 1 (complete failure) to 4 (no immediate impact)\n');
    r = await gptmon('incident', 'start', '--title', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gptmon incident start: no --sev and no terminal to ask on; suggested SEV4: .*Nothing was declared\.\n$/);
    expect(() => readdirSync(join(dir, 'incidents'))).toThrow();
  });

  it('says when no incident is open, and names the known ones for an unknown id', async () => {
    const { gptmon } = setup();
    let r = await gptmon('incident', 'note', 'hello');
    expect(r).toMatchObject({ code: 2, stderr: 'gptmon incident note: no incident is open (gptmon incident start declares one; gptmon incident list shows the others)\n' });
    expect((await gptmon('incident', 'start', '--sev', '3', '--title', 'slow')).code).toBe(0);
    r = await gptmon('incident', 'status', 'INC-20200101-9');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gptmon incident status: no incident INC-20200101-9 \(known: INC-\d{8}-1\)\n$/);
    r = await gptmon('incident', 'report', 'yesterday');
    expect(r).toMatchObject({ code: 2, stderr: 'gptmon incident report: "yesterday" is not an incident id (they look like INC-20261125-1)\n' });
  });

  it('asks which incident when several are open', async () => {
    const { gptmon } = setup();
    await gptmon('incident', 'start', '--sev', '3', '--title', 'one');
    await gptmon('incident', 'start', '--sev', '4', '--title', 'two');
    const r = await gptmon('incident', 'sev', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 incidents are open \(INC-\d{8}-1, INC-\d{8}-2\): name one with --id/);
    expect((await gptmon('incident', 'sev', '2', '--id', r.stderr.match(/INC-\d{8}-2/)![0])).code).toBe(0);
  });

  it('refuses a checklist item that matches nothing, naming the closest; ticks by words and takes it back', async () => {
    const { gptmon } = setup();
    await gptmon('incident', 'start', '--sev', '2', '--title', 'x');
    let r = await gptmon('incident', 'check', 'gather lgos');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gptmon incident check: no item matches "gather lgos"; closest: \d+ \(Gather logs\)/);
    r = await gptmon('incident', 'check', '99');
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/no item 99: the checklist has 1-\d+/) });
    r = await gptmon('incident', 'check', 'gather logs');
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/ticked \d+\. Gather logs/) });
    r = await gptmon('incident', 'check', 'gather logs', '--undo');
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/unticked \d+\. Gather logs/) });
    r = await gptmon('incident', 'sev', '0');
    expect(r).toMatchObject({ code: 2, stderr: 'gptmon incident sev: "0" is not a severity from 1 to 4\n' });
    // Resolved, the post-mortem is of the newest incident; edits other than notes are refused.
    expect((await gptmon('incident', 'resolve')).code).toBe(0);
    r = await gptmon('incident', 'report');
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^# INC-\d{8}-1: x \(SEV2\)\n/) });
    r = await gptmon('incident', 'check', 'gather logs');
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('no incident is open') });
  });

  it('reports a corrupt line of a timeline by its number and reads the rest', async () => {
    const { dir, gptmon } = setup();
    const id = (await gptmon('incident', 'start', '--sev', '3', '--title', 'x')).stdout.split('\n')[0]!;
    appendFileSync(join(dir, 'incidents', `${id}.jsonl`), '{"kind":"note","ti\n');
    await gptmon('incident', 'note', 'after the bad line');
    const r = await gptmon('incident', 'report', id);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${join(dir, 'incidents', `${id}.jsonl`)}:2: not an event (skipped; the rest is read)\n`);
    expect(r.stdout).toContain('after the bad line');
  });

  it('says so and exits 1 when the incidents directory cannot be written', async () => {
    const blocked = join(tmp.dir(), 'a-file');
    writeFileSync(blocked, 'not a directory');
    // A file where the directory should be: unwritable even for root.
    const { gptmon } = setup({ incidentsDir: blocked });
    const r = await gptmon('incident', 'start', '--sev', '2', '--title', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^gptmon incident start: .*${blocked.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*\n$`));
  });
});
