import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ControlService } from '../../src/actions/service.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine/engine.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { createHttp } from '../../src/sources/http.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { useTempDir } from '../helpers/temp.js';
import { renderConsole, stubController, typeKeys, waitForFrame } from '../helpers/tui.js';

const tmp = useTempDir();
const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const http = createHttp({ timeoutMs: 2000 });
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, token: 'ui-token', seed: 2 });
});
afterEach(() => cleanup());
afterAll(async () => {
  await http.close();
  await sim.close();
});

function setup(readOnly = false, opts: { audit?: string; trader?: string; token?: string } = {}) {
  const audit = opts.audit ?? join(tmp.dir(), 'audit.log');
  const controls = new ControlService({ trader: opts.trader ?? sim.url, allowInsecure: false, auditLog: audit }, http, 'ana', 5000, { GPTMON_TOKEN: opts.token ?? 'ui-token' });
  const e = new Engine(config);
  e.recordScrape(Date.now(), scrape(CALM));
  const r = renderConsole(stubController(e.snapshot(Date.now())), config, { columns: 100, rows: 30 }, { readOnly, ...(readOnly ? {} : { controls }) });
  return { r, audit };
}

describe('controls in the console', () => {
  it('H previews the state, asks why, then wants the word halt typed; then halts, verified and audited', async () => {
    const { r, audit } = setup();
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    r.stdin.write('H');
    await waitForFrame(r.lastFrame, (f) => /HALT: stop all trading on http:\/\/127\.0\.0\.1:\d+; now trading active/.test(f), 'the preview');
    await typeKeys(r.stdin, 'drawdown past 15%', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('Type halt to go ahead'));
    await typeKeys(r.stdin, 'halt', '\r');
    await waitForFrame(r.lastFrame, (f) => /halt: verified in \d+ms: trading halted/.test(f));
    const entry = JSON.parse(readFileSync(audit, 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(entry).toMatchObject({ action: 'halt', result: 'verified', reason: 'drawdown past 15%', operator: 'ana', via: 'tui' });
    await fetch(`${sim.url}/admin/resume`, { method: 'POST', headers: { authorization: 'Bearer ui-token' } });
  });

  it('a wrong word sends nothing', async () => {
    const { r } = setup();
    await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    await typeKeys(r.stdin, ':', 'halt', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('Why halt?'));
    r.stdin.write('\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('Type halt to go ahead'));
    await typeKeys(r.stdin, 'yes', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('halt: refused: typed "yes", not "halt"; nothing was sent'));
    const posts = ((await (await fetch(`${sim.url}/sim/requests`)).json()) as Array<{ method: string }>).filter((x) => x.method === 'POST');
    expect(posts).toEqual([]);
  });

  it('read-only: no H, and :halt is hidden', async () => {
    const { r } = setup(true);
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    expect(r.lastFrame()).not.toContain('H halt');
    // Had `H` asked why, `:halt` would be the answer: the message shows it did not ask.
    r.stdin.write('H');
    await typeKeys(r.stdin, ':', 'halt', '\r');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes(':halt is hidden in read-only mode'));
    expect(f).not.toContain('HALT:');
  });

  it('an audit log that cannot be written: H still halts, the footer says verified and AUDIT FAILED, and the console stays up', async () => {
    const { r } = setup(false, { audit: join(tmp.file('not-a-dir', 'x'), 'audit.log') });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    r.stdin.write('H');
    await waitForFrame(r.lastFrame, (f) => f.includes('HALT: stop all trading'));
    await typeKeys(r.stdin, 'test', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('Type halt to go ahead'));
    await typeKeys(r.stdin, 'halt', '\r');
    await waitForFrame(r.lastFrame, (f) => /halt: verified in \d+ms: trading halted\. AUDIT FAILED: cannot/.test(f), 'verified, then AUDIT FAILED');
    const state = (await (await fetch(`${sim.url}/admin/state`, { headers: { authorization: 'Bearer ui-token' } })).json()) as { trading: string };
    expect(state.trading).toBe('halted');
    // Still answering keys.
    r.stdin.write('?');
    await waitForFrame(r.lastFrame, (f) => /help/i.test(f), 'the help view');
    await fetch(`${sim.url}/admin/resume`, { method: 'POST', headers: { authorization: 'Bearer ui-token' } });
  });

  it('a token with a line break: H ends at once with the reason, and the preview masks credentials in the URL', async () => {
    const { r } = setup(false, { token: 'ui-token\n# old', trader: sim.url.replace('http://', 'http://ops:hunter2pw@') });
    await waitForFrame(r.lastFrame, (f) => f.includes('Trading'));
    r.stdin.write('H');
    await waitForFrame(r.lastFrame, (f) => f.includes('HALT: stop all trading on http://ops:***@127.0.0.1') && f.includes('cannot act: GPTMON_TOKEN has a line'), 'the masked preview');
    expect(r.lastFrame()).not.toContain('hunter2pw');
    await typeKeys(r.stdin, 'test', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('Type halt to go ahead'));
    await typeKeys(r.stdin, 'halt', '\r');
    await waitForFrame(r.lastFrame, (f) => f.includes('halt: FAILED: GPTMON_TOKEN has a line break'), 'the failure');
  });
});
