// The built-in configuration is the monitoring playbook itself, so gptmon is
// right with no config file at all. Where the playbook names a threshold only
// in prose or in a script (disk 80%, API errors 5%, model errors 10%), that
// number is used; the few choices of our own are marked.

import { CATALOGUE } from '../metrics/catalogue.js';
import type { ChecklistConfig, ChecklistPeriod, CircuitBreakers, Severity, SeverityLevel } from './types.js';

/**
 * The catalogue's lines as a user would write them in gptmon.yaml: the same
 * reader takes both, so the playbook's numbers and a team's are checked alike.
 */
export const DEFAULT_METRICS_YAML: Record<string, Record<string, unknown>> = Object.fromEntries(
  CATALOGUE.map((e) => [
    e.name,
    {
      description: e.description,
      ...(e.warning !== undefined ? { threshold_warning: e.warning } : {}),
      ...(e.critical !== undefined ? { threshold_critical: e.critical } : {}),
      check_interval: e.checkInterval,
    },
  ]),
);

/** The circuit-breaker alerts as the default limits give them; compile.ts follows the configured limits. */
export const DEFAULT_BREAKER_CONDITIONS = {
  DailyLossLimit: 'daily_return < -0.05',
  LosingStreakBreaker: 'consecutive_losses >= 5',
  DrawdownBreaker: 'portfolio_drawdown > 0.2',
} as const;

/**
 * The playbook's five alerts verbatim, then alerts of our own for the other
 * thresholds and the circuit breakers. Severity of our own alerts: a metric's
 * critical line is `high` unless money is directly at stake (`critical`), its
 * warning line `medium`; resource alerts wait 2m so a spike does not page.
 */
export const DEFAULT_ALERTS_YAML = [
  { alert: 'SystemDown', condition: 'up{job="gpt-trader"} == 0', duration: '1m', action: ['Page on-call engineer', 'Send SMS to team lead', 'Create incident ticket', 'Execute failover procedure'], severity: 'critical', runbook: 'system-down', summary: 'GPT-Trader is not answering its metrics endpoint' },
  { alert: 'ExcessiveDrawdown', condition: 'portfolio_drawdown > 0.15', duration: 'instant', action: ['Stop all trading immediately', 'Close all positions', 'Page risk manager', 'Notify compliance'], severity: 'critical', runbook: 'drawdown', summary: 'Drawdown from peak is past 15%' },
  { alert: 'ModelFailure', condition: 'model_error_rate > 0.10', duration: '5m', action: ['Switch to fallback model', 'Page ML engineer', 'Pause new predictions', 'Log detailed diagnostics'], severity: 'critical', runbook: 'model-failure', summary: 'More than 10% of predictions fail' },
  { alert: 'ModelDegradation', condition: 'model_accuracy < 0.55 OR sharpe_ratio < 0.8', duration: '15m', action: ['Notify ML team', 'Trigger model evaluation', 'Consider retraining', 'Reduce position sizes'], severity: 'high', runbook: 'accuracy', summary: 'Model accuracy under 55% or Sharpe under 0.8' },
  { alert: 'APIConnectivityIssues', condition: 'api_error_rate > 0.05', duration: '5m', action: ['Switch to backup API', 'Notify operations team', 'Log all failed requests', 'Check rate limits'], severity: 'high', runbook: 'api-connectivity', summary: 'More than 5% of trading-API calls fail' },
  // Circuit breakers (playbook, "Circuit Breakers"): trading should already be stopping.
  { alert: 'DailyLossLimit', condition: DEFAULT_BREAKER_CONDITIONS.DailyLossLimit, duration: 'instant', action: ['Confirm trading has stopped', 'Close all positions', 'Page risk manager'], severity: 'critical', runbook: 'daily-loss', summary: 'Daily loss reached the 5% circuit breaker' },
  { alert: 'LosingStreakBreaker', condition: DEFAULT_BREAKER_CONDITIONS.LosingStreakBreaker, duration: 'instant', action: ['Confirm trading has stopped', 'Review the losing trades', 'Page risk manager'], severity: 'critical', runbook: 'circuit-breaker', summary: 'Five losing trades in a row tripped the circuit breaker' },
  { alert: 'DrawdownBreaker', condition: DEFAULT_BREAKER_CONDITIONS.DrawdownBreaker, duration: 'instant', action: ['Confirm trading has stopped', 'Close all positions', 'Page risk manager', 'Notify compliance'], severity: 'critical', runbook: 'circuit-breaker', summary: 'Drawdown past the 20% circuit breaker' },
  // Warning lines of the trading metrics: the playbook's "medium" (warnings,
  // within 2 h). The critical lines above page; these say a critical line is near.
  { alert: 'DrawdownWarning', condition: 'portfolio_drawdown > 0.10', duration: 'instant', action: ['Watch the drawdown closely', 'Consider reducing position sizes'], severity: 'medium', runbook: 'drawdown', summary: 'Drawdown from peak is past 10%' },
  { alert: 'DailyLossWarning', condition: 'daily_return < -0.03', duration: 'instant', action: ['Review open positions', 'Consider reducing position sizes'], severity: 'medium', runbook: 'daily-loss', summary: 'Daily loss past 3%' },
  { alert: 'LowWinRate', condition: 'win_rate < 0.48', duration: '30m', action: ['Notify ML team', 'Review recent trades'], severity: 'medium', runbook: 'accuracy', summary: 'Win rate under 48%' },
  // System performance.
  { alert: 'HighAPILatency', condition: 'api_latency > 0.5', duration: '2m', action: ['Check broker status', 'Check rate limits'], severity: 'medium', runbook: 'rate-limit', summary: 'Trading-API p99 latency over 500ms' },
  { alert: 'HighPredictionLatency', condition: 'prediction_latency > 0.1', duration: '2m', action: ['Check model host load', 'Consider the fallback model'], severity: 'medium', runbook: 'model-failure', summary: 'Model inference p99 over 100ms' },
  { alert: 'HighDatabaseConnections', condition: 'database_connections > 80', duration: '2m', action: ['Find the connection holders', 'Check for leaked connections'], severity: 'medium', runbook: 'database', summary: 'More than 80 database connections' },
  { alert: 'DatabaseConnectionsCritical', condition: 'database_connections > 95', duration: '1m', action: ['Find the connection holders', 'Restart the leaking worker'], severity: 'high', runbook: 'database', summary: 'More than 95 database connections' },
  { alert: 'HighMemoryUsage', condition: 'memory_usage > 0.80', duration: '2m', action: ['Check top memory consumers', 'Plan a restart'], severity: 'medium', runbook: 'memory', summary: 'Memory over 80%' },
  { alert: 'MemoryCritical', condition: 'memory_usage > 0.90', duration: '1m', action: ['Restart the application', 'Clear the Redis cache'], severity: 'high', runbook: 'memory', summary: 'Memory over 90%' },
  { alert: 'HighCPUUsage', condition: 'cpu_usage > 0.70', duration: '2m', action: ['Check top CPU consumers'], severity: 'medium', runbook: 'cpu', summary: 'CPU over 70%' },
  { alert: 'CPUCritical', condition: 'cpu_usage > 0.85', duration: '1m', action: ['Check top CPU consumers', 'Scale out or reduce load'], severity: 'high', runbook: 'cpu', summary: 'CPU over 85%' },
  { alert: 'DiskSpaceLow', condition: 'disk_usage > 0.80', duration: '2m', action: ['Find large files', 'Rotate logs'], severity: 'medium', runbook: 'disk', summary: 'Disk over 80%' },
  { alert: 'DiskCritical', condition: 'disk_usage > 0.90', duration: '1m', action: ['Free space now', 'Rotate logs'], severity: 'high', runbook: 'disk', summary: 'Disk over 90%' },
] as const;

