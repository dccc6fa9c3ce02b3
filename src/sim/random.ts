// Seeded randomness for the simulated trader. Everything random in the sim goes
// through one of these generators so that a seed fully determines the output.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  gaussian(): number;
}

/**
 * mulberry32: tiny, fast and good enough for a demo; chosen over Math.random
 * because tests compare whole /metrics bodies between runs.
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box-Muller without caching the second value: every call consumes exactly
  // two uniforms, so the draw count per step never depends on history.
  const gaussian = (): number => {
    const u = 1 - next(); // (0, 1], keeps log() finite
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { next, gaussian };
}

/** A bounded Ornstein-Uhlenbeck walk: drifts back to `mean`, never leaves [min, max]. */
export interface WalkSpec {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Noise per step. */
  readonly sigma: number;
  /** Share of the distance to the mean recovered per step. */
  readonly reversion: number;
}

export function stepWalk(value: number, spec: WalkSpec, z: number): number {
  const moved = value + spec.reversion * (spec.mean - value) + spec.sigma * z;
  // Reflect rather than clamp so the walk does not stick to a bound.
  let v = moved;
  if (v > spec.max) v = spec.max - (v - spec.max);
  if (v < spec.min) v = spec.min + (spec.min - v);
  return clamp(v, spec.min, spec.max);
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
