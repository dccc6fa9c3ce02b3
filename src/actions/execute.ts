// One control action from start to verified end: checks that nothing unsafe
// is sent, POSTs with retries, then reads the state until it shows the change
// or the deadline passes. Every attempt is audited, whatever its end.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Http } from '../sources/http.js';
import { ACTIONS, stateLine, type ActionName, type ActionParams, type TraderState } from './actions.js';
import { appendAudit, type AuditEntry } from '../store/audit-log.js';
import { ControlClient } from './client.js';
import { checkTransport, maskToken, resolveToken } from './token.js';

export interface ControlTarget {
  trader: string;
  tokenFile?: string;
  allowInsecure: boolean;
  auditLog: string;
}

export interface Outcome {
  action: ActionName;
  result: AuditEntry['result'];
  reason?: string;
  state?: TraderState;
  ms: number;
  /** The request as it would go on the wire (token masked), for --dry-run. */
  request?: string;
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

function audit(opts: ExecuteOptions, action: ActionName, outcome: Outcome, key?: string): void {
  const entry: AuditEntry = {
    time: new Date().toISOString(),
    operator: opts.params.operator,
    host: hostname(),
    action,
    reason: opts.params.reason,
    target: opts.target.trader,
    result: outcome.result,
    duration_ms: outcome.ms,
    via: opts.via,
  };
  if (outcome.reason) entry.detail = outcome.reason;
  else if (outcome.state) entry.detail = stateLine(outcome.state);
  if (key) entry.idempotency_key = key;
  appendAudit(opts.target.auditLog, entry);
}

/** A refusal made before anything is sent (no --confirm without a terminal, a typed word that did not match). */
export function refuse(opts: Omit<ExecuteOptions, 'http'>, action: ActionName, reason: string): Outcome {
  const outcome: Outcome = { action, result: 'refused', reason, ms: 0 };
  audit(opts as ExecuteOptions, action, outcome);
  return outcome;
}

/** The client for the target, or why none may be made (no token, plain http off loopback). */
export function clientFor(target: ControlTarget, http: Http, env?: NodeJS.ProcessEnv): { ok: true; client: ControlClient; token: string } | { ok: false; reason: string } {
  const transport = checkTransport(target.trader, target.allowInsecure);
  if (!transport.ok) return transport;
  const token = resolveToken(target.tokenFile, env);
  if (!token.ok) return token;
  return { ok: true, client: new ControlClient(http, target.trader, token.token), token: token.token };
}

export async function execute(action: ActionName, opts: ExecuteOptions): Promise<Outcome> {
  const spec = ACTIONS[action];
  const started = Date.now();
  const deadline = started + opts.deadlineMs;
  const ms = () => Date.now() - started;
  const made = clientFor(opts.target, opts.http, opts.env);
  if (!made.ok) {
    const outcome: Outcome = { action, result: 'failed', reason: made.reason, ms: ms() };
    audit(opts, action, outcome);
    return outcome;
  }
  const key = randomUUID();
  const body = { ...spec.body(opts.params), reason: opts.params.reason, operator: opts.params.operator };
  if (opts.dryRun) {
    const request = [
      `POST ${opts.target.trader}${spec.path}`,
      `Authorization: Bearer ${maskToken(made.token)}`,
      'Content-Type: application/json',
      `Idempotency-Key: ${key}`,
      '',
      JSON.stringify(body),
    ].join('\n');
    const outcome: Outcome = { action, result: 'dry-run', ms: ms(), request };
    audit(opts, action, outcome, key);
    return outcome;
  }
  const posted = await made.client.post(spec.path, body, key, deadline, opts.attemptMs);
  if (!posted.ok) {
    // The POST may have taken effect with its answer lost: the state says.
    const after = posted.auth || /refused \(HTTP/.test(posted.reason) ? undefined : await made.client.state(Date.now() + (opts.attemptMs ?? 3000));
    if (after?.ok && spec.done(after.value, opts.params)) {
      const outcome: Outcome = { action, result: 'verified', state: after.value, ms: ms() };
      audit(opts, action, outcome, key);
      return outcome;
    }
    const state = after ? (after.ok ? `; the state shows ${stateLine(after.value)}` : `; the state could not be read (${after.reason})`) : '';
    const outcome: Outcome = { action, result: 'failed', reason: `${posted.reason}${state}`, ms: ms() };
    audit(opts, action, outcome, key);
    return outcome;
  }
  // The answer to the POST is a claim; the state read back is the proof.
  let last: string | undefined;
  while (Date.now() < deadline) {
    const read = await made.client.state(deadline);
    if (read.ok && spec.done(read.value, opts.params)) {
      const outcome: Outcome = { action, result: 'verified', state: read.value, ms: ms() };
      audit(opts, action, outcome, key);
      return outcome;
    }
    last = read.ok ? `state still shows ${stateLine(read.value)}` : read.reason;
    if (!read.ok && read.auth) break;
    await new Promise((r) => setTimeout(r, Math.min(opts.verifyEveryMs ?? 250, Math.max(0, deadline - Date.now()))));
  }
  const outcome: Outcome = { action, result: 'failed', reason: `sent, but not verified within ${Math.round(opts.deadlineMs / 1000)}s: ${last ?? 'no state read'}`, ms: ms() };
  audit(opts, action, outcome, key);
  return outcome;
}

/** The halt ladder: each action verified before the next, stopping at the first failure. */
export async function executeSequence(actions: ActionName[], opts: ExecuteOptions): Promise<Outcome[]> {
  const done: Outcome[] = [];
  for (const a of actions) {
    const o = await execute(a, opts);
    done.push(o);
    if (o.result !== 'verified' && o.result !== 'dry-run') break;
  }
  return done;
}
