import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { consoleRunbooks } from '../../src/runbooks/console-runbooks.js';
import { BIN_DIR, redact, stepEnvironment } from '../../src/runbooks/step-env.js';
import { parseRunbook } from '../../src/runbooks/parse.js';
import type { Runbook } from '../../src/runbooks/types.js';
import { startSim } from '../../src/sim/index.js';
import { runbookText } from '../helpers/runbook-files.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const TOKEN = 'tok-5f2a9c71e0d34b8a';
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function book(command: string): Runbook {
  const parsed = parseRunbook(runbookText('t', { steps: [`Run it: \`${command}\``] }), 't.md', 'team');
  if (!parsed.ok) throw new Error(parsed.issue.message);
  return parsed.runbook;
}

/** A console's runbooks over a clean environment in a temp dir: its own state dir, and a PATH of `path`. */
function console_(opts: { env?: NodeJS.ProcessEnv; configFile?: string; path?: string; trader?: string } = {}) {
  const dir = tmp.dir();
  const { config, issues } = loadConfig({ ...(opts.configFile ? { config: opts.configFile } : {}), ...(opts.trader ? { trader: opts.trader } : {}) }, { XDG_CONFIG_HOME: join(dir, 'no-config') });
  expect(issues).toEqual([]);
  const env: NodeJS.ProcessEnv = { PATH: opts.path ?? '/usr/bin:/bin', HOME: dir, XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'no-config'), ...opts.env };
  return consoleRunbooks({ config, progressFile: join(dir, 'progress.json'), operator: 'ana', env, pid: 424242 });
}

async function runIn(c: ReturnType<typeof console_>, command: string): Promise<string> {
  const rb = book(command);
  const res = await c.service.run('K', rb, rb.diagnosis[0]!, 'y');
  if (!res.ran) throw new Error(res.reason);
  expect(res.saved.ok).toBe(true);
  return res.result.output;
}

describe('what a runbook step runs with', () => {
  it('no GPTMON_TOKEN, nor the token in any variable; a private token file for gptmon instead, removed on close', async () => {
    const c = console_({ env: { GPTMON_TOKEN: TOKEN, A_COPY: TOKEN, AUTH_HEADER: `Bearer ${TOKEN}`, KEEP_ME: 'yes' } });
    const out = await runIn(c, 'env');
    expect(out).not.toContain('GPTMON_TOKEN=');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toMatch(/^(A_COPY|AUTH_HEADER)=/m);
    expect(out).toMatch(/^KEEP_ME=yes$/m);
    expect(out).toMatch(/^GPTMON_TRADER_URL=http/m);
    // Nor in the progress file, where the next engineer would read it.
    expect(readFileSync(join(tmp.dir(), 'progress.json'), 'utf8')).not.toContain(TOKEN);

    const file = /^GPTMON_TOKEN_FILE=(.+)$/m.exec(out)![1]!;
    expect(file).toBe(join(tmp.dir(), 'state', 'gptmon', 'run', `token-${hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-424242`));
    expect(readFileSync(file, 'utf8').trim()).toBe(TOKEN);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(tmp.dir(), 'state', 'gptmon', 'run')).mode & 0o777).toBe(0o700);
    await c.close();
    expect(existsSync(file)).toBe(false);
  });

  it('the environment itself: no token variable, no copy of it; bin/ first on PATH; secrets blanked in text', () => {
    const env = stepEnvironment({ base: { PATH: '/usr/bin:/bin', GPTMON_TOKEN: TOKEN, A_COPY: TOKEN, LANG: 'C' }, add: { GPTMON_TRADER_URL: 'http://127.0.0.1:1' } });
    expect(Object.keys(env).sort()).toEqual(['GPTMON_TRADER_URL', 'LANG', 'PATH']);
    expect(env.PATH!.split(':').slice(0, 3)).toEqual([BIN_DIR, '/usr/bin', '/bin']);
    expect(redact(`a ${TOKEN} b`, [TOKEN])).toBe('a ******** b');
  });

  it('a step that prints the token anyway has it blanked in what is shown and kept', async () => {
    const tokenFile = tmp.file('token', `${TOKEN}\n`);
    chmodSync(tokenFile, 0o600);
    const cfg = tmp.file('gptmon.yaml', `token_file: ${tokenFile}\n`);
    const c = console_({ configFile: cfg });
    const out = await runIn(c, `cat ${tokenFile}`);
    expect(out).toBe('********\n');
    expect(readFileSync(join(tmp.dir(), 'progress.json'), 'utf8')).not.toContain(TOKEN);
    await c.close();
  });

  // Each starts node for the built CLI: slower than the rest when the suite is busy.
  it('gptmon in a step is this checkout, even with another gptmon on PATH', { timeout: 20_000 }, async () => {
    const fake = join(tmp.dir(), 'fakebin');
    mkdirSync(fake);
    writeFileSync(join(fake, 'gptmon'), '#!/bin/sh\necho WRONG GPTMON\n', { mode: 0o755 });
    const c = console_({ path: `${fake}:/usr/bin:/bin` });
    expect(await runIn(c, 'gptmon --version')).toBe(`${VERSION}\n`);
    // And with no gptmon on PATH at all (a fresh checkout, no global install).
    const bare = console_({ path: join(tmp.dir(), 'empty') });
    expect(await runIn(bare, 'gptmon --version')).toBe(`${VERSION}\n`);
  });

  it("a runbook's `gptmon fallback-model --confirm` line works from the console's token, which the step never sees", { timeout: 20_000 }, async () => {
    const sim = await startSim({ port: 0, token: TOKEN, seed: 3 });
    try {
      const c = console_({ env: { GPTMON_TOKEN: TOKEN }, trader: sim.url });
      const rb = book('gptmon fallback-model --confirm --reason "from a runbook step"');
      const res = await c.service.run('K', rb, rb.diagnosis[0]!, 'fallback-model');
      if (!res.ran) throw new Error(res.reason);
      expect(res.result).toMatchObject({ exitCode: 0 });
      expect(res.result.output).toMatch(/verified/i);
      expect(res.result.output).not.toContain(TOKEN);
      expect(sim.model.state().model).toBe('fallback');
      await c.close();
    } finally {
      await sim.close();
    }
  });

  it("gptmon in a step reads the console's config file", { timeout: 20_000 }, async () => {
    const team = join(tmp.dir(), 'team');
    mkdirSync(team);
    writeFileSync(join(team, 'team-only.md'), runbookText('team-only'));
    const cfg = tmp.file('named.yaml', `runbooks_dir: ${team}\n`);
    const c = console_({ configFile: cfg });
    const out = await runIn(c, 'echo "config=$GPTMON_CONFIG"; gptmon runbook team-only');
    expect(out).toContain(`config=${cfg}`);
    expect(out).toContain('title: Test team-only');
  });
});
