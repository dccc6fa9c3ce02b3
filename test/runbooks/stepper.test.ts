import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbooks/parse.js';
import { confirmationFor, confirms } from '../../src/runbooks/danger.js';
import { RunbookService } from '../../src/runbooks/service.js';
import type { Runbook } from '../../src/runbooks/types.js';
import { runbookText } from '../helpers/runbook-files.js';
import { useTempDir } from '../helpers/temp.js';
import { waitFor } from '../helpers/wait.js';

/** Running (a killed process nobody has reaped yet is a zombie, not running). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const tmp = useTempDir();
const NOW = Date.parse('2026-11-25T03:10:00Z');

function setup(steps: string[], opts: { timeoutMs?: number; operator?: string } = {}) {
  const parsed = parseRunbook(runbookText('t', { steps }), 't.md', 'team');
  if (!parsed.ok) throw new Error(parsed.issue.message);
  const rb: Runbook = parsed.runbook;
  const service = new RunbookService({ runbooks: [rb], issues: [], progressFile: join(tmp.dir(), 'progress.json'), operator: opts.operator ?? 'ana', stepTimeoutMs: opts.timeoutMs ?? 5000, clock: () => NOW });
  return { rb, service };
}

describe('which commands need a word typed', () => {
  it.each([
    ['sudo systemctl restart gpt-trader', true, 'systemctl'],
    ['redis-cli FLUSHDB', true, 'redis-cli'],
    ['kill -9 1234', true, 'kill'],
    ['rm -rf /opt/gpt-trader/cache', true, 'rm'],
    ['gptmon halt --confirm --reason x', true, 'halt'],
    ['gptmon fallback-model --confirm --reason "accuracy below 52%"', true, 'fallback-model'],
    ['gptmon --trader http://x:8080 flatten --confirm --reason y', true, 'flatten'],
    ['/usr/local/bin/gptmon reduce --scale 0.5 --confirm --reason z', true, 'reduce'],
    ['sudo -u postgres psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"', true, 'psql'],
    ['env -i LANG=C sudo journalctl --vacuum-time=7d', true, 'journalctl'],
    ['find /var/log/gpt-trader -name "*.tmp" -delete', true, 'find'],
    ['ps aux --sort=-%mem | head', false, 'ps'],
    ['gptmon status', false, 'status'],
    ['gptmon ack X --comment "will restart and flatten later"', false, 'ack'],
    ['df -h /', false, 'df'],
    ['journalctl -u gpt-trader --since "15 min ago" 2>&1 | grep -i stop-loss', false, 'journalctl'],
  ])('%s', (cmd, destructive, word) => {
    const c = confirmationFor(cmd);
    expect(c.destructive).toBe(destructive);
    if (destructive) expect(c.word).toBe(word);
  });

  it('a multi-line command is judged by its most dangerous line, not its first', () => {
    const cmd = 'echo checking state\nrm -rf /opt/gpt-trader/cache\nsudo systemctl restart gpt-trader';
    expect(confirmationFor(cmd)).toEqual({ destructive: true, danger: 2, word: 'rm', line: 2, lines: 3 });
    expect(confirms(cmd, 'echo')).toBe(false);
    expect(confirms(cmd, 'systemctl')).toBe(false);
    expect(confirms(cmd, 'rm')).toBe(true);
  });

  it('the same goes for the parts of one line, and the first on a tie', () => {
    expect(confirmationFor('echo ok && rm -rf /tmp/x').word).toBe('rm');
    expect(confirmationFor('ls /tmp; systemctl stop a; pkill b').word).toBe('systemctl');
    expect(confirmationFor('sudo systemctl restart a\ngptmon halt --confirm --reason r').word).toBe('halt');
  });

  it('quotes, comments and continued lines are read as the shell reads them', () => {
    // A separator inside quotes does not start a command; a comment is not one.
    expect(confirmationFor('psql -c "SELECT 1; DROP TABLE trades"')).toMatchObject({ destructive: true, word: 'psql' });
    expect(confirmationFor('# rm -rf / would be wrong\ndf -h /').destructive).toBe(false);
    expect(confirmationFor('FORCE=1 \\\n  rm -rf /x')).toMatchObject({ word: 'rm', line: 1 });
    expect(confirmationFor('echo $(rm -rf /x)')).toMatchObject({ destructive: true, word: 'echo' });
  });

  it('y confirms a harmless one; a destructive one needs its word', () => {
    expect(confirms('df -h /', 'y')).toBe(true);
    expect(confirms('df -h /', 'n')).toBe(false);
    expect(confirms('sudo systemctl restart gpt-trader', 'y')).toBe(false);
    expect(confirms('sudo systemctl restart gpt-trader', 'sudo')).toBe(false);
    expect(confirms('sudo systemctl restart gpt-trader', 'systemctl')).toBe(true);
    expect(confirms('gptmon fallback-model --confirm --reason r', 'gptmon')).toBe(false);
    expect(confirms('gptmon fallback-model --confirm --reason r', 'fallback-model')).toBe(true);
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
    const { rb, service } = setup([`Restart it: \`MODE=restart touch ${marker}\``]);
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

  it('stop() ends a running step and its whole process group at once, and nothing runs after it', async () => {
    const pidFile = join(tmp.dir(), 'pids');
    const { rb, service } = setup([`Wait: \`sleep 30 & echo $! > ${pidFile}; sleep 30 | cat\``], { timeoutMs: 60_000 });
    const running = service.run('K', rb, rb.diagnosis[0]!, 'y');
    await waitFor('the step to start', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim());
    const background = Number(readFileSync(pidFile, 'utf8'));
    expect(service.runningCount).toBe(1);
    await service.stop();
    // Resolved by stop(), not by sleep 30 ending: the run is over and its group is gone.
    expect(service.runningCount).toBe(0);
    const res = await running;
    expect(res).toMatchObject({ ran: true, result: { timedOut: false, exitCode: null } });
    expect(alive(background)).toBe(false);
    expect(await service.run('K', rb, rb.diagnosis[0]!, 'y')).toEqual({ ran: false, reason: 'the console is closing: nothing was run' });
  });

  it('a step without a command has nothing to run', async () => {
    const { rb, service } = setup(['Think']);
    expect(await service.run('K', rb, rb.diagnosis[0]!, 'y')).toEqual({ ran: false, reason: 'this step has no command' });
  });
});
