// The config keys that say how to reach a Prometheus holding more than one
// trader, behind a proxy: selector, prometheus_auth / alertmanager_auth,
// ca_file, other_alerts.

import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../src/config/access.js';
import { formatIssue } from '../../src/config/issue.js';
import { checkConfigFile, loadConfig } from '../../src/config/load.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();

function load(yaml: string, flags: Record<string, string> = {}) {
  const file = tmp.file('gptmon.yaml', yaml);
  return loadConfig({ config: file, ...flags }, { XDG_CONFIG_HOME: '/nonexistent-gptmon', HOME: tmp.dir() });
}

const check = (yaml: string) => {
  const file = tmp.file('check.yaml', yaml);
  return checkConfigFile(file).map((i) => `${formatIssue(i).slice(file.length)}${i.level === 'warning' ? ' (warning)' : ''}`);
};

describe('selector', () => {
  it('by default selects the trader URL\'s host:port as instance, the port spelled out', () => {
    expect(load('prometheus: http://prom:9090\n', { trader: 'http://10.0.0.5:8080' }).config.selector).toEqual({ instance: '10.0.0.5:8080' });
    expect(load('prometheus: http://prom:9090\n', { trader: 'https://trader.internal' }).config.selector).toEqual({ instance: 'trader.internal:443' });
    expect(load('prometheus: http://prom:9090\n', { trader: 'http://trader.internal/' }).config.selector).toEqual({ instance: 'trader.internal:80' });
  });

  it('reads PromQL matchers quoted, unquoted (YAML makes a map of them) or as a YAML map', () => {
    expect(load(`selector: '{job="gpt-trader", site="primary"}'\n`).config.selector).toEqual({ job: 'gpt-trader', site: 'primary' });
    expect(load(`selector: {job="gpt-trader", site="primary"}\n`)).toMatchObject({ issues: [], config: { selector: { job: 'gpt-trader', site: 'primary' } } });
    expect(load('selector:\n  job: gpt-trader\n  site: primary\n').config.selector).toEqual({ job: 'gpt-trader', site: 'primary' });
    expect(load(`selector: 'job="a,b"'\n`).config.selector).toEqual({ job: 'a,b' });
  });

  it('refuses what it cannot take as it stands, located', () => {
    expect(check(`selector: '{job=~"gpt.*"}'\n`)).toEqual([':1:11: selector: selector job=~"…": only name="value" matchers are supported']);
    expect(check(`selector: '{job=gpt}'\n`)).toEqual([':1:11: selector: selector cannot read "job=gpt": expected name="value", name="value"']);
    expect(check(`selector: '{}'\n`)).toEqual([':1:11: selector: selector selects nothing: give at least one name="value"']);
    expect(parseSelector('{job="x"')).toBe('unbalanced braces');
  });
});

describe('prometheus_auth, alertmanager_auth, ca_file', () => {
  it('keeps file names, never secrets, and shows them as such', () => {
    const { config, issues } = load('prometheus_auth:\n  username: ops\n  password_file: /etc/gptmon/prom-pass\nalertmanager_auth:\n  bearer_token_file: ~/am-token\nca_file: ~/ca.pem\n');
    expect(issues).toEqual([]);
    expect(config.prometheus_auth).toEqual({ username: 'ops', password_file: '/etc/gptmon/prom-pass' });
    expect(config.alertmanager_auth).toEqual({ bearer_token_file: `${homedir()}/am-token` });
    expect(config.ca_file).toBe(`${homedir()}/ca.pem`);
  });

  it('a password written in the config is refused: it would be printed', () => {
    expect(check('prometheus_auth:\n  username: ops\n  password: hunter2\n')).toEqual([':3:3: prometheus_auth.password: a secret is not written in the config (config show prints it): put it in a file and name it with password_file']);
  });

  it('says what is missing or contradictory', () => {
    expect(check('prometheus_auth:\n  password_file: /x\n')).toEqual([':2:3: prometheus_auth: password_file needs a username']);
    expect(check('prometheus_auth:\n  username: a\n  bearer_token_file: /x\n')).toEqual([':2:3: prometheus_auth: either username and password_file, or bearer_token_file, not both']);
    expect(check('alertmanager_auth:\n  usernme: a\n  bearer_token_file: /t\n')).toEqual([':2:3: alertmanager_auth.usernme: unknown key "usernme" (did you mean username?) (warning)']);
  });

  it('other_alerts: show by default, or count', () => {
    expect(load('trader: http://t:1\n').config.other_alerts).toBe('show');
    expect(load('other_alerts: count\n').config.other_alerts).toBe('count');
    expect(check('other_alerts: always\n')).toEqual([':1:15: other_alerts: expected "show" (listed apart, not in the exit code) or "count" (they count as this trader\'s), got "always"']);
  });
});
