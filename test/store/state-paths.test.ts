import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlTarget } from '../../src/actions/target.js';
import { loadConfig } from '../../src/config/load.js';
import { ackFile, alertStateFile, auditLogFile, progressFile, stateDir, stepTokenDir } from '../../src/store/state-paths.js';

describe('where the state lives', () => {
  const env = { XDG_STATE_HOME: '/srv/state', HOME: '/home/ana' };

  it('under $XDG_STATE_HOME/gptmon, else ~/.local/state/gptmon', () => {
    expect(stateDir(env)).toBe('/srv/state/gptmon');
    expect(stateDir({ HOME: '/home/ana' })).toMatch(/\/\.local\/state\/gptmon$/);
    expect([ackFile(env), alertStateFile(env), progressFile({}, env), auditLogFile({}, env), stepTokenDir(env)]).toEqual([
      '/srv/state/gptmon/acks.json',
      '/srv/state/gptmon/alert-state.json',
      '/srv/state/gptmon/runbook-progress.json',
      '/srv/state/gptmon/audit.log',
      '/srv/state/gptmon/run',
    ]);
  });

  it('the config can point progress and the audit log at a shared place, and the controls use it', () => {
    expect(progressFile({ progress_dir: '/team/gptmon' }, env)).toBe(join('/team/gptmon', 'runbook-progress.json'));
    expect(auditLogFile({ audit_log: '/team/audit.log' }, env)).toBe('/team/audit.log');
    const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    expect(controlTarget(config, env).auditLog).toBe('/srv/state/gptmon/audit.log');
    expect(controlTarget({ ...config, audit_log: '/team/audit.log' }, env).auditLog).toBe('/team/audit.log');
  });
});
