import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { loadRunbooks } from '../../src/runbooks/load.js';
import { findRunbook } from '../../src/runbooks/lookup.js';
import { parseRunbook } from '../../src/runbooks/parse.js';
import { renderRunbook } from '../../src/runbooks/render.js';
import { formatRunbookIssue } from '../../src/runbooks/types.js';
import { runbookText } from '../helpers/runbook-files.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
const builtin = loadRunbooks();

describe('the built-in runbooks', () => {
  it('all load, with no problems', () => {
    expect(builtin.issues.map(formatRunbookIssue)).toEqual([]);
    expect(builtin.runbooks.map((r) => r.id)).toEqual(['accuracy', 'api-connectivity', 'circuit-breaker', 'cpu', 'daily-loss', 'database', 'disk', 'drawdown', 'memory', 'model-failure', 'rate-limit', 'risk-limits', 'system-down']);
  });

  it('every alert gptmon knows names a runbook that exists and says it serves that alert', () => {
    for (const alert of config.alerts) {
      expect(alert.runbook, `${alert.name} names no runbook`).toBeDefined();
      const r = builtin.runbooks.find((x) => x.id === alert.runbook);
      expect(r, `${alert.name} names runbook ${alert.runbook}, which does not exist`).toBeDefined();
      expect(r!.alerts, `runbook ${r!.id} does not list ${alert.name}`).toContain(alert.name);
    }
  });

  it('every alert a runbook claims exists, and every runbook has sections and steps to walk', () => {
    const names = new Set(config.alerts.map((a) => a.name));
    for (const r of builtin.runbooks) {
      for (const a of r.alerts) expect(names.has(a), `${r.id} serves unknown alert ${a}`).toBe(true);
      expect(r.symptoms.length, r.id).toBeGreaterThan(0);
      expect(r.diagnosis.length, r.id).toBeGreaterThanOrEqual(3);
      expect(r.resolution.length, r.id).toBeGreaterThanOrEqual(3);
      expect(r.prevention.length, r.id).toBeGreaterThan(0);
      expect(r.resolution.at(-1)!.command, `${r.id} ends by verifying`).toMatch(/gptmon status/);
    }
  });

  it('no alias is another runbook’s id or alias', () => {
    const seen = new Map<string, string>();
    for (const r of builtin.runbooks) {
      for (const k of [r.id, ...r.aliases]) {
        expect(seen.get(k), `${k} in ${r.id} and ${seen.get(k)}`).toBeUndefined();
        seen.set(k, r.id);
      }
    }
  });
});

describe('finding a runbook by name', () => {
  const rbs = builtin.runbooks;
  it.each([
    ['memory', 'memory'],
    ['mem', 'memory'],
    ['high-memory', 'memory'],
    ['MEMORY', 'memory'],
    ['Mem', 'memory'],
    ['ExcessiveDrawdown', 'drawdown'],
    ['excessivedrawdown', 'drawdown'],
    ['rate', 'rate-limit'],
    ['system', 'system-down'],
  ])('%s finds %s', (name, id) => {
    const f = findRunbook(rbs, name);
    expect(f.ok && f.runbook.id).toBe(id);
  });

  it('an ambiguous prefix names the candidates', () => {
    const f = findRunbook(rbs, 'd');
    expect(f).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!f.ok) expect(f.candidates).toEqual(expect.arrayContaining(['daily-loss', 'database', 'disk', 'drawdown']));
  });

  it('an unknown name offers the closest', () => {
    const f = findRunbook(rbs, 'memroy');
    expect(f).toMatchObject({ ok: false, reason: 'unknown', candidates: ['memory'] });
    expect(findRunbook(rbs, 'zzzzzzzz')).toMatchObject({ ok: false, reason: 'unknown', candidates: [] });
  });
});

describe('a team’s runbooks', () => {
  it('add to and override the built-in ones; the malformed are reported with file and line and skipped', () => {
    const dir = tmp.dir();
    const put = (name: string, text: string) => writeFileSync(join(dir, name), text);
    put('memory.md', runbookText('memory', { aliases: ['ram'], alerts: ['HighMemoryUsage'] }));
    put('queue.md', runbookText('queue', { alerts: ['QueueBacklog'] }));
    put('nofm.md', '# Just a heading\n\n1. step\n');
    put('badyaml.md', '---\nid: bad\ntitle: [unclosed\n---\n\n## Diagnosis\n\n1. x\n');
    put('nosteps.md', '---\nid: nosteps\ntitle: No steps\n---\n\n## Symptoms\n\n- a\n');
    put('huge.md', `${runbookText('huge')}\n${'x'.repeat(2 * 1024 * 1024)}`);
    put('README.md', '# not a runbook');
    const { runbooks, issues } = loadRunbooks(dir);
    expect(issues.map(formatRunbookIssue)).toEqual([
      `${join(dir, 'badyaml.md')}:3: front matter: ${issues[0]!.message.replace('front matter: ', '')}`,
      `${join(dir, 'huge.md')}: file is 2.0 MB; a runbook over 1 MB is skipped`,
      `${join(dir, 'nofm.md')}:1: no front matter: a runbook starts with --- then id, title, aliases, alerts, severity, then ---`,
      `${join(dir, 'nosteps.md')}:5: no steps: Diagnosis and Resolution need numbered steps (1. ...)`,
    ]);
    expect(runbooks.find((r) => r.id === 'memory')).toMatchObject({ origin: 'team', aliases: ['ram'] });
    expect(runbooks.find((r) => r.id === 'queue')?.origin).toBe('team');
    expect(runbooks.find((r) => r.id === 'disk')?.origin).toBe('built-in');
  });

  it('a missing directory is reported, and the built-in ones still load', () => {
    const { runbooks, issues } = loadRunbooks('/nonexistent/runbooks');
    expect(issues.map(formatRunbookIssue)).toEqual(['/nonexistent/runbooks: cannot read the runbooks directory: ENOENT']);
    expect(runbooks.length).toBe(13);
  });
});

describe('parsing and rendering', () => {
  it('reads steps, their commands and fenced blocks', () => {
    const text = runbookText('t', { steps: ['Check: `htop`', 'Query recent predictions:\n   ```sql\n   SELECT 1;\n   ```', 'Think about it'] });
    const p = parseRunbook(text, 't.md', 'team');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.runbook.diagnosis.map((s) => [s.key, s.command ?? null, s.block?.lang ?? null])).toEqual([
      ['diagnosis:1', 'htop', null],
      ['diagnosis:2', null, 'sql'],
      ['diagnosis:3', null, null],
    ]);
    expect(p.runbook.diagnosis[1]!.block!.code).toBe('SELECT 1;');
  });

  it('renders for a terminal, wrapped to the width, with numbered steps and commands', () => {
    const memory = builtin.runbooks.find((r) => r.id === 'memory')!;
    const out = renderRunbook(memory, 60, false);
    expect(out.split('\n')[0]).toBe(memory.title.toUpperCase());
    for (const h of ['Symptoms', 'Diagnosis', 'Resolution', 'Prevention']) expect(out).toMatch(new RegExp(`^${h}$`, 'm'));
    expect(out).toMatch(/^ {2}1\. /m);
    expect(out).toMatch(/^ {7}\$ /m);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
