import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readSimpleFrontMatter } from '../../src/runbooks/front-matter.js';
import { BUILTIN_DIR } from '../../src/runbooks/load.js';
import { parseRunbook } from '../../src/runbooks/parse.js';
import { seeded } from '../helpers/seeded.js';

/** What the fallback path makes of the same lines: `yaml`'s errors and value (toJSON throws on an unresolved alias). */
function yamlReads(lines: string[]): { errors: number; value: unknown } {
  const doc = parseDocument(lines.join('\n'), { prettyErrors: false, logLevel: 'error' });
  try {
    return { errors: doc.errors.length, value: doc.toJSON() };
  } catch (err) {
    return { errors: doc.errors.length + 1, value: err };
  }
}

/** The reader's one promise: it declines, or it says exactly what `yaml` says. */
function agreesWithYaml(lines: string[]): 'declined' | 'accepted' {
  const fast = readSimpleFrontMatter(lines);
  if (fast === undefined) return 'declined';
  const slow = yamlReads(lines);
  expect(slow.errors, `yaml finds errors in ${JSON.stringify(lines)}, the fast reader accepted it`).toBe(0);
  expect(fast, `fast reader differs from yaml on ${JSON.stringify(lines)}`).toStrictEqual(slow.value);
  return 'accepted';
}

function frontLinesOf(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  return lines.slice(1, end);
}

