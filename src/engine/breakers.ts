// The playbook's circuit breakers and how far each is from tripping.

import type { CircuitBreakers } from '../config/types.js';
import type { BreakerView, MetricView } from './types.js';

export function breakers(metrics: Record<string, MetricView>, b: CircuitBreakers): BreakerView[] {
  const daily = metrics.daily_return?.value;
  const view = (name: BreakerView['name'], value: number | undefined, limit: number): BreakerView => (value === undefined ? { name, limit } : { name, value, limit, used: value / limit });
  return [
    view('daily loss', daily === undefined ? undefined : Math.max(0, -daily), b.daily_loss_limit),
    view('streak', metrics.consecutive_losses?.value, b.consecutive_losses),
    view('drawdown', metrics.portfolio_drawdown?.value, b.drawdown_limit),
  ];
}
