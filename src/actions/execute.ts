// One control action from start to verified end: checks that nothing unsafe
// is sent, writes the attempt to the audit log, POSTs with retries, then reads
// the state until it shows the change or the deadline passes, and writes how
// it ended. It always ends, by the deadline plus half a second at the latest,
// whatever the network or the request library does, and never throws.

import { randomUUID } from 'node:crypto';
import type { Http } from '../sources/http.js';
import { maskUrl, maskUrlsIn } from '../util/mask-url.js';
import { ACTIONS, stateLine, type ActionName, type ActionParams, type TraderState } from './actions.js';
import { writeAuditLine, type AuditContext } from './audit-trail.js';
import type { AuditEntry } from '../store/audit-log.js';
import { ControlClient } from './client.js';
import { checkTransport, maskToken, resolveToken } from './token.js';

export interface ControlTarget {
  trader: string;
  /** Where the incidents' timelines are: every control lands on them. */
  incidentsDir?: string;
  tokenFile?: string;
  allowInsecure: boolean;
  auditLog: string;
}

export interface Outcome {
  action: ActionName;
  result: Exclude<AuditEntry['result'], 'attempt'>;
  reason?: string;
  state?: TraderState;
  ms: number;
  /** The request as it would go on the wire (token and URL credentials masked), for --dry-run. */
  request?: string;
  /** Why the audit log lacks a line for this action: the command must say AUDIT FAILED. */
  auditFailed?: string;
}

export interface ExecuteOptions {
  target: ControlTarget;
  params: ActionParams;
  deadlineMs: number;
  http: Http;
  via: AuditEntry['via'];
  dryRun?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Polling the state while verifying. */
  verifyEveryMs?: number;
  /** One try's limit (the config's request timeout), so a hung try leaves time for another. */
  attemptMs?: number;
}

/** Past the deadline, the most the run may take before it is given up on (the command then still audits and exits). */
export const HARD_STOP_MS = 500;

type RunEnd = { result: 'verified'; state: TraderState } | { result: 'failed'; reason: string };

function auditContext(opts: Pick<ExecuteOptions, 'target' | 'params' | 'via'>): AuditContext {
  return { file: opts.target.auditLog, operator: opts.params.operator, reason: opts.params.reason, trader: opts.target.trader, via: opts.via, ...(opts.target.incidentsDir ? { incidentsDir: opts.target.incidentsDir } : {}) };
}

/** The outcome with its reason masked, and its audit line written (or why not). */
function settle(opts: Pick<ExecuteOptions, 'target' | 'params' | 'via'>, outcome: Outcome, key?: string, earlierAuditFailure?: string): Outcome {
  if (outcome.reason) outcome.reason = maskUrlsIn(outcome.reason);
  const detail = outcome.reason ?? (outcome.state ? stateLine(outcome.state) : undefined);
  const failed = writeAuditLine(auditContext(opts), outcome.action, { result: outcome.result, ms: outcome.ms, ...(detail ? { detail } : {}), ...(key ? { key } : {}) });
  const auditFailed = earlierAuditFailure ?? failed;
  if (auditFailed) outcome.auditFailed = auditFailed;
  return outcome;
}

/** A refusal made before anything is sent (no --confirm without a terminal, a typed word that did not match, Ctrl-C at the prompt). */
export function refuse(opts: Pick<ExecuteOptions, 'target' | 'params' | 'via'>, action: ActionName, reason: string): Outcome {
  return settle(opts, { action, result: 'refused', reason, ms: 0 });
}

/** The client for the target, or why none may be made (no token, a token that cannot be sent, plain http off loopback). */
export function clientFor(target: ControlTarget, http: Http, env?: NodeJS.ProcessEnv): { ok: true; client: ControlClient; token: string } | { ok: false; reason: string } {
  const transport = checkTransport(target.trader, target.allowInsecure);
  if (!transport.ok) return transport;
  const token = resolveToken(target.tokenFile, env);
  if (!token.ok) return token;
  return { ok: true, client: new ControlClient(http, target.trader, token.token), token: token.token };
}

