import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbooks/parse.js';
import { confirmationFor, confirms } from '../../src/runbooks/runner.js';
import { RunbookService } from '../../src/runbooks/service.js';
import type { Runbook } from '../../src/runbooks/types.js';
import { runbookText } from '../helpers/runbook-files.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const NOW = Date.parse('2026-11-25T03:10:00Z');

function setup(steps: string[], opts: { timeoutMs?: number; operator?: string } = {}) {
  const parsed = parseRunbook(runbookText('t', { steps }), 't.md', 'team');
  if (!parsed.ok) throw new Error(parsed.issue.message);
  const rb: Runbook = parsed.runbook;
  const service = new RunbookService({ runbooks: [rb], issues: [], progressFile: join(tmp.dir(), 'progress.json'), operator: opts.operator ?? 'ana', stepTimeoutMs: opts.timeoutMs ?? 5000, clock: () => NOW });
  return { rb, service };
}

describe('which commands need their program typed', () => {
  it.each([
    ['sudo systemctl restart gpt-trader', true, 'systemctl'],
    ['redis-cli FLUSHDB', true, 'redis-cli'],
    ['kill -9 1234', true, 'kill'],
    ['rm -rf /opt/gpt-trader/cache', true, 'rm'],
    ['gptmon halt --confirm --reason x', true, 'gptmon'],
    ['ps aux --sort=-%mem | head', false, 'ps'],
    ['gptmon status', false, 'gptmon'],
    ['df -h /', false, 'df'],
  ])('%s', (cmd, destructive, word) => {
    expect(confirmationFor(cmd)).toEqual({ destructive, word });
  });

  it('y confirms a harmless one; a destructive one needs its program name', () => {
    expect(confirms('df -h /', 'y')).toBe(true);
    expect(confirms('df -h /', 'n')).toBe(false);
    expect(confirms('sudo systemctl restart gpt-trader', 'y')).toBe(false);
    expect(confirms('sudo systemctl restart gpt-trader', 'sudo')).toBe(false);
    expect(confirms('sudo systemctl restart gpt-trader', 'systemctl')).toBe(true);
  });
});

describe('the stepper', () => {
  it('marks steps done or skipped, with who and when, for the next engineer to see', () => {
    const { rb, service } = setup(['One: `echo one`', 'Two']);
    service.mark('ExcessiveDrawdown', rb, rb.diagnosis[0]!, 'done');
    service.mark('ExcessiveDrawdown', rb, rb.diagnosis[1]!, 'skipped');
    const other = new RunbookService({ runbooks: [rb], issues: [], progressFile: join(tmp.dir(), 'progress.json'), operator: 'ben', stepTimeoutMs: 1000 });
    expect(other.progress('ExcessiveDrawdown').progress).toEqual({
      runbook: 't',
      steps: { 'diagnosis:1': { status: 'done', at: NOW, operator: 'ana' }, 'diagnosis:2': { status: 'skipped', at: NOW, operator: 'ana' } },
    });
    expect(other.progress('SomethingElse')).toEqual({});
  });

  it('runs a harmless command once confirmed, and keeps its output and exit status', async () => {
    const { rb, service } = setup(['Say hello: `echo hello from the runbook; echo err >&2; exit 3`']);
    const res = await service.run('K', rb, rb.diagnosis[0]!, 'y');
    expect(res).toMatchObject({ ran: true, result: { exitCode: 3, timedOut: false } });
    if (res.ran) expect(res.result.output).toBe('hello from the runbook\nerr\n');
    expect(service.progress('K').progress!.steps['diagnosis:1']!.run).toMatchObject({ exitCode: 3, operator: 'ana', command: 'echo hello from the runbook; echo err >&2; exit 3' });
  });

  it('refuses a destructive command without its typed word, and runs nothing', async () => {
    const marker = join(tmp.dir(), 'ran');
    const { rb, service } = setup([`Restart it: \`touch ${marker}; echo restart\``]);
    expect(await service.run('K', rb, rb.diagnosis[0]!, 'y')).toEqual({ ran: false, reason: 'not confirmed: nothing was run' });
    expect(existsSync(marker)).toBe(false);
    expect(service.progress('K')).toEqual({});
    expect(await service.run('K', rb, rb.diagnosis[0]!, 'touch')).toMatchObject({ ran: true });
    expect(existsSync(marker)).toBe(true);
  });

  it('stops a command that hangs at the time limit, with its children', async () => {
    const { rb, service } = setup(['Wait: `echo started; sleep 30 | cat`'], { timeoutMs: 300 });
    const res = await service.run('K', rb, rb.diagnosis[0]!, 'y');
    expect(res).toMatchObject({ ran: true, result: { timedOut: true, output: 'started\n' } });
    if (res.ran) expect(res.result.ms).toBeLessThan(5000);
    expect(service.progress('K').progress!.steps['diagnosis:1']!.run!.timedOut).toBe(true);
  });

  it('a step without a command has nothing to run', async () => {
    const { rb, service } = setup(['Think']);
    expect(await service.run('K', rb, rb.diagnosis[0]!, 'y')).toEqual({ ran: false, reason: 'this step has no command' });
  });
});
