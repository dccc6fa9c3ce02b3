import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { classify } from '../../src/engine/classify.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });

describe('threshold direction for each playbook metric', () => {
  it.each([
    ['model_accuracy', 0.6, 0.54, 0.51],
    ['sharpe_ratio', 1.2, 0.7, 0.4],
    ['portfolio_drawdown', 0.05, 0.12, 0.16],
    ['daily_return', 0.01, -0.04, -0.06],
    ['win_rate', 0.55, 0.47, 0.44],
    ['api_latency', 0.2, 0.7, 1.2],
    ['prediction_latency', 0.05, 0.2, 0.6],
    ['database_connections', 20, 85, 97],
    ['memory_usage', 0.5, 0.85, 0.95],
    ['cpu_usage', 0.4, 0.75, 0.9],
    ['disk_usage', 0.4, 0.85, 0.95],
  ])('%s: %d ok, %d warning, %d critical', (name, ok, warning, critical) => {
    const spec = config.metrics[name]!;
    expect(classify(ok, spec)).toBe('ok');
    expect(classify(warning, spec)).toBe('warning');
    expect(classify(critical, spec)).toBe('critical');
  });

  it('treats the line itself as not yet crossed', () => {
    expect(classify(0.15, config.metrics.portfolio_drawdown!)).toBe('warning');
    expect(classify(0.55, config.metrics.model_accuracy!)).toBe('ok');
  });

  it('handles one-sided metrics', () => {
    expect(classify(0.11, config.metrics.model_error_rate!)).toBe('critical');
    expect(classify(0.06, config.metrics.model_error_rate!)).toBe('ok');
    expect(classify(0.06, config.metrics.api_error_rate!)).toBe('warning');
  });
});
