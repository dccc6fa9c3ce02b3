// What each metric is called on screen.

export const METRIC_LABELS: Record<string, string> = {
  portfolio_drawdown: 'Drawdown',
  daily_return: 'Daily return',
  sharpe_ratio: 'Sharpe',
  win_rate: 'Win rate',
  portfolio_value: 'Portfolio',
  model_accuracy: 'Accuracy',
  model_error_rate: 'Model errors',
  prediction_confidence: 'Confidence',
  prediction_latency: 'Predict p99',
  prediction_latency_p50: 'Predict p50',
  api_latency: 'API p99',
  api_latency_p50: 'API p50',
  api_error_rate: 'API errors',
  cpu_usage: 'CPU',
  memory_usage: 'Memory',
  disk_usage: 'Disk',
  database_connections: 'DB conns',
  consecutive_losses: 'Losing streak',
  total_exposure: 'Exposure',
  largest_position: 'Largest',
  var_95: 'VaR 95',
  expected_shortfall: 'CVaR 95',
  position_concentration: 'Concentration',
  open_positions: 'Positions',
};

export const metricLabel = (name: string) => METRIC_LABELS[name] ?? name;
