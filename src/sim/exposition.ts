// Renders a model snapshot in the Prometheus text exposition format 0.0.4, the
// format a real Prometheus scrapes and gptmon parses when it has no Prometheus.
import type { HistogramSnapshot } from './histogram.js';
import type { Gauges, SimSnapshot } from './model.js';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** In the contract's order; the Record type makes a missing gauge a compile error. */
const GAUGE_HELP: Readonly<Record<keyof Gauges, string>> = {
  portfolio_value: 'Portfolio value in account currency.',
  portfolio_drawdown: 'Current drawdown from peak, ratio.',
  daily_return: "Return since the day's open, ratio (negative is a loss).",
  sharpe_ratio: 'Rolling Sharpe ratio.',
  win_rate: 'Share of profitable trades, ratio.',
  model_accuracy: 'Rolling prediction accuracy, ratio.',
  model_error_rate: 'Share of failed predictions, ratio.',
  prediction_confidence: 'Mean confidence of recent predictions, ratio.',
  api_error_rate: 'Share of failed trading-API calls, ratio.',
  database_connections: 'Active database connections.',
  cpu_usage: 'Host CPU utilisation, ratio.',
  memory_usage: 'Host memory utilisation, ratio.',
  disk_usage: 'Host disk utilisation, ratio.',
  trading_enabled: '1 while trading, 0 when halted.',
  open_positions: 'Number of open positions.',
  total_exposure: 'Total exposure in account currency.',
  largest_position: 'Largest position in account currency.',
  var_95: '95% value at risk in account currency.',
  expected_shortfall: '95% expected shortfall (CVaR) in account currency.',
  position_concentration: 'Largest position / total exposure, ratio.',
  consecutive_losses: 'Current losing streak, trades.',
};

const HISTOGRAM_HELP = {
  api_latency_seconds: 'Trading-API response time in seconds.',
  prediction_latency_seconds: 'Model inference time in seconds.',
} as const;

const MODEL_IDS = { primary: 'primary-v12', fallback: 'fallback-v3' } as const;

export function modelId(model: keyof typeof MODEL_IDS): string {
  return MODEL_IDS[model];
}

export function renderExposition(snap: SimSnapshot): string {
  const lines: string[] = [];
  for (const name of Object.keys(GAUGE_HELP) as (keyof Gauges)[]) {
    lines.push(`# HELP ${name} ${GAUGE_HELP[name]}`, `# TYPE ${name} gauge`, `${name} ${num(snap.gauges[name])}`);
  }
  lines.push('# HELP trades_total Trades executed since start.', '# TYPE trades_total counter', `trades_total ${snap.counters.trades_total}`);
  for (const name of Object.keys(HISTOGRAM_HELP) as (keyof typeof HISTOGRAM_HELP)[]) {
    lines.push(`# HELP ${name} ${HISTOGRAM_HELP[name]}`, `# TYPE ${name} histogram`);
    lines.push(...histogramLines(name, snap.histograms[name]));
  }
  const info = `site="${snap.state.site}",model="${modelId(snap.state.model)}"`;
  lines.push('# HELP trader_info Where the trader runs and which model it uses.', '# TYPE trader_info gauge');
  lines.push(`trader_info{${info}} 1`);
  return lines.join('\n') + '\n';
}

function histogramLines(name: string, h: HistogramSnapshot): string[] {
  const out = h.bounds.map((b, i) => `${name}_bucket{le="${num(b)}"} ${h.cumulative[i] ?? 0}`);
  out.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${num(h.sum)}`, `${name}_count ${h.count}`);
  return out;
}

/** Six decimals are plenty and keep bodies byte-identical across runs. */
function num(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const r = Math.round(v * 1e6) / 1e6;
  return Object.is(r, -0) ? '0' : String(r);
}
