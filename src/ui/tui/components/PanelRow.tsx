import React from 'react';
import { Text } from 'ink';
import { sparkline } from '../../sparkline.js';
import { truncate } from '../../format.js';
import type { Row } from '../panels.js';
import { LEVEL_COLOR, LEVEL_SYMBOL, LEVEL_WORD, sgr, tint, useTheme } from '../theme.js';

const LABEL = 12;
const VALUE = 7;
const STATE = 7;
const THRESHOLDS = 11;
const SPARK_MAX = 20;

/** Column widths for a metric row: thresholds go before sparklines, sparklines before values. */
export function rowColumns(width: number): { spark: number; thresholds: number } {
  const rest = width - (LABEL + VALUE + STATE);
  if (rest >= 6 + 1 + THRESHOLDS) return { spark: Math.min(SPARK_MAX, rest - 1 - THRESHOLDS), thresholds: THRESHOLDS };
  return { spark: Math.max(0, Math.min(SPARK_MAX, rest)), thresholds: 0 };
}

/** Exactly `width` columns, whatever the content. */
export const PanelRow = React.memo(function PanelRow({ row, width }: { row: Row; width: number }) {
  const theme = useTheme();
  if (row.kind === 'text') {
    const color = row.level && row.level !== 'ok' ? LEVEL_COLOR[row.level] : undefined;
    return (
      <Text color={tint(theme, row.dim ? 'gray' : color)} dimColor={row.dim === true && !theme.color}>
        {truncate(row.text, width).padEnd(width)}
      </Text>
    );
  }
  const { spark, thresholds } = rowColumns(width);
  const stale = row.staleFor !== undefined;
  // The state reads in three ways: colour, symbol, and a word when not ok.
  const state = row.missing ? ' —' : stale ? ' stale' : ` ${LEVEL_SYMBOL[row.level]} ${LEVEL_WORD[row.level]}`;
  const valueColor = stale || row.missing ? 'gray' : row.level === 'ok' ? undefined : LEVEL_COLOR[row.level];
  const stateColor = stale || row.missing ? 'gray' : LEVEL_COLOR[row.level];
  const sparkText = spark ? sparkline(row.history, spark) : '';
  const thresholdText = thresholds ? ` ${truncate(row.thresholds, thresholds).padEnd(thresholds)}` : '';
  const used = LABEL + VALUE + STATE + spark + thresholdText.length;
  // One string with its colours in it: a row is one Ink node, not six, and
  // the console renders every second all night.
  const paint = (text: string, color: string | undefined, bold = false) => (theme.color && (color || bold) ? sgr(text, stale ? 'gray' : color, bold) : text);
  const line =
    paint(truncate(row.label, LABEL).padEnd(LABEL), stale ? 'gray' : undefined) +
    paint(truncate(row.value, VALUE).padStart(VALUE), valueColor, row.level === 'critical' && !stale && theme.color) +
    paint(state.padEnd(STATE), stateColor) +
    paint(sparkText, stale ? 'gray' : 'cyan') +
    paint(thresholdText, 'gray') +
    ' '.repeat(Math.max(0, width - used));
  return <Text>{line}</Text>;
});
