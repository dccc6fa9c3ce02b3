// A metric row as one line of exactly `width` columns, colours included: a
// plain function of the row, so a row is one Ink node (and later, a string the
// screen writer can paint without React). Its state reads three ways (colour,
// symbol, word); a stale row keeps its last state beside the stale mark, so
// under NO_COLOR old numbers never read as healthy; a value never judged shows
// no state; the lines stay (compact) however narrow the panel.

import { truncate } from '../../text/format.js';
import { sparkline } from '../sparkline.js';
import type { MetricRow } from './panel-rows.js';
import { LEVEL_COLOR, LEVEL_SYMBOL, LEVEL_WORD, sgr } from './theme.js';

const LABEL = 12;
const VALUE = 7;
/** ` ✖ CRIT?` : the state, a stale mark, and a space before what follows. */
const STATE = 9;
const THRESHOLDS = 11;
const SPARK_MAX = 20;

/** Columns left after label, value and state: the lines first (compact when short of room), then the sparkline. */
export function rowColumns(width: number): { middle: number; thresholds: number; compact: boolean } {
  const rest = Math.max(0, width - (LABEL + VALUE + STATE));
  if (rest >= 6 + 1 + THRESHOLDS) return { middle: Math.min(SPARK_MAX, rest - 1 - THRESHOLDS), thresholds: THRESHOLDS, compact: false };
  const compact = Math.min(10, rest);
  return { middle: Math.max(0, rest - compact - (compact ? 1 : 0)), thresholds: compact, compact: true };
}

export function rowText(row: MetricRow, width: number, color: boolean): string {
  const { middle, thresholds, compact } = rowColumns(width);
  const stale = row.staleFor !== undefined;
  // A stale value keeps the state it had, marked `?`: old numbers never read as healthy now.
  const word = (row.noData ? ' ▲ WARN' : row.missing || !row.judged ? '' : ` ${LEVEL_SYMBOL[row.level]} ${LEVEL_WORD[row.level]}`.trimEnd()) + (stale && !row.missing ? '?' : '');
  const levelColor = row.noData ? 'yellow' : row.judged && !row.missing ? LEVEL_COLOR[row.level] : undefined;
  // Where the sparkline goes, what matters more when there is something to say.
  const said = row.noData ? (middle >= 7 ? 'no data' : '') : stale ? (middle >= 9 + (row.staleFor?.length ?? 0) ? `· stale ${row.staleFor}` : `${row.staleFor}`) : '';
  const series = row.series ? `${row.series} ` : '';
  const sparkRoom = Math.max(0, middle - series.length - (said ? said.length + 1 : 0));
  const mid = truncate(`${said ? `${said} ` : ''}${series}${sparkRoom >= 3 && !row.noData ? sparkline(row.history, sparkRoom, row.scale) : ''}`, middle).padEnd(middle);
  const lines = thresholds ? ` ${truncate(compact ? row.thresholdsCompact : row.thresholds, thresholds).padEnd(thresholds)}` : '';
  const used = LABEL + VALUE + STATE + middle + lines.length;
  const paint = (text: string, c: string | undefined, bold = false) => (color && (c || bold) ? sgr(text, c, bold) : text);
  return (
    paint(truncate(row.label, LABEL).padEnd(LABEL), stale ? 'gray' : undefined) +
    paint(truncate(row.value, VALUE).padStart(VALUE), stale ? 'gray' : row.level === 'ok' ? undefined : levelColor, row.level === 'critical' && !stale && color) +
    paint(word.padEnd(STATE), levelColor) +
    paint(mid, stale || row.noData ? 'gray' : 'cyan') +
    paint(lines, 'gray') +
    ' '.repeat(Math.max(0, width - used))
  );
}