describe('the fast front matter reader', () => {
  it('reads every built-in runbook, exactly as yaml does', () => {
    const names = readdirSync(BUILTIN_DIR).filter((n) => n.endsWith('.md') && n !== 'README.md');
    expect(names.length).toBe(13);
    for (const name of names) {
      const lines = frontLinesOf(readFileSync(join(BUILTIN_DIR, name), 'utf8'));
      expect(readSimpleFrontMatter(lines), `${name} is not read by the fast path`).toBeDefined();
      expect(agreesWithYaml(lines)).toBe('accepted');
    }
  });

  // [front matter lines, what the reader should do]; either way, accepted means equal to yaml.
  const cases: [string, string[], 'declined' | 'accepted'][] = [
    ['the shipped shape', ['id: memory', 'title: High memory usage', 'aliases: [high-memory, mem-high, oom]', 'alerts: []', 'severity: high'], 'accepted'],
    ['blank lines between keys', ['id: a', '', 'title: b'], 'accepted'],
    ['dots, digits, slashes and parentheses inside words', ['title: Disk full (root) on v1.2/b_c', 'aliases: [http-429, a.b]'], 'accepted'],
    ['a dash between words', ['title: a - b', 'aliases: [x -y]'], 'accepted'],
    ['the value true', ['flag: true'], 'declined'],
    ['the value True', ['flag: True'], 'declined'],
    ['the value FALSE in a list', ['aliases: [a, FALSE]'], 'declined'],
    ['the value null', ['x: null'], 'declined'],
    ['the value NULL', ['x: NULL'], 'declined'],
    ['the value ~', ['x: ~'], 'declined'],
    ['a number', ['x: 12'], 'declined'],
    ['1e3', ['x: 1e3'], 'declined'],
    ['0x1f', ['x: 0x1f'], 'declined'],
    ['0o17', ['x: 0o17'], 'declined'],
    ['.inf', ['x: .inf'], 'declined'],
    ['-.Inf', ['x: -.Inf'], 'declined'],
    ['.nan', ['x: .nan'], 'declined'],
    ['yes (YAML 1.1 only)', ['x: yes'], 'declined'],
    ['a key that is a special word', ['true: a'], 'declined'],
    ['a key null', ['null: a'], 'declined'],
    ['a trailing comment', ['x: abc #comment'], 'declined'],
    ['a comment line', ['# note', 'x: a'], 'declined'],
    ['a nested mapping on one line', ['a: b: c'], 'declined'],
    ['a colon inside a word', ['a: b:c'], 'declined'],
    ['a double-quoted string', ['title: "High: memory"'], 'declined'],
    ['a single-quoted string', ["title: 'High memory'"], 'declined'],
    ['an apostrophe inside a word', ["title: on-call's runbook"], 'declined'],
    ['a list without spaces', ['aliases: [a,b]'], 'declined'],
    ['a list with two spaces', ['aliases: [a,  b]'], 'declined'],
    ['a list with a space inside the brackets', ['aliases: [ a, b ]'], 'declined'],
    ['an empty list with a space', ['aliases: [ ]'], 'declined'],
    ['a nested list', ['aliases: [a, [b, c]]'], 'declined'],
    ['a flow map', ['x: {a: b}'], 'declined'],
    ['an unclosed list', ['aliases: [a, b'], 'declined'],
    ['a duplicate key', ['id: a', 'id: b'], 'declined'],
    ['a trailing space', ['id: a '], 'declined'],
    ['two spaces inside a value', ['title: a  b'], 'declined'],
    ['a tab', ['id:\ta'], 'declined'],
    ['a tab in a value', ['title: a\tb'], 'declined'],
    ['an empty value', ['key:'], 'declined'],
    ['an empty value with a space', ['key: '], 'declined'],
    ['two spaces after the colon', ['key:  two spaces'], 'declined'],
    ['no space after the colon', ['key:value'], 'declined'],
    ['a block list', ['aliases:', '- x', '- y'], 'declined'],
    ['an indented key', [' id: a'], 'declined'],
    ['unicode letters', ['title: Überlast'], 'declined'],
    ['unicode letters inside a word', ['title: mémoire'], 'declined'],
    ['an anchor and an alias', ['a: &x b', 'c: *x'], 'declined'],
    ['a tag', ['a: !str b'], 'declined'],
    ['a block scalar', ['a: |', '  b'], 'declined'],
    ['a folded block', ['a: >', '  b'], 'declined'],
    ['a directive-like value', ['a: %b'], 'declined'],
    ['a reserved indicator', ['a: @b'], 'declined'],
    ['a backtick', ['a: `b`'], 'declined'],
    ['a key with capitals', ['Id: a'], 'declined'],
    ['a key with a dash', ['run-book: a'], 'declined'],
    ['a whitespace-only line', ['id: a', '   '], 'declined'],
    ['a continuation line', ['title: a', '  b'], 'declined'],
    ['a document end marker', ['id: a', '...'], 'declined'],
    ['nothing at all', [], 'declined'],
    ['only blank lines', ['', ''], 'declined'],
  ];

  it.each(cases)('%s', (_name, lines, expected) => {
    expect(agreesWithYaml(lines)).toBe(expected);
  });

  it('declines or agrees with yaml on 2000 generated front matters', () => {
    const random = seeded(0x5eed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    // Mostly the shape the reader accepts, with a hostile choice at every step now and then.
    const either = <T>(good: readonly T[], bad: readonly T[], badness = 0.1): T => pick(random() < badness ? bad : good);
    const key = () => either(['id', 'title', 'aliases', 'alerts', 'severity', 'a', 'b_c', 'owner', 'team', 'x_y_z'], ['true', 'null', 'Yes', 'on', 'n', '1a', '_x', 'ké', 'Id', 'a-b'], 0.05);
    const separator = () => either([': '], [':', ':  ', ':\t', ' : '], 0.03);
    const word = () =>
      either(
        ['memory', 'High', 'CPU', 'oom', 'http-429', 'a.b', 'v1.2', 'x_y', 'a/b', 'Disk(root)', 'e', 'x', 'Y', 'abc-', 'q.'],
        [
          'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'nULL', '~', 'yes', 'No', 'on', 'OFF', 'y', 'n',
          '12', '-3', '+4', '1.5', '.5', '1e3', '1E-3', '0x1f', '0o17', '.inf', '-.inf', '+.Inf', '.NaN', '.nan', '(root)', '/a', '-', '.',
          '#c', 'a#b', 'a:b', 'a:', '- x', '?', '? x', 'a,b', '[a]', '{a: b}', '"q"', "'q'", "it's", '&a', '*a', '!t', '|', '>',
          '%x', '@x', '`x`', 'Über', 'mémoire', 'a\tb', '', ' ', '\r',
        ],
        0.12,
      );
    const scalar = () => {
      const n = 1 + Math.floor(random() * 3);
      return Array.from({ length: n }, word).join(either([' '], ['  ', '-', '.', ': ', ' #', ''], 0.1));
    };
    const list = (): string => {
      const n = Math.floor(random() * 4);
      const items = Array.from({ length: n }, () => (random() < 0.03 ? list() : scalar()));
      return `${either(['['], ['[ ', '{'], 0.03)}${items.join(either([', '], [',', ' ,', ',  ', ',\t'], 0.05))}${either([']'], [' ]', '', ']]', '}'], 0.03)}`;
    };
    const line = () => {
      if (random() < 0.05) return pick(['', '', '   ', '# note', '- x', '  more', '...', 'key:', '---', '%YAML 1.2']);
      const value = random() < 0.4 ? list() : scalar();
      return `${key()}${separator()}${value}${either([''], [' ', ' # c', '\t', ':', ' :'], 0.05)}`;
    };
    let accepted = 0;
    let declinedButValid = 0;
    for (let i = 0; i < 2000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 5) }, line);
      if (agreesWithYaml(lines) === 'accepted') accepted++;
      else if (readSimpleFrontMatter(lines) === undefined && yamlReads(lines).errors === 0) declinedButValid++;
    }
    // The comparison means something only if the generator reaches both paths.
    expect(accepted).toBeGreaterThan(100);
    expect(declinedButValid).toBeGreaterThan(100);
  });
});

describe('a runbook whose front matter the fast reader declines', () => {
  const runbook = (front: string[]) =>
    ['---', ...front, '---', '', '## Diagnosis', '', '1. Look: `gptmon alerts`', '', '## Resolution', '', '1. Verify: `gptmon status`', ''].join('\n');

  it('is read by yaml, quoted values and all', () => {
    const parsed = parseRunbook(runbook(['id: quoted', 'title: "Disk: full" # the root one', 'aliases:', '  - Root-Disk', 'alerts: [DiskCritical]']), 'q.md', 'team');
    expect(parsed.ok && parsed.runbook).toMatchObject({ id: 'quoted', title: 'Disk: full', aliases: ['root-disk'], alerts: ['DiskCritical'] });
  });

  it('keeps yaml errors and their line numbers', () => {
    const parsed = parseRunbook(runbook(['id: dup', 'title: One', 'title: Two']), 'dup.md', 'team');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issue).toMatchObject({ file: 'dup.md', line: 4 });
    expect(!parsed.ok && parsed.issue.message).toMatch(/^front matter: Map keys must be unique/);
  });
});

