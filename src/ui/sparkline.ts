const BARS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as bars scaled to their own range, so direction shows
 * (a drawdown still climbing reads differently from one that turned). A flat
 * series is a flat mid line rather than noise.
 */
export function sparkline(values: number[], width: number): string {
  if (width <= 0) return '';
  const tail = values.slice(-width).filter((v) => Number.isFinite(v));
  if (!tail.length) return ' '.repeat(width);
  const min = Math.min(...tail);
  const max = Math.max(...tail);
  const span = max - min;
  const bars = tail.map((v) => (span <= Math.abs(max) * 1e-9 || span === 0 ? BARS[3] : BARS[Math.min(7, Math.floor(((v - min) / span) * 7.999))]));
  return bars.join('').padStart(width, ' ');
}