/** POST, then the state read back: the part that talks to the trader. */
async function postAndVerify(client: ControlClient, action: ActionName, opts: ExecuteOptions, key: string, deadline: number, signal: AbortSignal): Promise<RunEnd> {
  const spec = ACTIONS[action];
  const body = { ...spec.body(opts.params), reason: opts.params.reason, operator: opts.params.operator };
  // Time kept back from the retries for reading the state after a POST that failed.
  const readBackMs = Math.min(opts.attemptMs ?? 3000, Math.max(250, Math.floor(opts.deadlineMs / 4)));
  const posted = await client.post(spec.path, body, key, deadline - readBackMs, opts.attemptMs, signal);
  if (!posted.ok) {
    // A no (or nothing sent): not done, and no state to wait for.
    if (!posted.retryable) return { result: 'failed', reason: posted.reason };
    // The POST may have taken effect with its answer lost: the state says.
    const after = await client.state(deadline, signal);
    if (after.ok && spec.done(after.value, opts.params)) return { result: 'verified', state: after.value };
    const state = after.ok ? `the state shows ${stateLine(after.value)}` : `the state could not be read (${after.reason})`;
    return { result: 'failed', reason: `${posted.reason}; ${state}` };
  }
  // The answer to the POST is a claim; the state read back is the proof.
  let last: string | undefined;
  while (Date.now() < deadline && !signal.aborted) {
    const read = await client.state(deadline, signal);
    if (read.ok && spec.done(read.value, opts.params)) return { result: 'verified', state: read.value };
    last = read.ok ? `state still shows ${stateLine(read.value)}` : read.reason;
    // A no to the read (a refused token): asking again until the deadline gets the same.
    if (!read.ok && !read.retryable) break;
    await new Promise((r) => setTimeout(r, Math.min(opts.verifyEveryMs ?? 250, Math.max(0, deadline - Date.now()))));
  }
  return { result: 'failed', reason: `sent, but not verified within ${seconds(opts.deadlineMs)}: ${last ?? 'no state read'}` };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10}s`;

/** postAndVerify raced against a hard stop, so no hang anywhere below keeps the command from ending. */
async function runBounded(client: ControlClient, action: ActionName, opts: ExecuteOptions, key: string, deadline: number): Promise<RunEnd> {
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const hardStop = new Promise<RunEnd>((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve({ result: 'failed', reason: `no end within the ${seconds(opts.deadlineMs)} deadline: gave up waiting on the trader; whether it took effect is unknown (check gptmon status)` });
    }, Math.max(0, deadline + HARD_STOP_MS - Date.now()));
  });
  const run = postAndVerify(client, action, opts, key, deadline, stop.signal).catch((err: unknown): RunEnd => ({ result: 'failed', reason: `internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}; whether it took effect is unknown` }));
  try {
    return await Promise.race([run, hardStop]);
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

export async function execute(action: ActionName, opts: ExecuteOptions): Promise<Outcome> {
  const spec = ACTIONS[action];
  const started = Date.now();
  const deadline = started + opts.deadlineMs;
  const ms = () => Date.now() - started;
  const made = clientFor(opts.target, opts.http, opts.env);
  if (!made.ok) return settle(opts, { action, result: 'failed', reason: made.reason, ms: ms() });
  const key = randomUUID();
  if (opts.dryRun) {
    const body = { ...spec.body(opts.params), reason: opts.params.reason, operator: opts.params.operator };
    const request = [
      `POST ${maskUrl(opts.target.trader)}${spec.path}`,
      `Authorization: Bearer ${maskToken(made.token)}`,
      'Content-Type: application/json',
      `Idempotency-Key: ${key}`,
      '',
      JSON.stringify(body),
    ].join('\n');
    return settle(opts, { action, result: 'dry-run', ms: ms(), request }, key);
  }
  // Written before anything goes out, so a process killed mid-POST still leaves its trace.
  const attemptFailed = writeAuditLine(auditContext(opts), action, { result: 'attempt', ms: 0, key });
  const end = await runBounded(made.client, action, opts, key, deadline);
  return settle(opts, { action, ms: ms(), ...end }, key, attemptFailed);
}

/** The halt ladder: each action verified before the next, stopping at the first failure, all inside one deadline. */
export async function executeSequence(actions: ActionName[], opts: ExecuteOptions): Promise<Outcome[]> {
  const end = Date.now() + opts.deadlineMs;
  const done: Outcome[] = [];
  for (const a of actions) {
    const left = end - Date.now();
    if (done.length && left <= 0) break;
    const o = await execute(a, { ...opts, deadlineMs: done.length ? left : opts.deadlineMs });
    done.push(o);
    if (o.result !== 'verified' && o.result !== 'dry-run') break;
  }
  return done;
}
