// halt, resume, flatten, failover, fallback-model, reduce: never without a
// confirmation, never "done" before the trader's own state says so, always
// audited. Loads neither the console nor Prometheus: it must work when they are down.

import { createInterface } from 'node:readline/promises';
import { ACTIONS, stateLine, type ActionName, type ActionParams } from '../actions/actions.js';
import { clientFor, executeSequence, refuse, type Outcome } from '../actions/execute.js';
import { controlTarget } from '../actions/target.js';
import { operatorName, readPrefsQuick } from '../config/prefs-file.js';
import { parseDurationMs } from '../config/units.js';
import { createHttp } from '../sources/http.js';
import type { GlobalOptions } from './main.js';
import { controlConfigOrExit } from './config-or-exit.js';

export interface ControlOptions {
  confirm?: boolean;
  reason?: string;
  dryRun?: boolean;
  target?: string;
  scale?: string;
  flatten?: boolean;
  deadline?: string;
}

function report(o: Outcome): void {
  if (o.result === 'verified') process.stdout.write(`${o.action}: verified in ${o.ms}ms: ${stateLine(o.state!)}\n`);
  else if (o.result === 'dry-run') process.stdout.write(`${o.action}: dry run, nothing sent:\n${o.request}\n`);
  else process.stderr.write(`gptmon ${o.action}: ${o.result === 'refused' ? 'refused' : 'FAILED'}: ${o.reason}\n`);
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export async function runControl(name: ActionName, opts: ControlOptions, globals: GlobalOptions): Promise<number> {
  const config = controlConfigOrExit(globals, name);
  if (!config) return 1;
  const deadline = parseDurationMs(opts.deadline ?? '10s');
  if (!deadline.ok || deadline.value <= 0) {
    process.stderr.write(`gptmon ${name}: --deadline ${opts.deadline}: ${deadline.ok ? 'must be longer than 0' : deadline.error}\n`);
    return 2;
  }
  const params: ActionParams = { reason: opts.reason ?? '(no reason given)', operator: operatorName(readPrefsQuick()) };
  if (name === 'failover') params.target = opts.target ?? 'secondary';
  if (name === 'reduce') {
    const scale = Number(opts.scale ?? '0.5');
    if (!(scale > 0 && scale <= 1)) {
      process.stderr.write(`gptmon reduce: --scale ${opts.scale}: a number above 0 and at most 1\n`);
      return 2;
    }
    params.scale = scale;
  }
  const actions: ActionName[] = name === 'halt' && opts.flatten ? ['halt', 'flatten'] : [name];
  const target = controlTarget(config);
  const http = createHttp({ timeoutMs: config.timeoutMs });
  const base = { target, params, deadlineMs: deadline.value, http, via: 'cli' as const, attemptMs: config.timeoutMs };
  try {
    if (!opts.confirm && !opts.dryRun) {
      const tty = process.stdin.isTTY && process.stdout.isTTY;
      if (!tty) {
        report(refuse(base, name, 'no --confirm and no terminal to ask on; nothing was sent'));
        return 2;
      }
      process.stdout.write(`About to ${actions.map((a) => ACTIONS[a].does).join(', then ')} on ${target.trader}\n`);
      const made = clientFor(target, http);
      if (made.ok) {
        const now = await made.client.state(Date.now() + config.timeoutMs);
        process.stdout.write(`Now: ${now.ok ? stateLine(now.value) : `state unknown (${now.reason})`}\n`);
      }
      process.stdout.write(`Reason: ${params.reason}\n`);
      const typed = (await ask(`Type ${name} to go ahead: `)).trim();
      if (typed !== name) {
        report(refuse(base, name, `typed "${typed}", not "${name}"; nothing was sent`));
        return 2;
      }
    }
    const outcomes = await executeSequence(actions, { ...base, ...(opts.dryRun ? { dryRun: true } : {}) });
    outcomes.forEach(report);
    const last = outcomes.at(-1)!;
    if (outcomes.length < actions.length) {
      process.stderr.write(`gptmon ${name}: stopped at ${last.action}; ${actions.slice(outcomes.length).join(', ')} not attempted\n`);
    }
    return outcomes.every((o) => o.result === 'verified' || o.result === 'dry-run') && outcomes.length === actions.length ? 0 : 1;
  } finally {
    await http.close();
  }
}

