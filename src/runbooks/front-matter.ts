// A fast reader for the one shape of front matter the runbooks ship with:
//   key: word words        key: [item, item]        key: []
// Parsing it with the `yaml` library costs about a fifth of `gptmon runbook`'s
// start-up, cold. This reader accepts only text whose meaning YAML 1.2 (core
// schema, as the `yaml` package reads it) cannot read differently, and declines
// (undefined) anything else, so the caller falls back to `yaml` and keeps its
// errors and line numbers. When in doubt it declines: a decline costs time only.

export type SimpleFrontMatter = Record<string, string | string[]>;

// Lower-case letters and underscores: never a number, and never a YAML special
// word once those are excluded below. `yaml` refuses implicit keys over 1024
// characters; keys here stay far below that.
const KEY = /^[a-z][a-z_]{0,63}$/;

// A plain scalar that can only be its own text: starts with an ASCII letter (so
// never a number, .inf/.nan, ~, an alias, tag, anchor, directive, quote, block
// or flow indicator), then letters, digits and a few inert marks, with single
// spaces between words (no leading/trailing space for `yaml` to trim, no runs).
// No `#` (comments), `:` (mapping), `,[]{}` (flow), quotes or tabs.
const PLAIN = /^[A-Za-z][A-Za-z0-9_.\/()-]*(?: [A-Za-z0-9_.\/()-]+)*$/;

// Words the core schema reads as booleans or null (true/True/TRUE, null/Null/NULL,
// ...), declined in every casing; the YAML 1.1 words too, for a reader that
// might one day be configured for 1.1.
const SPECIAL = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function plain(text: string): string | undefined {
  return PLAIN.test(text) && !SPECIAL.test(text) ? text : undefined;
}

function value(text: string): string | string[] | undefined {
  if (!text.startsWith('[')) return plain(text);
  if (!text.endsWith(']')) return undefined;
  const inner = text.slice(1, -1);
  if (inner === '') return [];
  const items: string[] = [];
  for (const part of inner.split(', ')) {
    const item = plain(part);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}

/** The front matter's lines (between the --- fences), or undefined to decline. */
export function readSimpleFrontMatter(lines: readonly string[]): SimpleFrontMatter | undefined {
  const result: SimpleFrontMatter = {};
  let keys = 0;
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(': ');
    if (colon < 0) return undefined;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || SPECIAL.test(key) || Object.hasOwn(result, key)) return undefined;
    const parsed = value(line.slice(colon + 2));
    if (parsed === undefined) return undefined;
    result[key] = parsed;
    keys++;
  }
  // Empty front matter is null to `yaml`, which the caller reports.
  return keys > 0 ? result : undefined;
}
