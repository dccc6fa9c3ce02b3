// The one place a metric is defined. For each metric gptmon knows: what it
// is, how it is read (a gauge, a histogram's quantile), which way is worse,
// what it is called on screen, where it sits in the console, and the lines the
// playbook draws for it. The config's defaults, the embedded evaluator, the
// Prometheus queries, the exported rules, the panels and the one-shot text all
// derive from this table; a team's own metrics (gptmon.yaml) join it there.

import type { Direction, MetricRead, PanelName } from './types.js';

export interface CatalogueEntry {
  name: string;
  description: string;
  kind: 'ratio' | 'seconds' | 'count' | 'currency' | 'number';
  /** Which way is worse; absent for a value that is shown but never judged. */
  direction?: Direction;
  label: string;
  /** A few letters, where room is short (the incident timeline's snapshots). */
  short: string;
  panel?: PanelName;
  /** Row order inside its panel. */
  order: number;
  read: MetricRead;
  /** The playbook's lines, as gptmon.yaml would write them. */
  warning?: number | string;
  critical?: number | string;
  checkInterval: string;
  /** A trader may not expose it (the contract says so): its absence is not a warning. */
  optional?: boolean;
}

const gauge = (series: string): MetricRead => ({ as: 'gauge', series });
const quantile = (series: string, q: number): MetricRead => ({ as: 'quantile', series, q });

