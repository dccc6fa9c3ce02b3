// A thin walker over the yaml package's document nodes that remembers where
// each node came from, so every problem can be reported as FILE:LINE:COL.

import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ConfigIssue } from './issue.js';
import { describe } from './units.js';

interface Context {
  file: string;
  lines: LineCounter;
  issues: ConfigIssue[];
}

export class YamlCursor {
  constructor(
    readonly node: Node | null | undefined,
    readonly path: string,
    private readonly ctx: Context,
    private readonly fallbackOffset = 0,
  ) {}

  get file(): string {
    return this.ctx.file;
  }

  private position(): { line: number; col: number } {
    const offset = this.node?.range?.[0] ?? this.fallbackOffset;
    const pos = this.ctx.lines.linePos(offset);
    return { line: Math.max(pos.line, 1), col: Math.max(pos.col, 1) };
  }

  issue(message: string, path = this.path): void {
    this.ctx.issues.push({ file: this.ctx.file, ...this.position(), path, message });
  }

  /** Problems recorded so far in this file; lets a reader tell whether a block had any. */
  issueCount(): number {
    return this.ctx.issues.length;
  }

  isMissing(): boolean {
    return this.node == null || (isScalar(this.node) && this.node.value == null);
  }

  /** Plain JS value of the node (scalars as numbers, strings, booleans). */
  value(): unknown {
    if (this.node == null) return undefined;
    return isScalar(this.node) ? this.node.value : this.node.toJSON();
  }

  child(key: string): YamlCursor {
    return new YamlCursor(null, this.join(key), this.ctx, this.node?.range?.[0] ?? this.fallbackOffset);
  }

  private join(key: string | number): string {
    if (typeof key === 'number') return `${this.path}[${key}]`;
    return this.path ? `${this.path}.${key}` : key;
  }

  /** Entries of a map; reports (once) when the node is not a map. */
  entries(what = 'a map'): Array<[string, YamlCursor, YamlCursor]> | null {
    if (!isMap(this.node)) {
      this.issue(`expected ${what}, got ${describe(this.value())}`);
      return null;
    }
    const out: Array<[string, YamlCursor, YamlCursor]> = [];
    for (const pair of this.node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyCursor = new YamlCursor(keyNode, this.join(key), this.ctx);
      out.push([key, new YamlCursor(pair.value as Node | null, this.join(key), this.ctx, keyNode?.range?.[0] ?? 0), keyCursor]);
    }
    return out;
  }

  items(what = 'a list'): YamlCursor[] | null {
    if (!isSeq(this.node)) {
      this.issue(`expected ${what}, got ${describe(this.value())}`);
      return null;
    }
    return this.node.items.map((n, i) => new YamlCursor(n as Node | null, this.join(i), this.ctx, this.node?.range?.[0] ?? 0));
  }

  string(): string | undefined {
    const v = this.value();
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.issue(`expected text, got ${describe(v)}`);
    return undefined;
  }

  boolean(): boolean | undefined {
    const v = this.value();
    if (typeof v === 'boolean') return v;
    this.issue(`expected true or false, got ${describe(v)}`);
    return undefined;
  }
}

export interface ParsedYaml {
  root: YamlCursor;
  issues: ConfigIssue[];
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const issues: ConfigIssue[] = [];
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const err of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(err.pos[0]);
    const message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    issues.push({ file, line: Math.max(pos.line, 1), col: Math.max(pos.col, 1), path: '', message });
  }
  return { root: new YamlCursor(doc.contents as Node | null, '', { file, lines, issues }), issues };
}

/** The built-in defaults go through the same reader as a user's file. */
export function yamlFromValue(value: unknown, file: string): ParsedYaml {
  const issues: ConfigIssue[] = [];
  const doc = new Document(value);
  return { root: new YamlCursor(doc.contents as Node | null, '', { file, lines: new LineCounter(), issues }), issues };
}
