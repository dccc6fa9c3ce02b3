// Medians with min and max: one slow run (a GC, a cold cache) does not decide a figure.

export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], runs: v.length };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(check, timeoutMs, everyMs = 5) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await sleep(everyMs);
  }
  return undefined;
}
