// The controls as the console uses them: a preview of what an action would do
// and to what, then the same verified, audited execution as the CLI. Nothing
// here throws: the console shows how it ended, AUDIT FAILED included.

import type { Http } from '../sources/http.js';
import { maskUrl } from '../util/mask-url.js';
import { ACTIONS, stateLine, type ActionName, type ActionParams } from './actions.js';
import { clientFor, executeSequence, refuse, type ControlTarget, type Outcome } from './execute.js';

export class ControlService {
  constructor(
    private readonly target: ControlTarget,
    private readonly http: Http,
    private readonly operator: string,
    private readonly deadlineMs = 10_000,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** `stop all trading on http://…; now: trading active, 3 open positions, …` */
  async preview(action: ActionName): Promise<string> {
    const head = `${ACTIONS[action].does} on ${maskUrl(this.target.trader)}`;
    try {
      const made = clientFor(this.target, this.http, this.env);
      if (!made.ok) return `${head}; cannot act: ${made.reason}`;
      const now = await made.client.state(Date.now() + 3000);
      return `${head}; now ${now.ok ? stateLine(now.value) : `unknown (${now.reason})`}`;
    } catch (err) {
      return `${head}; now unknown (${String((err as Error)?.message ?? err).split('\n')[0]})`;
    }
  }

  private params(action: ActionName, reason: string): ActionParams {
    return { reason: reason || '(no reason given, from the console)', operator: this.operator, ...(action === 'failover' ? { target: 'secondary' } : {}) };
  }

  /** Runs it if `typed` is the action's name; refuses (audited, nothing sent) otherwise. */
  async run(action: ActionName, typed: string, reason: string): Promise<Outcome[]> {
    const opts = { target: this.target, params: this.params(action, reason), deadlineMs: this.deadlineMs, http: this.http, via: 'tui' as const, env: this.env };
    try {
      if (action === 'reduce') return [refuse(opts, action, 'reduce needs a scale: use gptmon reduce --scale 0.5')];
      if (typed.trim() !== action) return [refuse(opts, action, `typed "${typed.trim()}", not "${action}"; nothing was sent`)];
      return await executeSequence([action], opts);
    } catch (err) {
      // execute() does not throw; this is the last guard between a bug and a crashed console.
      return [{ action, result: 'failed', reason: `internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}; check gptmon status and gptmon audit`, ms: 0 }];
    }
  }
}
