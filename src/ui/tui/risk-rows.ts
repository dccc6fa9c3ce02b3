// The Risk panel: each risk limit with its value and how far it is from the
// line (value/limit, worst first), then the circuit breakers the same way.
// Worst first, in few columns, so a breached limit or a tripped breaker is
// never the one a narrow panel cuts off.

import type { Level } from '../../engine/classify.js';
import type { RiskLimitView, Snapshot } from '../../engine/types.js';
import { formatMoneyShort } from '../../text/format.js';
import type { Row } from './panel-rows.js';

interface Part {
  text: string;
  level: Level;
}

const pct = (x: number) => String(+(x * 100).toFixed(1));
const mark = (level: Level) => (level === 'critical' ? ' ✖' : level === 'warning' ? ' ▲' : '');
const SHORT_LIMIT = { max_exposure: 'exp', max_position_size: 'pos', max_var: 'VaR', max_concentration: 'conc' } as const;

/** `exp 420K/1M`, `conc 28/50%`, `VaR ?/25K` when not read (never drawn as within it). */
export function limitPart(l: RiskLimitView): Part {
  const shown = l.kind === 'ratio' ? `${l.value === undefined ? '?' : pct(l.value)}/${pct(l.limit)}%` : `${l.value === undefined ? '?' : formatMoneyShort(l.value)}/${formatMoneyShort(l.limit)}`;
  const level = l.level ?? 'ok';
  return { text: `${SHORT_LIMIT[l.key]} ${shown}${mark(level)}`, level };
}

function breakerParts(snap: Snapshot): Part[] {
  return snap.breakers.map((b) => {
    const shown = b.name === 'streak' ? `${b.value ?? '?'}/${b.limit}` : `${b.value === undefined ? '?' : pct(b.value)}/${pct(b.limit)}%`;
    const level: Level = b.used === undefined ? 'ok' : b.used >= 1 ? 'critical' : b.used >= 0.75 ? 'warning' : 'ok';
    return { text: `${SHORT_BREAKER[b.name]} ${shown}${mark(level)}`, level };
  });
}

const byWorst = (parts: Part[]) => [...parts].sort((a, b) => RANK[b.level] - RANK[a.level]);

export function riskRows(snap: Snapshot): Row[] {
  const rows: Row[] = [];
  const limits = byWorst((snap.riskLimits ?? []).map(limitPart));
  if (limits.length) {
    const over = limits.filter((p) => p.level === 'critical').length;
    const cvar = snap.metrics.expected_shortfall?.value;
    rows.push({ kind: 'text', text: `Limits    ${limits.slice(0, 2).map((p) => p.text).join(' ')}`, level: worstOf(limits.slice(0, 2)) });
    const rest = [...limits.slice(2).map((p) => p.text), ...(cvar !== undefined ? [`CVaR ${formatMoneyShort(cvar)}`] : [])];
    rows.push({ kind: 'text', text: `${(over ? '✖ OVER' : '').padEnd(10)}${rest.join(' ')}`, level: over ? 'critical' : worstOf(limits.slice(2)) });
  }
  const parts = byWorst(breakerParts(snap));
  const tripped = parts.filter((p) => p.level === 'critical').length;
  rows.push({ kind: 'text', text: `Breakers  ${parts.slice(0, 2).map((p) => p.text).join(' ')}`, level: worstOf(parts.slice(0, 2)) });
  rows.push({ kind: 'text', text: `${(tripped ? '✖ TRIPPED' : '').padEnd(10)}${parts[2]!.text}`, level: tripped ? 'critical' : parts[2]!.level });
  return rows;
}

const SHORT_BREAKER = { 'daily loss': 'loss', streak: 'streak', drawdown: 'dd' } as const;
const RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2 };

function worstOf(parts: Part[]): Level {
  return parts.reduce<Level>((w, p) => (RANK[p.level] > RANK[w] ? p.level : w), 'ok');
}
