// Who the trader is and whether it trades, as last seen. The trading state is
// stated only while what showed it is fresh; otherwise the view says what was
// last seen and when, so the header never claims TRADING ACTIVE of a trader
// that has gone dark.

import type { TraderHealth } from '../sources/types.js';
import type { Reading } from './readings.js';
import type { TraderView } from './types.js';

export interface TraderInputs {
  health?: TraderHealth & { at: number };
  /** The health endpoint answered on its last poll. */
  healthOk: boolean;
  /** The `trading_enabled` reading, and whether its source answered on its last poll. */
  enabled?: Reading;
  enabledOk: boolean;
  info: { site?: string; model?: string };
  now: number;
  staleAfterMs: number;
}

export function traderView(i: TraderInputs): TraderView {
  const h = i.health;
  const view: TraderView = {
    components: (h?.components ?? []).map((c) => ({
      name: c.name,
      healthy: c.healthy,
      ...(c.message ? { message: c.message } : {}),
      ...(c.latencyMs !== undefined ? { latencyMs: c.latencyMs } : {}),
      ...(c.modelId ? { detail: c.modelId } : {}),
    })),
    componentsFresh: i.healthOk && h !== undefined && i.now - h.at <= i.staleAfterMs,
  };
  // The newest of what says whether it trades: the trading_enabled gauge, or the health answer.
  const seen: Array<{ state: 'active' | 'halted'; at: number; fresh: boolean }> = [];
  const enabled = i.enabled?.series[0]?.value;
  if (enabled !== undefined) seen.push({ state: enabled > 0 ? 'active' : 'halted', at: i.enabled!.at, fresh: i.enabledOk && i.now - i.enabled!.at <= i.staleAfterMs });
  if (h?.trading) seen.push({ state: h.trading, at: h.at, fresh: i.healthOk && i.now - h.at <= i.staleAfterMs });
  const last = seen.sort((a, b) => b.at - a.at)[0];
  if (last) {
    if (last.fresh) view.trading = last.state;
    else view.lastTrading = { state: last.state, at: last.at };
  }
  const site = h?.site ?? i.info.site;
  const model = h?.components.find((c) => c.name === 'model')?.modelId ?? i.info.model;
  if (site) view.site = site;
  if (model) view.model = model;
  if (h) {
    view.at = h.at;
    if (h.metrics.uptime !== undefined) view.uptime = h.metrics.uptime;
    if (h.metrics.requestsPerSecond !== undefined) view.requestsPerSecond = h.metrics.requestsPerSecond;
    if (h.metrics.errorRate !== undefined) view.errorRate = h.metrics.errorRate;
    if (h.metrics.activeConnections !== undefined) view.activeConnections = h.metrics.activeConnections;
  }
  return view;
}
