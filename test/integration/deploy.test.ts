import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { exportRules } from '../../src/config/rules-export.js';
import { ensureInstalled } from '../helpers/stack.js';

const deploy = (f: string) => fileURLToPath(new URL(`../../deploy/${f}`, import.meta.url));

beforeAll(() => ensureInstalled());

describe('the real stack under deploy/', () => {
  it('rules.yml is what `gptmon rules export` writes from the built-in playbook', () => {
    const { config } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    expect(readFileSync(deploy('rules.yml'), 'utf8')).toBe(exportRules(config));
  });

  it('promtool checks the rules and passes their unit tests', () => {
    expect(execFileSync('promtool', ['check', 'rules', deploy('rules.yml')], { encoding: 'utf8' })).toContain('SUCCESS: 25 rules found');
    expect(execFileSync('promtool', ['test', 'rules', deploy('rules.test.yml')], { encoding: 'utf8' })).toContain('SUCCESS');
  });

  it('promtool checks the Prometheus config, amtool the Alertmanager routing', () => {
    expect(execFileSync('promtool', ['check', 'config', deploy('prometheus.yml')], { encoding: 'utf8' })).toContain('SUCCESS');
    const am = execFileSync('amtool', ['check-config', deploy('alertmanager.yml')], { encoding: 'utf8' });
    expect(am).toContain('SUCCESS');
    expect(am).toContain('5 receivers');
  });

  it('routes each severity as the playbook says', () => {
    const route = (labels: string) => execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${deploy('alertmanager.yml')}`, ...labels.split(' ')], { encoding: 'utf8' }).trim();
    expect(route('severity=critical alertname=SystemDown')).toBe('pagerduty');
    expect(route('severity=high')).toBe('slack-urgent');
    expect(route('severity=medium')).toBe('slack-dev');
    expect(route('severity=low')).toBe('email');
    expect(route('severity=other')).toBe('default');
  });
});
