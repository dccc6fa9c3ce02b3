// halt, resume, flatten, failover, fallback-model, reduce: never without a
// confirmation, never "done" before the trader's own state says so, always
// audited or AUDIT FAILED said aloud. Loads neither the console nor
// Prometheus: it must work when they are down.

import { ACTIONS, stateLine, type ActionName, type ActionParams } from '../actions/actions.js';
import { clientFor, executeSequence, refuse, type Outcome } from '../actions/execute.js';
import { controlTarget } from '../actions/target.js';
import { operatorName, readPrefs } from '../config/prefs.js';
import { parseDurationMs } from '../config/units.js';
import { readCa } from '../sources/auth.js';
import { createHttp, type Http } from '../sources/http.js';
import { maskUrl, maskUrlsIn } from '../util/mask-url.js';
import type { GlobalOptions } from './options.js';
import { sanitize } from '../util/sanitize.js';
import { controlConfigOrExit } from './config-or-exit.js';
import { writeErr, writeOut } from './output.js';
import { ask } from './ask.js';

export { ask, type Answer } from './ask.js';

export interface ControlOptions {
  confirm?: boolean;
  reason?: string;
  dryRun?: boolean;
  target?: string;
  scale?: string;
  flatten?: boolean;
  deadline?: string;
}

/**
 * The real outcome first, then, if its audit line is missing, AUDIT FAILED.
 * The trader's state and the reasons (which quote its answers) are outside text: sanitised.
 */
function report(o: Outcome): void {
  if (o.result === 'verified') writeOut(`${o.action}: verified in ${o.ms}ms: ${sanitize(stateLine(o.state!))}\n`);
  else if (o.result === 'dry-run') writeOut(`${o.action}: dry run, nothing sent:\n${o.request}\n`);
  else writeErr(`gptmon ${o.action}: ${o.result === 'refused' ? 'refused' : 'FAILED'}: ${sanitize(o.reason)}\n`);
  if (o.auditFailed) writeErr(`gptmon ${o.action}: AUDIT FAILED: ${sanitize(o.auditFailed)}\n`);
}

/** A refusal's exit status: 2, whatever became of its audit line (report() has said AUDIT FAILED if so). */
function refused(o: Outcome): number {
  report(o);
  return 2;
}

/** The promise's value, or 'interrupted' if Ctrl-C comes first. */
function untilInterrupted<T>(p: Promise<T>): Promise<T | 'interrupted'> {
  let onSigint: () => void = () => {};
  const interrupted = new Promise<'interrupted'>((resolve) => {
    onSigint = () => resolve('interrupted');
    process.once('SIGINT', onSigint);
  });
  return Promise.race([p, interrupted]).finally(() => process.off('SIGINT', onSigint));
}

/** Closes the connections, but does not wait on a pool that no longer answers. */
async function closeSoon(http: Http): Promise<void> {
  await Promise.race([http.close().catch(() => undefined), new Promise((r) => setTimeout(r, 250).unref())]);
}

export async function runControl(name: ActionName, opts: ControlOptions, globals: GlobalOptions): Promise<number> {
  const config = controlConfigOrExit(globals, name);
  if (!config) return 1;
  const deadline = parseDurationMs(opts.deadline ?? '10s');
  if (!deadline.ok || deadline.value <= 0) {
    writeErr(`gptmon ${name}: --deadline ${opts.deadline}: ${deadline.ok ? 'must be longer than 0' : deadline.error}\n`);
    return 2;
  }
  const params: ActionParams = { reason: opts.reason ?? '(no reason given)', operator: operatorName(readPrefs().prefs) };
  if (name === 'failover') params.target = opts.target ?? 'secondary';
  if (name === 'reduce') {
    const scale = Number(opts.scale ?? '0.5');
    if (!(scale > 0 && scale <= 1)) {
      writeErr(`gptmon reduce: --scale ${opts.scale}: a number above 0 and at most 1\n`);
      return 2;
    }
    params.scale = scale;
  }
  const actions: ActionName[] = name === 'halt' && opts.flatten ? ['halt', 'flatten'] : [name];
  const target = controlTarget(config);
  // An https trader signed by the team's own CA: the controls trust what the monitor trusts.
  const { ca } = readCa(config.ca_file);
  const http = createHttp({ timeoutMs: config.timeoutMs, ...(ca ? { ca } : {}) });
  const base = { target, params, deadlineMs: deadline.value, http, via: 'cli' as const, attemptMs: config.timeoutMs };
  try {
    if (!opts.confirm && !opts.dryRun) {
      const tty = process.stdin.isTTY && process.stdout.isTTY;
      if (!tty) return refused(refuse(base, name, 'no --confirm and no terminal to ask on; nothing was sent'));
      writeOut(`About to ${actions.map((a) => ACTIONS[a].does).join(', then ')} on ${maskUrl(target.trader)}\n`);
      const made = clientFor(target, http);
      if (made.ok) {
        // Ctrl-C while the current state is read is a refusal too, audited, not a kill.
        const now = await untilInterrupted(made.client.state(Date.now() + config.timeoutMs));
        if (now === 'interrupted') {
          writeOut('^C\n');
          return refused(refuse(base, name, 'cancelled with Ctrl-C before the prompt; nothing was sent'));
        }
        writeOut(`Now: ${sanitize(now.ok ? stateLine(now.value) : `state unknown (${maskUrlsIn(now.reason)})`)}\n`);
      } else writeOut(`Now: cannot act: ${sanitize(maskUrlsIn(made.reason))}\n`);
      writeOut(`Reason: ${sanitize(params.reason)}\n`);
      const answer = await ask(`Type ${name} to go ahead: `);
      if (!answer.ok) return refused(refuse(base, name, `${answer.why}; nothing was sent`));
      const typed = answer.text.trim();
      if (typed !== name) return refused(refuse(base, name, `typed "${typed}", not "${name}"; nothing was sent`));
    }
    const outcomes = await executeSequence(actions, { ...base, ...(opts.dryRun ? { dryRun: true } : {}) });
    outcomes.forEach(report);
    const last = outcomes.at(-1)!;
    if (outcomes.length < actions.length) {
      const why = last.result === 'verified' ? ' (the deadline had passed)' : '';
      writeErr(`gptmon ${name}: stopped at ${last.action}; ${actions.slice(outcomes.length).join(', ')} not attempted${why}\n`);
    }
    const allDone = outcomes.every((o) => o.result === 'verified' || o.result === 'dry-run') && outcomes.length === actions.length;
    // Done but not written down is not done: exit 0 means verified and audited.
    return allDone && !outcomes.some((o) => o.auditFailed) ? 0 : 1;
  } finally {
    await closeSoon(http);
  }
}

