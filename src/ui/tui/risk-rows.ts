// The Risk panel: exposure, value at risk, and the circuit breakers with how
// far each is from tripping.

import type { Level } from '../../engine/classify.js';
import type { Snapshot } from '../../engine/types.js';
import { formatMoney, formatPercent } from '../../text/format.js';
import type { Row } from './panel-rows.js';

export function riskRows(snap: Snapshot): Row[] {
  const v = (n: string) => snap.metrics[n]?.value;
  const money = (n: string) => (v(n) === undefined ? '—' : formatMoney(v(n)!));
  const conc = v('position_concentration');
  const rows: Row[] = [
    { kind: 'text', text: `Exposure  ${money('total_exposure').padEnd(8)} Largest ${money('largest_position')}${conc !== undefined ? ` (${formatPercent(conc)})` : ''}` },
    { kind: 'text', text: `VaR 95    ${money('var_95').padEnd(8)} CVaR 95 ${money('expected_shortfall')}` },
  ];
  // Worst first, in few columns, so a tripped breaker is never the one a narrow panel cuts off.
  const parts = snap.breakers
    .map((b) => {
      const pct = (x: number) => String(+(x * 100).toFixed(1));
      const shown = b.name === 'streak' ? `${b.value ?? '?'}/${b.limit}` : `${b.value === undefined ? '?' : pct(b.value)}/${pct(b.limit)}%`;
      const level: Level = b.used === undefined ? 'ok' : b.used >= 1 ? 'critical' : b.used >= 0.75 ? 'warning' : 'ok';
      const mark = level === 'critical' ? ' ✖' : level === 'warning' ? ' ▲' : '';
      return { text: `${SHORT[b.name]} ${shown}${mark}`, level };
    })
    .sort((a, b) => RANK[b.level] - RANK[a.level]);
  const tripped = parts.filter((p) => p.level === 'critical').length;
  rows.push({ kind: 'text', text: `Breakers  ${parts.slice(0, 2).map((p) => p.text).join(' ')}`, level: worse(parts[0]!.level, parts[1]!.level) });
  rows.push({ kind: 'text', text: `${(tripped ? '✖ TRIPPED' : '').padEnd(10)}${parts[2]!.text}`, level: tripped ? 'critical' : parts[2]!.level });
  return rows;
}

const SHORT = { 'daily loss': 'loss', streak: 'streak', drawdown: 'dd' } as const;
const RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2 };

function worse(a: Level, b: Level): Level {
  return RANK[a] >= RANK[b] ? a : b;
}

