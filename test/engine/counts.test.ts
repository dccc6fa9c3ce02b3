import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { countsOf } from '../../src/engine/counts.js';
import type { AlertView, MetricView } from '../../src/engine/types.js';

const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });

const metric = (name: string, over: Partial<MetricView>): MetricView => ({ name, value: 0.18, series: 1, at: 0, level: 'critical', judged: true, stale: false, history: [], ...over });
const firing = (name: string, severity: AlertView['severity']): AlertView => ({ key: name, name, labels: { alertname: name, severity }, severity, state: 'firing', activeAt: 0, valueKind: 'ratio', availability: false, durationMs: 0, actions: [], stale: false, origin: 'embedded' });

describe('the header counts', () => {
  it('counts a value past its critical line as critical while no critical or high alert on it fires', () => {
    const metrics = { portfolio_drawdown: metric('portfolio_drawdown', {}), sharpe_ratio: metric('sharpe_ratio', { level: 'warning' }) };
    expect(countsOf([], metrics, config).pastCritical).toEqual(['portfolio_drawdown']);
    // A medium alert on it does not cover it: the header must not read calmer than the row.
    expect(countsOf([firing('DrawdownWarning', 'medium')], metrics, config).pastCritical).toEqual(['portfolio_drawdown']);
    expect(countsOf([firing('ExcessiveDrawdown', 'critical')], metrics, config)).toMatchObject({ pastCritical: [], firing: { critical: 1 } });
  });

  it('leaves out a metric with no number or no lines', () => {
    const metrics = { a: metric('portfolio_drawdown', { noData: 'NaN' }), b: metric('api_latency_p99', { judged: false }) };
    expect(countsOf([], metrics, config).pastCritical).toEqual([]);
  });
});