export const CATALOGUE: readonly CatalogueEntry[] = [
  // Trading (playbook, "Trading Performance Metrics")
  { name: 'portfolio_drawdown', description: 'Current drawdown from peak', kind: 'ratio', direction: 'above', label: 'Drawdown', short: 'dd', panel: 'Trading', order: 1, read: gauge('portfolio_drawdown'), warning: 0.1, critical: 0.15, checkInterval: '1m' },
  { name: 'daily_return', description: 'Daily portfolio return', kind: 'ratio', direction: 'below', label: 'Daily return', short: 'day', panel: 'Trading', order: 2, read: gauge('daily_return'), warning: -0.03, critical: -0.05, checkInterval: '5m' },
  { name: 'sharpe_ratio', description: 'Risk-adjusted return metric', kind: 'number', direction: 'below', label: 'Sharpe', short: 'sharpe', panel: 'Trading', order: 3, read: gauge('sharpe_ratio'), warning: 0.8, critical: 0.5, checkInterval: '15m' },
  { name: 'win_rate', description: 'Percentage of profitable trades', kind: 'ratio', direction: 'below', label: 'Win rate', short: 'win', panel: 'Trading', order: 4, read: gauge('win_rate'), warning: 0.48, critical: 0.45, checkInterval: '30m' },
  { name: 'portfolio_value', description: 'Portfolio value in account currency', kind: 'currency', label: 'Portfolio', short: 'value', panel: 'Trading', order: 5, read: gauge('portfolio_value'), checkInterval: '1m' },
  // Model (playbook, "Trading Performance Metrics" and the ModelFailure alert)
  { name: 'model_accuracy', description: 'Current model prediction accuracy', kind: 'ratio', direction: 'below', label: 'Accuracy', short: 'acc', panel: 'Model', order: 1, read: gauge('model_accuracy'), warning: 0.55, critical: 0.52, checkInterval: '5m' },
  { name: 'model_error_rate', description: 'Share of failed predictions (ModelFailure above 10%)', kind: 'ratio', direction: 'above', label: 'Model errors', short: 'merr', panel: 'Model', order: 2, read: gauge('model_error_rate'), critical: '10%', checkInterval: '30s' },
  { name: 'prediction_confidence', description: 'Mean confidence of recent predictions', kind: 'ratio', label: 'Confidence', short: 'conf', panel: 'Model', order: 3, read: gauge('prediction_confidence'), checkInterval: '1m' },
  { name: 'prediction_latency', description: 'Model inference time', kind: 'seconds', direction: 'above', label: 'Predict p99', short: 'pred p99', panel: 'Model', order: 4, read: quantile('prediction_latency_seconds', 0.99), warning: '100ms', critical: '500ms', checkInterval: '1m' },
  // Latency (playbook, "System Performance Metrics")
  { name: 'api_latency_p50', description: 'Trading API median response time', kind: 'seconds', label: 'API p50', short: 'api p50', panel: 'Latency', order: 1, read: quantile('api_latency_seconds', 0.5), checkInterval: '30s' },
  { name: 'api_latency', description: 'Trading API response time', kind: 'seconds', direction: 'above', label: 'API p99', short: 'api p99', panel: 'Latency', order: 2, read: quantile('api_latency_seconds', 0.99), warning: '500ms', critical: '1000ms', checkInterval: '30s' },
  { name: 'api_error_rate', description: 'Share of failed trading-API calls (APIConnectivityIssues above 5%)', kind: 'ratio', direction: 'above', label: 'API errors', short: 'api err', panel: 'Latency', order: 3, read: gauge('api_error_rate'), warning: '5%', checkInterval: '30s' },
  // Resources (playbook, "System Performance Metrics" and the health-check script)
  { name: 'cpu_usage', description: 'CPU utilization', kind: 'ratio', direction: 'above', label: 'CPU', short: 'cpu', panel: 'Resources', order: 1, read: gauge('cpu_usage'), warning: '70%', critical: '85%', checkInterval: '30s' },
  { name: 'memory_usage', description: 'System memory utilization', kind: 'ratio', direction: 'above', label: 'Memory', short: 'mem', panel: 'Resources', order: 2, read: gauge('memory_usage'), warning: '80%', critical: '90%', checkInterval: '30s' },
  { name: 'disk_usage', description: 'Disk utilization (health check alerts above 80%)', kind: 'ratio', direction: 'above', label: 'Disk', short: 'disk', panel: 'Resources', order: 3, read: gauge('disk_usage'), warning: '80%', critical: '90%', checkInterval: '1m' },
  { name: 'database_connections', description: 'Active database connections', kind: 'count', direction: 'above', label: 'DB conns', short: 'db', panel: 'Resources', order: 4, read: gauge('database_connections'), warning: 80, critical: 95, checkInterval: '30s' },
  // Risk (playbook, "Risk Monitoring"): shown in the Risk panel's own layout.
  { name: 'total_exposure', description: 'Total exposure in account currency', kind: 'currency', label: 'Exposure', short: 'exp', panel: 'Risk', order: 1, read: gauge('total_exposure'), checkInterval: '1m' },
  { name: 'largest_position', description: 'Largest position in account currency', kind: 'currency', label: 'Largest', short: 'largest', panel: 'Risk', order: 2, read: gauge('largest_position'), checkInterval: '1m' },
  { name: 'position_concentration', description: 'Largest position / total exposure', kind: 'ratio', label: 'Concentration', short: 'conc', panel: 'Risk', order: 3, read: gauge('position_concentration'), checkInterval: '1m' },
  { name: 'var_95', description: '95% value at risk', kind: 'currency', label: 'VaR 95', short: 'var', panel: 'Risk', order: 4, read: gauge('var_95'), checkInterval: '1m' },
  { name: 'expected_shortfall', description: '95% expected shortfall (CVaR)', kind: 'currency', label: 'CVaR 95', short: 'cvar', panel: 'Risk', order: 5, read: gauge('expected_shortfall'), checkInterval: '1m' },
  { name: 'consecutive_losses', description: 'Current losing streak (a circuit breaker)', kind: 'count', direction: 'above', label: 'Losing streak', short: 'streak', panel: 'Risk', order: 6, read: gauge('consecutive_losses'), checkInterval: '1m' },
  // Read for the header and the breakers, not shown as rows.
  { name: 'trading_enabled', description: '1 while trading, 0 when halted', kind: 'number', label: 'Trading', short: 'trading', order: 0, read: gauge('trading_enabled'), checkInterval: '30s' },
  { name: 'open_positions', description: 'Number of open positions', kind: 'count', label: 'Positions', short: 'pos', order: 0, read: gauge('open_positions'), checkInterval: '1m' },
  { name: 'trades_total', description: 'Trades executed since start (a counter; optional)', kind: 'count', label: 'Trades', short: 'trades', order: 0, read: gauge('trades_total'), checkInterval: '1m', optional: true },
];

/** The built-in panels of the overview, in their places; a team's metrics go to a panel of their own ("Custom" unless the config names one). */
export const PANELS: readonly PanelName[] = ['Trading', 'Model', 'Risk', 'Latency', 'Resources', 'Health'];
export const CUSTOM_PANEL: PanelName = 'Custom';

const BY_NAME = new Map(CATALOGUE.map((e) => [e.name, e]));

/** The built-in definition of a metric, if gptmon has one. */
export const catalogueEntry = (name: string): CatalogueEntry | undefined => BY_NAME.get(name);
