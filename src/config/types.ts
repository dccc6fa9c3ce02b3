import type { Condition } from './condition.js';
import type { ValueKind } from './units.js';

/** Which way is worse: `above` when a higher value is worse (drawdown, latency). */
export type Direction = 'above' | 'below';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface MetricSpec {
  name: string;
  description: string;
  warning?: number;
  critical?: number;
  direction: Direction;
  kind: ValueKind;
  checkIntervalMs: number;
  /** The exposition name to read; defaults to the key. */
  metric: string;
  /** Set for histograms: the quantile the thresholds apply to. */
  quantile?: number;
  /** PromQL used when a Prometheus is configured; derived when absent. */
  query?: string;
}

export interface AlertSpec {
  name: string;
  condition: string;
  expr: Condition;
  durationMs: number;
  actions: string[];
  severity: Severity;
  runbook?: string;
  summary?: string;
}

export interface SeverityLevel {
  responseMs: number;
  team: string;
  examples?: string;
}

export interface CircuitBreakers {
  daily_loss_limit: number;
  consecutive_losses: number;
  drawdown_limit: number;
}

export type TargetName = 'trader' | 'prometheus' | 'alertmanager';

/** Where a setting came from, so `config show` can say why it is what it is. */
export type Origin = 'default' | 'flag' | 'env' | `file ${string}`;

export interface Config {
  trader: string;
  prometheus?: string;
  alertmanager?: string;
  token_file?: string;
  allow_insecure: boolean;
  read_only: boolean;
  runbooks_dir?: string;
  /** Where runbook progress is kept; a shared directory shares it between engineers. */
  progress_dir?: string;
  audit_log?: string;
  timeoutMs: number;
  /** The time limit on a runbook step's command. */
  stepTimeoutMs: number;
  metrics: Record<string, MetricSpec>;
  alerts: AlertSpec[];
  severity_levels: Record<Severity, SeverityLevel>;
  circuit_breakers: CircuitBreakers;
  origins: Partial<Record<string, Origin>>;
  files: string[];
}
