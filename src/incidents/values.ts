// The headline values of a snapshot, as an event keeps them: what the
// engineer looked at when it happened, kept as read then, never re-read.

import type { Snapshot } from '../engine/types.js';
import type { Values } from './types.js';

/** The snapshot's headline values; none when nothing at all could be read (no calm is claimed of what was not seen). */
export function valuesOf(snap: Snapshot): Values | undefined {
  if (snap.unknown) return undefined;
  // A stale value is not what the engineer saw now: left out rather than recorded as of this moment.
  const v = (name: string) => (snap.metrics[name]?.stale ? undefined : snap.metrics[name]?.value);
  const out: Values = {
    at: snap.now,
    trading: snap.trader.trading ?? 'unknown',
    firing: [...new Set(snap.alerts.filter((a) => a.state === 'firing').map((a) => a.name))],
  };
  const put = <K extends keyof Values>(k: K, value: Values[K] | undefined) => {
    if (value !== undefined) out[k] = value;
  };
  put('drawdown', v('portfolio_drawdown'));
  put('dailyReturn', v('daily_return'));
  put('accuracy', v('model_accuracy'));
  put('apiP99', v('api_latency'));
  put('exposure', v('total_exposure'));
  put('var95', v('var_95'));
  put('openPositions', v('open_positions'));
  return out;
}
