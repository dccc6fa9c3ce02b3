import type { Severity } from '../config/types.js';
import type { ValueKind } from '../config/units.js';
import type { Counts } from './counts.js';
import type { Verdict } from './verdict.js';
import type { Level } from './classify.js';
import type { LabelMatcher } from './matchers.js';
import type { DatabaseView } from './database-view.js';

export type SourceName = 'trader' | 'metrics' | 'prometheus' | 'alertmanager';

/**
 * What gptmon knows of a source: `ok` when the last poll worked; `stale` when it
 * failed but earlier data is still shown (with its age); `down` when it has
 * failed for long enough, or never worked; `off` when not configured.
 */
export interface SourceStatus {
  name: SourceName;
  state: 'ok' | 'stale' | 'down' | 'off';
  /** When the current state began. */
  since?: number;
  lastOkAt?: number;
  reason?: string;
  ms?: number;
  /** Prometheus: how far behind its answer's time the trader's newest sample was (a back end's query lag). */
  lagMs?: number;
  /** Prometheus: the `warnings` of its last answers (a partial answer). */
  warnings?: string[];
}

/** Which of gptmon's alerts Prometheus evaluates, from its /api/v1/rules; gptmon evaluates the rest itself. */
export interface RulesView {
  /** gptmon's alerts. */
  total: number;
  /** Those with a rule of the same name in Prometheus. */
  inPrometheus: number;
  /** The names gptmon evaluates itself, over the values it queries. */
  evaluatedHere: string[];
  /** The rules could not be read (yet): every alert is evaluated here, and why. */
  problem?: string;
}

export interface MetricView {
  name: string;
  /** The worst series' value (the first's for a metric that is not judged). */
  value?: number;
  /** That series' own labels, when the metric comes as several series or with labels. */
  labels?: Record<string, string>;
  /** How many series it came as. */
  series: number;
  /** When the value was read. */
  at?: number;
  /** Against its lines; a stale value keeps the level it had. `warning` too when there is no data. */
  level: Level;
  /** It has lines to be judged against. */
  judged: boolean;
  stale: boolean;
  /** The read worked but gave no number: `missing`, `NaN`, `+Inf`, `-Inf`. */
  noData?: string;
  /** Its own query failed (Prometheus refused it): why. The rest of the source is fine. */
  error?: string;
  /** Recent values of the worst series, oldest first, for sparklines: the last 10 minutes, at most `HISTORY_SHOWN` (history.ts) of them. */
  history: ArrayLike<number>;
}

export type AlertState = 'pending' | 'firing' | 'resolved';

export interface Ack {
  id: string;
  /** For display: the alert it names, or `*` for a silence by other labels. */
  alertname: string;
  /** Label matchers as Alertmanager holds a silence's; an alert is covered when all agree. */
  matchers: LabelMatcher[];
  operator: string;
  comment: string;
  createdAt: number;
  expiresAt: number;
  where: 'local' | 'alertmanager';
}

export interface AlertView {
  key: string;
  name: string;
  labels: Record<string, string>;
  severity: Severity;
  state: AlertState;
  /** When the condition first held (pending began). */
  activeAt: number;
  firingAt?: number;
  resolvedAt?: number;
  value?: number;
  /** How the value reads (the kind of the metric its condition reads). */
  valueKind: ValueKind;
  /** About the trader answering at all: its value is up or down, and it is never stale. */
  availability: boolean;
  durationMs: number;
  /** The line its value is past: `> 0.15`. */
  line?: { op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number };
  /** The series' own labels, for one instance among several of the same alert. */
  seriesLabels?: Record<string, string>;
  /** Resolved because its series went away, not because the value came back. */
  resolvedNoData?: boolean;
  /** firingAt + the severity's response time. */
  respondBy?: number;
  summary?: string;
  actions: string[];
  runbook?: string;
  ack?: Ack;
  /**
   * Alertmanager inhibits it: the names of the alerts that do (their fingerprints
   * when Alertmanager no longer lists them). Nobody is paged for it, so it has no
   * countdown; it still counts in the verdict, as an acknowledged alert does.
   */
  inhibitedBy?: string[];
  /** The data behind it could not be read on the last poll: held as it was (no data). */
  stale: boolean;
  origin: 'embedded' | 'prometheus';
}

export interface ComponentView {
  name: string;
  healthy: boolean;
  message?: string;
  latencyMs?: number;
  detail?: string;
}

export interface TraderView {
  /** Only while what showed it is fresh. */
  trading?: 'active' | 'halted';
  /** What was last seen, when it is not fresh any more. */
  lastTrading?: { state: 'active' | 'halted'; at: number };
  /** The components were read on the last poll; otherwise their marks are unknown now. */
  componentsFresh: boolean;
  site?: string;
  model?: string;
  components: ComponentView[];
  uptime?: number;
  requestsPerSecond?: number;
  errorRate?: number;
  activeConnections?: number;
  at?: number;
}

/** A circuit breaker and how close it is to tripping (value / limit). */
export interface BreakerView {
  name: 'daily loss' | 'streak' | 'drawdown';
  value?: number;
  limit: number;
  /** value / limit: 1 or more has tripped. */
  used?: number;
}

/** A risk limit (risk_limits) and how close its metric is to it. */
export interface RiskLimitView {
  key: 'max_exposure' | 'max_position_size' | 'max_var' | 'max_concentration';
  label: string;
  metric: string;
  kind: 'currency' | 'ratio';
  value?: number;
  limit: number;
  /** The share of the limit where the warning starts. */
  warnAt: number;
  /** value / limit: past 1 is a breach. */
  used?: number;
  /** Only when the value was read. */
  level?: Level;
  /** The value is old. */
  stale?: boolean;
}

export interface Snapshot {
  now: number;
  mode: 'embedded' | 'prometheus';
  sources: Record<SourceName, SourceStatus>;
  trader: TraderView;
  /** Threshold metrics and the other series the panels show, by name. */
  metrics: Record<string, MetricView>;
  alerts: AlertView[];
  /**
   * Prometheus's alerts about other jobs and traders (labels that contradict
   * the trader's selector): listed apart, and not in the verdict unless the
   * config says `other_alerts: count`.
   */
  otherAlerts: AlertView[];
  /** Prometheus mode: which alerts Prometheus evaluates and which gptmon evaluates here. */
  rules?: RulesView;
  breakers: BreakerView[];
  /** The risk limits with their values (absent from snapshots made before they existed). */
  riskLimits?: RiskLimitView[];
  acks: Ack[];
  /** What gptmon could not do with its own files (acks kept here unreadable, …): shown, never hidden. */
  problems: string[];
  /** What the last /metrics scrape could not read: lines, and series exposed twice. */
  scrape?: { unreadable: number; duplicates: string[] };
  /** The one answer to "how bad is it now", as `status` exits and the header says it. */
  verdict: Verdict;
  /** What the header counts: firing by severity, pending, values past a critical line. */
  counts: Counts;
  /** The verdict as a level: critical, warning or ok. */
  worst: Level;
  /** Nothing at all could be read. */
  unknown: boolean;
  /** The trader's database, when one is configured: its connections, or why they are unknown. */
  database?: DatabaseView;
}
