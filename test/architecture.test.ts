import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering the project depends on, checked on the import graph itself.
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // Type-only imports vanish when compiled: they load nothing.
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

describe('architecture', () => {
  it('the controls reach neither the UI nor Prometheus nor the monitor', () => {
    for (const entry of ['cli/control.ts', 'cli/audit.ts']) {
      const { files, packages } = reach(join(SRC, entry));
      expect(rel(files).filter((f) => f.startsWith('ui/') || f.startsWith('monitor/') || f.includes('prometheus') || f.startsWith('engine/')), entry).toEqual([]);
      expect([...packages].filter((p) => ['ink', 'react', 'conf', '@alcalzone/ink-table'].includes(p)), entry).toEqual([]);
    }
  });

  it('the engine imports no UI, no I/O and no packages', () => {
    for (const f of all('engine')) {
      const { files, packages } = reach(f);
      expect(rel(files).filter((x) => x.startsWith('ui/') || x.startsWith('cli/') || x.startsWith('monitor/')), f).toEqual([]);
      expect([...packages].filter((p) => p !== 'yaml'), f).toEqual([]);
    }
  });

  it('one-shot commands load no React or Ink up front', () => {
    for (const entry of ['cli/main.ts', 'cli/status.ts', 'cli/alerts.ts', 'cli/ack.ts', 'cli/runbook.ts']) {
      const { packages } = reach(join(SRC, entry), false);
      expect([...packages].filter((p) => p === 'ink' || p === 'react'), entry).toEqual([]);
    }
  });

  it('the simulator shares no code with what it stands in for', () => {
    for (const f of all('sim')) {
      const outside = rel(reach(f).files).filter((x) => !x.startsWith('sim/'));
      expect(outside, f).toEqual([]);
    }
  });
});
