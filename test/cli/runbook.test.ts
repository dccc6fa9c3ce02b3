import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectNoStack, runCli } from '../helpers/cli.js';
import { runbookText } from '../helpers/runbook-files.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const memoryMd = readFileSync(new URL('../../runbooks/memory.md', import.meta.url), 'utf8');

describe('gptmon runbook', () => {
  it('lists the runbooks with the alerts each serves', async () => {
    const r = await runCli(['runbook']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^memory +High memory usage$/m);
    expect(r.stdout).toMatch(/serves HighMemoryUsage, MemoryCritical/);
    expect(r.stdout.match(/^\S/gm)).toHaveLength(13);
  });

  it('memory, mem and high-memory print the high-memory runbook (plain Markdown when piped)', async () => {
    for (const name of ['memory', 'mem', 'high-memory', 'MemoryCritical']) {
      const r = await runCli(['runbook', name]);
      expect(r, name).toMatchObject({ code: 0, stdout: memoryMd, stderr: '' });
    }
  });

  it('--json gives the parsed structure', async () => {
    const r = await runCli(['runbook', 'memory', '--json']);
    const doc = JSON.parse(r.stdout) as { id: string; diagnosis: Array<{ command?: string }>; alerts: string[] };
    expect(doc.id).toBe('memory');
    expect(doc.alerts).toEqual(['HighMemoryUsage', 'MemoryCritical']);
    expect(doc.diagnosis[2]!.command).toBe('ps aux --sort=-%mem | head');
  });

  it('an unknown or ambiguous name exits 1 with the closest names on stderr', async () => {
    const unknown = await runCli(['runbook', 'memroy']);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'gptmon runbook: no runbook called "memroy": did you mean memory?\n' });
    const ambiguous = await runCli(['runbook', 'd']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/^gptmon runbook: "d" could be more than one runbook: did you mean .*daily-loss.*drawdown/);
  });

  it("a team's runbooks_dir adds runbooks; a malformed one is named and skipped", async () => {
    const dir = tmp.dir();
    tmp.file('queue.md', runbookText('queue', { alerts: ['QueueBacklog'] }));
    tmp.file('broken.md', 'no front matter here\n');
    const config = tmp.file('gptmon.yaml', `runbooks_dir: ${dir}\n`);
    const r = await runCli(['runbook', '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^queue +Test queue \(team\)$/m);
    expect(r.stderr).toBe(`gptmon runbook: skipped ${dir}/broken.md:1: no front matter: a runbook starts with --- then id, title, aliases, alerts, severity, then ---\n`);
    expectNoStack(r.stderr);
  });
});
