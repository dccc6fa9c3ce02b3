import type { MetricSpec } from '../config/types.js';

export type Level = 'ok' | 'warning' | 'critical';

/** A value against its metric's thresholds; past the line means strictly past it. */
export function classify(value: number, spec: Pick<MetricSpec, 'warning' | 'critical' | 'direction'>): Level {
  if (Number.isNaN(value)) return 'ok';
  const past = (line: number | undefined) => line !== undefined && (spec.direction === 'above' ? value > line : value < line);
  if (past(spec.critical)) return 'critical';
  if (past(spec.warning)) return 'warning';
  return 'ok';
}

export const LEVEL_RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2 };

export function worstLevel(levels: Iterable<Level>): Level {
  let worst: Level = 'ok';
  for (const l of levels) if (LEVEL_RANK[l] > LEVEL_RANK[worst]) worst = l;
  return worst;
}
