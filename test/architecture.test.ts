import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering the project depends on, checked on the import graph itself.
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** What a file loads: its static and dynamic imports. Type-only imports vanish when compiled: they load nothing. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx']) {
    try {
      if (statSync(base + ext).isFile()) return base + ext;
    } catch {
      /* try the next */
    }
  }
  return undefined;
}

/** Every module and package a file reaches through static and dynamic imports. */
function reach(entry: string, followDynamic = true): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    const text = readFileSync(f, 'utf8');
    for (const spec of imports(f)) {
      if (!followDynamic && text.includes(`import('${spec}')`)) continue;
      const local = resolveLocal(f, spec);
      if (local) stack.push(local);
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

const rel = (files: Set<string>) => [...files].map((f) => relative(SRC, f));
const all = (dir: string): string[] => readdirSync(join(SRC, dir)).flatMap((n) => (statSync(join(SRC, dir, n)).isDirectory() ? all(join(dir, n)) : [join(SRC, dir, n)]));
const sources = () => all('.').filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
/** `engine`, `cli`, …: the first folder under src/. */
const folderOf = (file: string) => relative(SRC, file).split('/')[0]!;

/** Each import from one folder into another: `engine/engine.ts -> sources/exposition.ts`. */
function crossFolderImports(): Array<{ from: string; to: string; edge: string }> {
  const out: Array<{ from: string; to: string; edge: string }> = [];
  for (const f of sources()) {
    for (const spec of imports(f)) {
      const local = resolveLocal(f, spec);
      if (local && folderOf(local) !== folderOf(f)) out.push({ from: folderOf(f), to: folderOf(local), edge: `${relative(SRC, f)} -> ${relative(SRC, local)}` });
    }
  }
  return out;
}

/** The cycles of a directed graph, each as the folders in order with the imports that close it. */
function cycles(edges: Array<{ from: string; to: string; edge: string }>): string[] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const found = new Set<string>();
  const walk = (node: string, path: string[]) => {
    for (const to of next.get(node) ?? []) {
      const at = path.indexOf(to);
      if (at >= 0) {
        const loop = [...path.slice(at), to];
        // One name per cycle whatever folder it was entered from.
        const start = loop.slice(0, -1).reduce((a, b) => (a < b ? a : b));
        const i = loop.indexOf(start);
        const canonical = [...loop.slice(i, -1), ...loop.slice(0, i), start];
        const why = canonical.slice(0, -1).map((a, k) => edges.find((e) => e.from === a && e.to === canonical[k + 1])!.edge);
        found.add(`${canonical.join(' -> ')} (${why.join('; ')})`);
      } else walk(to, [...path, to]);
    }
  };
  for (const node of next.keys()) walk(node, [node]);
  return [...found].sort();
}

/**
 * The engine is pure decisions over data handed to it: it names the sources'
 * wire types (type-only imports, which load nothing) and must not load the
 * network layer. Nothing is allowed here, and it must stay so.
 */
const KNOWN_ENGINE_SOURCES_IMPORTS: string[] = [];

/** What a file may not import from src/ui/: I/O belongs to the composition root (cli/tui-runtime.ts) and below. */
const IO_PACKAGES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|tls)$|^undici(\/|$)/;
const IO_FOLDERS = ['sources', 'store'];

