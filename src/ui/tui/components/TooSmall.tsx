import React from 'react';
import { Text } from 'ink';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return <Text>{`terminal too small: need ${MIN_COLUMNS}x${MIN_ROWS}, have ${columns}x${rows}`.slice(0, Math.max(1, columns))}</Text>;
}
