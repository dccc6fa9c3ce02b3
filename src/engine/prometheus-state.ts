// What the engine knows of the Prometheus it reads, beyond the values and
// alerts: which of gptmon's alerts it evaluates (its rules, and the alerts it
// has been seen to fire), how far behind its answers are, what it warned of,
// the metrics whose own query it refused, and the labels that make an alert
// the watched trader's. An empty alert list means calm only for the alerts
// Prometheus has rules for; gptmon evaluates the others itself.

import type { Config } from '../config/types.js';
import type { Fetched, PromAlert, PromRule } from '../sources/types.js';
import type { SeriesValue } from './readings.js';
import type { RulesView } from './types.js';

/** One tick against Prometheus, as the monitor hands it over. */
export interface PromTick {
  /** Each metric read this tick, by name: its series (`[]` when due and not there); `up` is the trader's. */
  values: Record<string, SeriesValue[]>;
  /** Metrics whose own query failed (Prometheus refused it): why. */
  metricErrors: Record<string, string>;
  /** The tick's main query failed: the source could not be read. */
  failed?: { reason: string; ms: number };
  ms: number;
  alerts: Fetched<PromAlert[]>;
  /** The alert rules, on the ticks that read them. */
  rules?: Fetched<PromRule[]>;
  info?: { site?: string; model?: string };
  /** The labels Prometheus gives the trader's every series (its `up`'s): taken off the values, put on gptmon's alerts. */
  target?: Record<string, string>;
  /** How far behind the answer's own time the trader's newest sample was. */
  lagMs?: number;
  /** The `warnings` Prometheus sent with this tick's answers. */
  warnings: string[];
}

export class PrometheusState {
  /** gptmon's alert names with a healthy rule in Prometheus, from the last rules read that worked. */
  private ruleNames?: Set<string>;
  private rulesProblem = 'not read yet';
  /** Names Prometheus has fired or held pending for this trader since: it has their rules, whatever /rules said. */
  private readonly learned = new Set<string>();
  private readonly names: Set<string>;
  private readonly errors = new Map<string, string>();
  private job?: string;
  lagMs?: number;
  warnings: string[] = [];

  constructor(private readonly config: Config) {
    this.names = new Set(config.alerts.map((a) => a.name));
  }

  record(tick: PromTick): void {
    for (const name of Object.keys(tick.values)) this.errors.delete(name);
    for (const [name, reason] of Object.entries(tick.metricErrors)) this.errors.set(name, reason);
    if (!tick.failed) {
      this.warnings = [...new Set(tick.warnings)];
      if (tick.lagMs !== undefined) this.lagMs = tick.lagMs;
      const jobs = new Set([tick.target?.job, ...(tick.values.up ?? []).map((s) => s.labels.job)].filter((j): j is string => j !== undefined));
      if (jobs.size === 1) this.job = [...jobs][0];
    }
    if (tick.rules?.ok) {
      // A rule that fails to evaluate (its health `err`) watches nothing: the alert is evaluated here.
      this.ruleNames = new Set(tick.rules.value.filter((r) => this.names.has(r.name) && r.health !== 'err').map((r) => r.name));
      this.learned.clear();
    } else if (tick.rules && !this.ruleNames) this.rulesProblem = tick.rules.reason;
  }

  /** Alerts Prometheus reports live for this trader: their rules exist there. */
  learn(live: Iterable<string>): void {
    for (const name of live) if (this.names.has(name)) this.learned.add(name);
  }

  /** Whether Prometheus evaluates this alert of gptmon's. */
  covers(name: string): boolean {
    return Boolean(this.ruleNames?.has(name)) || this.learned.has(name);
  }

  /** The labels that make an alert the trader's: the selector's, and the job Prometheus scrapes it as. */
  identity(): Record<string, string> {
    return { ...(this.job && !this.config.selector.job ? { job: this.job } : {}), ...this.config.selector };
  }

  metricError(name: string): string | undefined {
    return this.errors.get(name);
  }

  view(): RulesView {
    // By name: the rules that share one (RiskLimitExceeded, one per limit) are one alert here.
    const evaluatedHere = [...this.names].filter((n) => !this.covers(n));
    return { total: this.names.size, inPrometheus: this.names.size - evaluatedHere.length, evaluatedHere, ...(this.ruleNames ? {} : { problem: this.rulesProblem }) };
  }
}
