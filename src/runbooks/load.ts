// The runbooks gptmon knows: the built-in ones shipped in runbooks/, then a
// team's own (config runbooks_dir), which add to them and replace by id. A
// runbook that cannot be read is reported with its place and skipped.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunbook } from './parse.js';
import type { Runbook, RunbookIssue } from './types.js';

export const MAX_RUNBOOK_BYTES = 1024 * 1024;

/** runbooks/ at the package root, from src/runbooks or dist/runbooks alike. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../runbooks/', import.meta.url));

function readDir(dir: string, origin: Runbook['origin'], issues: RunbookIssue[]): Runbook[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
  } catch (err) {
    issues.push({ file: dir, line: 0, message: `cannot read the runbooks directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return [];
  }
  const out: Runbook[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const size = statSync(file).size;
      if (size > MAX_RUNBOOK_BYTES) {
        issues.push({ file, line: 0, message: `file is ${(size / 1024 / 1024).toFixed(1)} MB; a runbook over 1 MB is skipped` });
        continue;
      }
      const parsed = parseRunbook(readFileSync(file, 'utf8'), file, origin);
      if (parsed.ok) out.push(parsed.runbook);
      else issues.push(parsed.issue);
    } catch (err) {
      issues.push({ file, line: 0, message: `cannot read: ${(err as Error).message}` });
    }
  }
  return out;
}

export function loadRunbooks(teamDir?: string, builtinDir = BUILTIN_DIR): { runbooks: Runbook[]; issues: RunbookIssue[] } {
  const issues: RunbookIssue[] = [];
  const byId = new Map<string, Runbook>();
  for (const r of readDir(builtinDir, 'built-in', issues)) byId.set(r.id, r);
  if (teamDir) for (const r of readDir(teamDir, 'team', issues)) byId.set(r.id, r);
  return { runbooks: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)), issues };
}
