// Start-up as on-call feels it: from exec to the answer (or, for halt, to the
// POST arriving at the trader), beside a bare `node -e 0` in the same run.

import { spawn } from 'node:child_process';
import { summary } from './lib/stats.mjs';

const BIN = new URL('../bin/gptmon.js', import.meta.url).pathname;

/** `node …` for the baseline; the launcher itself, as a user runs it, for gptmon. */
function timeExec(args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const [cmd, ...rest] = args[0] === BIN ? args : [process.execPath, ...args];
    const child = spawn(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code }));
  });
}

export async function measureStartup({ runs, sim, stateDir }) {
  const env = { XDG_STATE_HOME: stateDir, XDG_CONFIG_HOME: stateDir, NO_COLOR: '1' };
  const node = [];
  const version = [];
  const runbook = [];
  const halt = [];
  for (let i = 0; i < runs; i++) {
    node.push((await timeExec(['-e', '0'], env)).ms);
    version.push((await timeExec([BIN, '--version'], env)).ms);
    runbook.push((await timeExec([BIN, 'runbook', 'memory'], env)).ms);
    // Halt: from exec until the simulator logged the POST.
    await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' });
    const wallStart = Date.now();
    const r = await timeExec([BIN, 'halt', '--confirm', '--reason', 'bench', '--trader', sim.url], { ...env, GPTMON_TOKEN: sim.token });
    const seen = (await (await fetch(`${sim.url}/sim/requests`)).json()).find((x) => x.method === 'POST' && x.path === '/admin/halt');
    if (seen && r.code === 0) halt.push(Date.parse(seen.time) - wallStart);
    await fetch(`${sim.url}/admin/resume`, { method: 'POST', headers: { authorization: `Bearer ${sim.token}` } });
  }
  const base = summary(node).median;
  const withRatio = (values) => ({ ...summary(values), ratio: summary(values).median / base });
  return { node: summary(node), version: withRatio(version), runbook: withRatio(runbook), halt: withRatio(halt) };
}
