// The last values as bars, so direction shows (a drawdown still climbing reads
// differently from one that has turned), without inventing a trend: the scale
// takes in the metric's warning and critical lines (or 0-100% for a ratio), so
// a value wandering far inside its lines stays low and calm, and a wobble of
// under 1% of the scale is drawn flat.

const BARS = '▁▂▃▄▅▆▇█';

export interface SparkScale {
  /** Values the scale must include: the metric's lines. */
  lines?: number[];
  /** A fixed floor and ceiling, for ratios. */
  range?: [number, number];
}

export function sparkline(values: ArrayLike<number>, width: number, scale: SparkScale = {}): string {
  if (width <= 0) return '';
  const tail: number[] = [];
  for (let i = Math.max(0, values.length - width); i < values.length; i++) if (Number.isFinite(values[i]!)) tail.push(values[i]!);
  if (!tail.length) return ' '.repeat(width);
  let lo = Math.min(...tail);
  let hi = Math.max(...tail);
  const spread = hi - lo;
  for (const l of scale.lines ?? []) {
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  if (scale.range) {
    lo = Math.min(lo, scale.range[0]);
    hi = Math.max(hi, scale.range[1]);
  }
  const span = hi - lo;
  // With nothing but its own values to scale by, a wobble of under 1% of their size is flat too.
  const size = scale.lines?.length || scale.range ? span : Math.max(Math.abs(hi), Math.abs(lo));
  if (span === 0 || spread < size * 0.01) {
    // Flat: drawn at its place on the scale (mid-height when there is no scale).
    const at = span === 0 || !(scale.lines?.length || scale.range) ? 3 : Math.min(7, Math.floor(((tail[tail.length - 1]! - lo) / span) * 7.999));
    return BARS[at]!.repeat(tail.length).padStart(width, ' ');
  }
  return tail
    .map((v) => BARS[Math.min(7, Math.floor(((v - lo) / span) * 7.999))])
    .join('')
    .padStart(width, ' ');
}
