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
  // Plain loops: drawn for every row every refresh.
  const from = Math.max(0, values.length - width);
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let last = 0;
  for (let i = from; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    last = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!n) return ' '.repeat(width);
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
  const pad = ' '.repeat(width - n);
  if (span === 0 || spread < size * 0.01) {
    // Flat: drawn at its place on the scale (mid-height when there is no scale).
    const at = span === 0 || !(scale.lines?.length || scale.range) ? 3 : Math.min(7, Math.floor(((last - lo) / span) * 7.999));
    return pad + BARS[at]!.repeat(n);
  }
  let bars = pad;
  for (let i = from; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) bars += BARS[Math.min(7, Math.floor(((v - lo) / span) * 7.999))];
  }
  return bars;
}
