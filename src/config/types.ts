import type { Direction, MetricRead } from '../metrics/types.js';
import type { Condition } from './condition.js';
import type { ValueKind } from './units.js';
import type { AuthSpec } from './access.js';
import type { DatabaseConfig } from './database.js';

export type { AuthSpec } from './access.js';
export type { DatabaseConfig } from './database.js';

export type { Direction, MetricRead } from '../metrics/types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * A metric as gptmon runs it: the catalogue's entry (src/metrics/catalogue.ts)
 * with the config's changes, or a team's own metric from gptmon.yaml.
 */
export interface MetricSpec {
  name: string;
  description: string;
  warning?: number;
  critical?: number;
  /** Which way is worse; absent for a value shown but never judged. */
  direction?: Direction;
  kind: ValueKind;
  checkIntervalMs: number;
  /** How it is read: a gauge, a histogram's quantile, or PromQL of the team's own. */
  read: MetricRead;
  label: string;
  short: string;
  /** The overview panel it is a row of; absent: not a row (read for the header, the breakers). */
  panel?: string;
  order: number;
  /** Declared by the team rather than built in. */
  custom: boolean;
  /** Its absence from /metrics is a warning (every contract metric but the optional ones, and the team's own). */
  required: boolean;
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
  /** How its value reads: the kind of the metric its condition reads first. */
  valueKind: ValueKind;
  /** About whether the trader answers at all (reads `up`): never stale, its value is up/down. */
  availability: boolean;
  /** Labels the rule adds (`limit: max_exposure`): several rules of one name are told apart by them. */
  labels?: Record<string, string>;
  /** Made by gptmon from another setting (risk_limits), not written under alerts:. */
  generated?: 'risk_limits';
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

export type RiskLimitName = 'max_exposure' | 'max_position_size' | 'max_var' | 'max_concentration';

/** Money in account currency, concentration a ratio; a warning at `warn_at` of each. */
export type RiskLimits = Record<RiskLimitName, number> & { warn_at: number };

export type ChecklistPeriod = 'daily' | 'weekly' | 'monthly';
export const CHECKLIST_PERIODS: readonly ChecklistPeriod[] = ['daily', 'weekly', 'monthly'];

/** A team's incident commander's checklist (`incident_checklist`): sections, each with its items. */
export type ChecklistConfig = Array<{ title: string; items: string[] }>;

export type TargetName = 'trader' | 'prometheus' | 'alertmanager';

/** Where a setting came from, so `config show` can say why it is what it is. */
export type Origin = 'default' | 'flag' | 'env' | `file ${string}`;

export interface Config {
  trader: string;
  prometheus?: string;
  /** The peers of one Alertmanager cluster, in the order to ask them; one URL for a single Alertmanager. */
  alertmanager?: string[];
  token_file?: string;
  allow_insecure: boolean;
  read_only: boolean;
  runbooks_dir?: string;
  /** Where runbook progress is kept; a shared directory shares it between engineers. */
  progress_dir?: string;
  /** Where incidents and the rolling log of events are kept; a shared directory gives a team one timeline. */
  incidents_dir?: string;
  audit_log?: string;
  /** Replaces the playbook's incident commander's checklist when given. */
  incident_checklist?: ChecklistConfig;
  timeoutMs: number;
  /** The time limit on a runbook step's command. */
  stepTimeoutMs: number;
  /** How long a resolved alert stays listed (dimmed, under the live ones). */
  resolvedKeepMs: number;
  /** The largest /metrics body gptmon reads (`max_scrape_bytes`, default 16 MB). */
  maxScrapeBytes: number;
  metrics: Record<string, MetricSpec>;
  alerts: AlertSpec[];
  severity_levels: Record<Severity, SeverityLevel>;
  circuit_breakers: CircuitBreakers;
  risk_limits: RiskLimits;
  /** The playbook's monitoring checklists, each period's items in order (a team's config may replace a period's list). */
  checklists: Record<ChecklistPeriod, string[]>;
  /**
   * The label matchers that pick the watched trader's series in Prometheus:
   * the config's `selector`, else `instance` as the trader URL's host:port.
   */
  selector: Record<string, string>;
  /** Credentials a proxy in front of Prometheus or Alertmanager asks for (file names, not secrets). */
  prometheus_auth?: AuthSpec;
  alertmanager_auth?: AuthSpec;
  /** The CA that signed the https back ends' certificates. */
  ca_file?: string;
  /** Alerts of other jobs and traders: listed apart (`show`), or counted as this trader's (`count`). */
  other_alerts: 'show' | 'count';
  /** The trader's PostgreSQL (read-only): model performance and its connections. */
  database?: DatabaseConfig;
  origins: Partial<Record<string, Origin>>;
  files: string[];
}