describe('architecture', () => {
  it('the controls reach neither the UI nor Prometheus nor the monitor', () => {
    for (const entry of ['cli/control.ts', 'cli/audit.ts']) {
      const { files, packages } = reach(join(SRC, entry));
      expect(rel(files).filter((f) => f.startsWith('ui/') || f.startsWith('monitor/') || f.includes('prometheus') || f.startsWith('engine/')), entry).toEqual([]);
      // re2js (silence matching) is the engine's: a halt does not pay for loading it.
      expect([...packages].filter((p) => ['ink', 'react', 're2js'].includes(p)), entry).toEqual([]);
    }
  });

  it('the engine imports no UI, no I/O and no packages but pure computation (yaml, re2js: the RE2 matcher for silences)', () => {
    for (const f of all('engine')) {
      const { files, packages } = reach(f);
      expect(rel(files).filter((x) => x.startsWith('ui/') || x.startsWith('cli/') || x.startsWith('monitor/')), f).toEqual([]);
      expect([...packages].filter((p) => p !== 'yaml' && p !== 're2js'), f).toEqual([]);
    }
  });

  it('the engine imports nothing from sources/ (beyond the known imports still to move)', () => {
    const edges = crossFolderImports()
      .filter((e) => e.from === 'engine' && e.to === 'sources')
      .map((e) => e.edge);
    expect(edges.filter((e) => !KNOWN_ENGINE_SOURCES_IMPORTS.includes(e)), 'new engine -> sources imports').toEqual([]);
    // An entry whose import is gone comes off the list, so the list only shrinks.
    expect(KNOWN_ENGINE_SOURCES_IMPORTS.filter((e) => !edges.includes(e)), 'stale entries in KNOWN_ENGINE_SOURCES_IMPORTS').toEqual([]);
  });

  it('no import cycle between folders: the layers only point down', () => {
    expect(cycles(crossFolderImports())).toEqual([]);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const found = cycles([
      { from: 'a', to: 'b', edge: 'a/x.ts -> b/y.ts' },
      { from: 'b', to: 'c', edge: 'b/y.ts -> c/z.ts' },
      { from: 'c', to: 'a', edge: 'c/z.ts -> a/x.ts' },
      { from: 'c', to: 'd', edge: 'c/z.ts -> d/w.ts' },
    ]);
    expect(found).toEqual(['a -> b -> c -> a (a/x.ts -> b/y.ts; b/y.ts -> c/z.ts; c/z.ts -> a/x.ts)']);
    expect(cycles([{ from: 'a', to: 'b', edge: '' }])).toEqual([]);
  });

  it('the UI does no I/O: nothing under ui/ reaches the file system, processes, the network or the stores', () => {
    for (const f of all('ui')) {
      const { files, packages } = reach(f);
      const direct = imports(f).filter((s) => IO_PACKAGES.test(s));
      const stores = rel(files).filter((x) => IO_FOLDERS.includes(x.split('/')[0]!));
      const nodeIo = [...files].flatMap((x) => imports(x).filter((s) => IO_PACKAGES.test(s)).map((s) => `${relative(SRC, x)}: ${s}`));
      expect({ direct, stores, nodeIo, packages: [...packages].filter((p) => IO_PACKAGES.test(p)) }, relative(SRC, f)).toEqual({ direct: [], stores: [], nodeIo: [], packages: [] });
    }
  });

  it('one-shot commands load no React or Ink up front', () => {
    for (const entry of ['cli/main.ts', 'cli/status.ts', 'cli/alerts.ts', 'cli/ack.ts', 'cli/runbook.ts']) {
      const { packages } = reach(join(SRC, entry), false);
      expect([...packages].filter((p) => p === 'ink' || p === 'react'), entry).toEqual([]);
    }
  });

  it('commands do not import the command line (cli/main.ts), not even for a type', () => {
    const importers = sources().filter((f) => /from\s+['"]\.\/main\.js['"]|from\s+['"][./]*cli\/main\.js['"]/.test(readFileSync(f, 'utf8')));
    expect(importers.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('the config is loaded in one place (cli/config-or-exit.ts; config check reports it whole)', () => {
    const loaders = sources().filter((f) => imports(f).some((s) => resolveLocal(f, s) === join(SRC, 'config/load.ts')));
    expect(loaders.map((f) => relative(SRC, f)).filter((f) => f.startsWith('cli/')).sort()).toEqual(['cli/config-check.ts', 'cli/config-or-exit.ts']);
  });

  it('state-file and preference paths each come from one module', () => {
    const mentions = (pattern: RegExp) => sources().filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(mentions(/XDG_STATE_HOME|'\.local', 'state'|\.local\/state/)).toEqual(['store/state-paths.ts']);
    expect(mentions(/acks\.json|alert-state\.json|runbook-progress\.json|'audit\.log'/)).toEqual(['store/state-paths.ts']);
    expect(mentions(/preferences\.json/)).toEqual(['config/prefs.ts']);
  });

  it('the simulator shares no code with what it stands in for', () => {
    for (const f of all('sim')) {
      const outside = rel(reach(f).files).filter((x) => !x.startsWith('sim/'));
      expect(outside, f).toEqual([]);
    }
  });
});
