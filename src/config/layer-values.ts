// Single values of a config layer that are more than one YAML scalar's type:
// a size with its unit, and one URL or several (a string with commas, or a list).

import type { YamlCursor } from './yaml-cursor.js';

/** `16MB`, `512KB`, or a number of bytes. */
export function parseBytes(raw: unknown): number | string {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  const m = typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?\s*$/i.exec(raw) : null;
  if (!m) return `expected a size like 16MB or 512KB, got ${JSON.stringify(raw)}`;
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B').toUpperCase() as 'B'];
  return Math.round(Number(m[1]) * unit);
}

/** Comma-separated URLs as one list (how a flag or the environment gives several). */
export const splitUrls = (text: string): string[] => text.split(',').map((u) => u.trim()).filter(Boolean);

/** One URL, several separated by commas, or a YAML list of them: each with where it was written. */
export function urlList(v: YamlCursor): Array<{ url: string; at: YamlCursor }> | undefined {
  const items = Array.isArray(v.value()) ? v.items('a list of URLs') : [v];
  const out = (items ?? []).flatMap((item) => {
    const text = item.string();
    return text === undefined ? [] : splitUrls(text).map((url) => ({ url, at: item }));
  });
  if (items && !out.length && Array.isArray(v.value())) v.issue('expected at least one Alertmanager URL');
  return out.length ? out : undefined;
}
