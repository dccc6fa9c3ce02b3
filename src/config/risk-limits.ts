// The playbook's risk limits ("Position Risk Dashboard": MAX_EXPOSURE,
// MAX_POSITION_SIZE, MAX_VAR, and a concentration cap): each a line on one
// metric, with a warning at a share of it. The one table that says which
// limit reads which metric: the config, the engine, the exported rules and
// the Risk panel all go by it.

import type { RiskLimitName, RiskLimits } from './types.js';

export interface RiskLimitDef {
  key: RiskLimitName;
  metric: 'total_exposure' | 'largest_position' | 'var_95' | 'position_concentration';
  /** As the Risk panel and the review name it. */
  label: string;
  kind: 'currency' | 'ratio';
  /** What the alert's summary says is past its limit. */
  what: string;
}

export const RISK_LIMITS: readonly RiskLimitDef[] = [
  { key: 'max_exposure', metric: 'total_exposure', label: 'Exposure', kind: 'currency', what: 'Total exposure' },
  { key: 'max_position_size', metric: 'largest_position', label: 'Largest', kind: 'currency', what: 'The largest position' },
  { key: 'max_var', metric: 'var_95', label: 'VaR 95', kind: 'currency', what: '95% value at risk' },
  { key: 'max_concentration', metric: 'position_concentration', label: 'Concentration', kind: 'ratio', what: 'Position concentration' },
];

export const RISK_LIMIT_KEYS: readonly RiskLimitName[] = RISK_LIMITS.map((l) => l.key);

/**
 * Built in, sized for the simulator's book of about $1M (the playbook names
 * the limits but gives no numbers): a team sets its own under risk_limits:.
 * A calm simulator stays under every warning line; its risk-breach scenario
 * goes past all four.
 */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  max_exposure: 1_000_000,
  max_position_size: 300_000,
  max_var: 25_000,
  max_concentration: 0.5,
  warn_at: 0.8,
};

/** The alert every limit fires, told apart by its `limit` label. */
export const RISK_ALERT = 'RiskLimitExceeded';

/** `250K`, `1.5M`, `$1M`, or a plain number: an amount in account currency. */
export function parseMoney(raw: unknown): number | string {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? raw : `expected an amount greater than 0, got ${raw}`;
  const m = typeof raw === 'string' ? /^\s*\$?\s*(\d+(?:\.\d+)?)\s*([kmb])?\s*$/i.exec(raw.replace(/[_,](?=\d{3})/g, '')) : null;
  if (!m) return `expected an amount in account currency like 1000000, 250K or 1.5M, got ${JSON.stringify(raw)}`;
  const n = Number(m[1]) * ({ k: 1e3, m: 1e6, b: 1e9 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1);
  return n > 0 ? n : 'expected an amount greater than 0';
}

/** `50%` or `0.5`: a share, greater than 0 and at most 1. */
export function parseShare(raw: unknown, what: string, allowOne = true): number | string {
  let n: number | undefined;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(raw);
    if (m) n = Number(m[1]) / (m[2] ? 100 : 1);
  }
  if (n === undefined || !Number.isFinite(n)) return `expected ${what} like 0.5 or 50%, got ${JSON.stringify(raw)}`;
  if (n <= 0 || n > 1 || (!allowOne && n === 1)) return `expected ${what} greater than 0 and ${allowOne ? 'at most 1 (100%)' : 'less than 1 (100%)'}, got ${raw}`;
  return n;
}