export const DEFAULT_SEVERITY_LEVELS: Record<Severity, SeverityLevel> = {
  critical: { responseMs: 5 * 60_000, team: 'On-call + Management', examples: 'System down, >15% drawdown' },
  high: { responseMs: 30 * 60_000, team: 'On-call', examples: 'Model degradation, API failures' },
  medium: { responseMs: 2 * 3_600_000, team: 'Dev team', examples: 'Performance issues, warnings' },
  low: { responseMs: 24 * 3_600_000, team: 'Dev team', examples: 'Optimization opportunities' },
};

export const DEFAULT_CIRCUIT_BREAKERS: CircuitBreakers = {
  daily_loss_limit: 0.05,
  consecutive_losses: 5,
  drawdown_limit: 0.2,
};

export const DEFAULT_TRADER_URL = 'http://127.0.0.1:8080';
export const DEFAULT_TIMEOUT_MS = 3000;

/** The playbook's "Monitoring Checklist", word for word; `checklists:` in gptmon.yaml replaces a period's list. */
export const DEFAULT_CHECKLISTS: Record<ChecklistPeriod, string[]> = {
  daily: ['Review overnight trading performance', 'Check model accuracy metrics', 'Verify risk limits compliance', 'Review system resource usage', 'Check for any overnight alerts', 'Validate data pipeline health'],
  weekly: ['Analyze model performance trends', 'Review prediction confidence distribution', 'Check feature importance stability', 'Audit trading costs and slippage', 'Review and tune alert thresholds', 'Update runbooks with new issues'],
  monthly: ['Full system performance review', 'Model retraining evaluation', 'Infrastructure capacity planning', 'Alert fatigue analysis', 'Incident post-mortem reviews', 'Documentation updates'],
};

/**
 * The playbook's "Incident Commander Checklist", as a team would write it
 * under `incident_checklist`: `config show` prints it, so extending it starts
 * from a copy. Which items gptmon ticks by itself goes by their words
 * (src/incidents/checklist.ts), a team's or these.
 */
export const DEFAULT_INCIDENT_CHECKLIST: ChecklistConfig = [
  { title: 'Assess', items: ['Determine impact on trading', 'Check financial exposure', 'Evaluate data integrity'] },
  { title: 'Immediate', items: ['Stop trading if necessary', 'Switch to safe mode', 'Notify stakeholders'] },
  { title: 'Investigation', items: ['Gather logs', 'Check recent changes', 'Review monitoring data'] },
  { title: 'Mitigation', items: ['Apply temporary fix', 'Reduce risk exposure', 'Monitor closely'] },
  { title: 'Resolution', items: ['Deploy permanent fix', 'Verify normal operation', 'Update documentation'] },
];
