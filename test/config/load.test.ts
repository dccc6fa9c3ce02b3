import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/issue.js';
import { checkConfigFile, loadConfig } from '../../src/config/load.js';
import { playbookYamlBlocks } from '../helpers/playbook.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
/** An environment with no user config file and no targets. */
const cleanEnv = () => ({ XDG_CONFIG_HOME: tmp.dir(), HOME: tmp.dir() });

describe('built-in defaults are the playbook', () => {
  const { config, issues } = loadConfig({}, { XDG_CONFIG_HOME: '/nonexistent-gptmon', HOME: '/nonexistent-gptmon' });

  it('load with no file and no problems', () => {
    expect(issues).toEqual([]);
    expect(config.trader).toBe('http://127.0.0.1:8080');
    expect(config.prometheus).toBeUndefined();
    expect(config.alertmanager).toBeUndefined();
  });

  it.each([
    ['model_accuracy', 0.55, 0.52, 'below', 300_000],
    ['sharpe_ratio', 0.8, 0.5, 'below', 900_000],
    ['portfolio_drawdown', 0.1, 0.15, 'above', 60_000],
    ['daily_return', -0.03, -0.05, 'below', 300_000],
    ['win_rate', 0.48, 0.45, 'below', 1_800_000],
    ['api_latency', 0.5, 1, 'above', 30_000],
    ['prediction_latency', 0.1, 0.5, 'above', 60_000],
    ['database_connections', 80, 95, 'above', 30_000],
    ['memory_usage', 0.8, 0.9, 'above', 30_000],
    ['cpu_usage', 0.7, 0.85, 'above', 30_000],
  ] as const)('%s: warning %d, critical %d, %s is worse, every %d ms', (name, warning, critical, direction, interval) => {
    const m = config.metrics[name]!;
    expect(m.warning).toBeCloseTo(warning, 10);
    expect(m.critical).toBeCloseTo(critical, 10);
    expect(m.direction).toBe(direction);
    expect(m.checkIntervalMs).toBe(interval);
  });

  it('reads latencies from the histograms at p99', () => {
    expect(config.metrics.api_latency).toMatchObject({ read: { as: 'quantile', series: 'api_latency_seconds', q: 0.99 }, kind: 'seconds' });
    expect(config.metrics.prediction_latency).toMatchObject({ read: { as: 'quantile', series: 'prediction_latency_seconds', q: 0.99 } });
    expect(config.metrics.api_latency_p50).toMatchObject({ read: { as: 'quantile', series: 'api_latency_seconds', q: 0.5 }, panel: 'Latency' });
  });

  it('has the five playbook alerts as written, with severities and runbooks', () => {
    const byName = Object.fromEntries(config.alerts.map((a) => [a.name, a]));
    expect(byName.SystemDown).toMatchObject({ condition: 'up{job="gpt-trader"} == 0', durationMs: 60_000, severity: 'critical' });
    expect(byName.ExcessiveDrawdown).toMatchObject({ condition: 'portfolio_drawdown > 0.15', durationMs: 0, severity: 'critical' });
    expect(byName.ModelFailure).toMatchObject({ condition: 'model_error_rate > 0.10', durationMs: 300_000, severity: 'critical' });
    expect(byName.ModelDegradation).toMatchObject({ condition: 'model_accuracy < 0.55 OR sharpe_ratio < 0.8', durationMs: 900_000, severity: 'high' });
    expect(byName.APIConnectivityIssues).toMatchObject({ condition: 'api_error_rate > 0.05', durationMs: 300_000, severity: 'high' });
    expect(byName.ExcessiveDrawdown!.actions).toEqual(['Stop all trading immediately', 'Close all positions', 'Page risk manager', 'Notify compliance']);
    for (const a of config.alerts) expect(a.runbook, a.name).toMatch(/^[a-z-]+$/);
  });

  it('has the severity levels and circuit breakers', () => {
    expect(Object.fromEntries(Object.entries(config.severity_levels).map(([k, v]) => [k, v.responseMs]))).toEqual({
      critical: 300_000,
      high: 1_800_000,
      medium: 7_200_000,
      low: 86_400_000,
    });
    expect(config.circuit_breakers).toEqual({ daily_loss_limit: 0.05, consecutive_losses: 5, drawdown_limit: 0.2 });
  });
});

describe("the playbook's own YAML blocks", () => {
  const blocks = playbookYamlBlocks();

  it('are all found', () => {
    expect(blocks.filter((b) => b.startsWith('metrics:'))).toHaveLength(2);
    expect(blocks.filter((b) => b.startsWith('alert:'))).toHaveLength(5);
  });

  it.each(blocks.filter((b) => b.startsWith('metrics:') || b.startsWith('alert:')).map((b) => [b.split('\n')[0] + ' / ' + b.split('\n')[1]!.trim(), b]))('%s parses verbatim as a config file', (_name, block) => {
    const file = tmp.file('gptmon.yaml', block);
    expect(checkConfigFile(file).map(formatIssue)).toEqual([]);
    const { config, issues } = loadConfig({ config: file }, cleanEnv());
    expect(issues).toEqual([]);
    expect(config.metrics.api_latency!.warning).toBe(0.5);
  });

  it('sets what it says', () => {
    const file = tmp.file('gptmon.yaml', 'metrics:\n  memory_usage:\n    threshold_warning: 85%\n  api_latency:\n    threshold_critical: 2000ms\n');
    const { config, issues } = loadConfig({ config: file }, cleanEnv());
    expect(issues).toEqual([]);
    expect(config.metrics.memory_usage).toMatchObject({ warning: 0.85, critical: 0.9 });
    expect(config.metrics.api_latency).toMatchObject({ warning: 0.5, critical: 2 });
  });
});

describe('bad input gives a located one-line error', () => {
  const check = (text: string | Buffer, name = 'gptmon.yaml') => {
    const file = tmp.file(name, text);
    const lines = checkConfigFile(file).map(formatIssue);
    for (const line of lines) {
      expect(line.startsWith(file)).toBe(true);
      expect(line).not.toContain('\n');
      expect(line).not.toMatch(/\bat .*\.(js|ts):\d+/);
    }
    return lines.map((l) => l.slice(file.length));
  };

  it('a wrong type', () => {
    expect(check('metrics:\n  cpu_usage:\n    threshold_warning: [1, 2]\n')).toEqual([':3:24: metrics.cpu_usage.threshold_warning: expected a number, a percentage or a duration, got a list']);
    expect(check('read_only: maybe\n')).toEqual([':1:12: read_only: expected true or false, got "maybe"']);
    expect(check('metrics: 5\n')).toEqual([':1:10: metrics: expected a map of metric names, got 5']);
  });

  it('an unknown unit', () => {
    expect(check('metrics:\n  api_latency:\n    threshold_warning: 500xs\n')).toEqual([':3:24: metrics.api_latency.threshold_warning: unknown unit "xs" in "500xs" (use %, ms, s or m, or a plain number)']);
    expect(check('metrics:\n  cpu_usage:\n    check_interval: 5y\n')).toEqual([':3:21: metrics.cpu_usage.check_interval: unknown unit "y" in "5y" (use ms, s, m, h or d)']);
  });

  it('a unit that does not fit the metric', () => {
    expect(check('metrics:\n  api_latency:\n    threshold_warning: 80%\n')[0]).toContain('is a percentage, but this metric is a time');
  });

  it('a missing threshold', () => {
    expect(check('metrics:\n  queue_depth:\n    description: jobs waiting\n    check_interval: 30s\n')).toEqual([
      ':3:5: metrics.queue_depth: missing threshold: give threshold_warning, threshold_critical or both',
    ]);
    expect(check('metrics:\n  cpu_usage:\n    threshold_warning:\n')).toEqual([':3:23: metrics.cpu_usage.threshold_warning: missing threshold value']);
  });

  it('thresholds in the wrong order for the direction', () => {
    expect(check('metrics:\n  model_accuracy:\n    threshold_warning: 0.5\n    threshold_critical: 0.6\n')[0]).toContain('threshold_critical (0.6) must be below threshold_warning (0.5)');
  });

  it('a custom metric infers its direction from its thresholds, or asks for one', () => {
    expect(check('metrics:\n  queue_depth:\n    threshold_warning: 100\n    threshold_critical: 500\n')).toEqual([]);
    expect(check('metrics:\n  queue_depth:\n    threshold_warning: 100\n')[0]).toContain('add direction: above or direction: below');
  });

  it('an unknown key, with a suggestion', () => {
    expect(check('metrics:\n  cpu_usage:\n    threshold_warnng: 70%\n')).toEqual([':3:5: metrics.cpu_usage.threshold_warnng: unknown key "threshold_warnng" (did you mean threshold_warning?)']);
    expect(check('promethues: http://x:9090\n')).toEqual([':1:1: promethues: unknown key "promethues" (did you mean prometheus?)']);
  });

  it('a bad alert', () => {
    expect(check('alerts:\n  - alert: Foo\n    condition: cpu_usage >> 1\n    severity: high\n')[0]).toMatch(/^:3:16: alerts\[0\]\.condition: expected a number after >/);
    expect(check('alerts:\n  - alert: Foo\n    condition: cpu_usag > 0.9\n    severity: high\n')[0]).toContain('unknown metric "cpu_usag" (did you mean cpu_usage?)');
    expect(check('alerts:\n  - alert: Foo\n    condition: cpu_usage > 0.9\n')[0]).toContain('needs a severity');
    expect(check('alerts:\n  - condition: cpu_usage > 0.9\n')[0]).toContain('missing "alert"');
    expect(check('alerts:\n  - alert: Foo\n    condition: cpu_usage > 0.9\n    severity: urgent\n')[0]).toContain('expected one of critical, high, medium, low');
  });

  it('a bad target URL', () => {
    expect(check('trader: localhost:8080\n')).toEqual([':1:9: trader: "localhost:8080" must be an http:// or https:// URL']);
    expect(check('trader: not a url\n')).toEqual([':1:9: trader: not a URL: "not a url" (expected e.g. http://127.0.0.1:8080)']);
  });

  it('tab-indented YAML', () => {
    const lines = check('metrics:\n\tcpu_usage:\n\t\tthreshold_warning: 70%\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^:2:1: .*[Tt]ab/);
  });

  it('broken YAML', () => {
    expect(check('metrics:\n  cpu_usage: {threshold_warning: 70%\n')[0]).toMatch(/^:\d+:\d+: /);
    expect(check('trader: a\ntrader: b\n')[0]).toMatch(/^:2:1: .*unique/);
  });

  it('an empty file, or one of comments only', () => {
    expect(check('')).toEqual([':1:1: file is empty: write at least one setting, or remove the file to use the defaults']);
    expect(check('\n   \n')).toHaveLength(1);
    expect(check('# nothing here\n')).toEqual([':1:1: file has no settings (only comments?)']);
  });

  it('a 5 MB file', () => {
    const lines = check('# ' + 'x'.repeat(5 * 1024 * 1024) + '\n');
    expect(lines).toEqual([':1:1: file is 5.0 MB; a config over 1 MB is refused (is this the right file?)']);
  });

  it('a file that is not there, a directory, a binary', () => {
    expect(checkConfigFile('/nonexistent/gptmon.yaml').map(formatIssue)).toEqual(['/nonexistent/gptmon.yaml: no such file']);
    expect(checkConfigFile(tmp.dir()).map(formatIssue)).toEqual([`${tmp.dir()}: is a directory, not a config file`]);
    expect(check(Buffer.from([0x00, 0x01, 0xff, 0x10]))).toEqual([':1:1: file is binary, not YAML']);
  });

  it('reports a refused field once, not again as a missing threshold or condition', () => {
    expect(check('metrics:\n  queue_depth:\n    threshold_warning: 7x\n')).toHaveLength(1);
    expect(check('alerts:\n  - alert: Foo\n    condition: cpu_usage >> 1\n    severity: high\n')).toHaveLength(1);
  });

  it('reports every problem, not only the first', () => {
    expect(check('metrics:\n  cpu_usage:\n    threshold_warning: 7x\n  memory_usage:\n    check_interval: soon\nread_only: 3\n')).toHaveLength(3);
  });
});

describe('where targets come from (contract §3: first match wins)', () => {
  const setup = () => {
    const home = tmp.dir();
    mkdirSync(join(home, 'gptmon'), { recursive: true });
    writeFileSync(join(home, 'gptmon', 'gptmon.yaml'), 'trader: http://user-file:1\nprometheus: http://user-file:2\nalertmanager: http://user-file:3\n');
    const named = tmp.file('named.yaml', 'trader: http://named-file:1\nprometheus: http://named-file:2\n');
    return { home, named };
  };

  it('flag, then environment, then the named file, then the user file', () => {
    const { home, named } = setup();
    const env = { XDG_CONFIG_HOME: home, GPTMON_CONFIG: named, GPTMON_TRADER_URL: 'http://env:1', GPTMON_PROMETHEUS_URL: 'http://env:2' };
    const { config, issues } = loadConfig({ trader: 'http://flag:1' }, env);
    expect(issues).toEqual([]);
    expect(config.trader).toBe('http://flag:1');
    expect(config.origins.trader).toBe('flag');
    expect(config.prometheus).toBe('http://env:2');
    expect(config.origins.prometheus).toBe('env');
    expect(config.alertmanager).toEqual(['http://user-file:3']);

    const fromFiles = loadConfig({}, { XDG_CONFIG_HOME: home, GPTMON_CONFIG: named }).config;
    expect(fromFiles.trader).toBe('http://named-file:1');
    expect(fromFiles.origins.trader).toBe(`file ${named}`);
    expect(fromFiles.alertmanager).toEqual(['http://user-file:3']);
  });

  it('--config beats GPTMON_CONFIG', () => {
    const { home, named } = setup();
    const other = tmp.file('other.yaml', 'trader: http://other:1\n');
    expect(loadConfig({ config: other }, { XDG_CONFIG_HOME: home, GPTMON_CONFIG: named }).config.trader).toBe('http://other:1');
  });

  it('a bad URL in a flag or the environment is named as such', () => {
    const { issues } = loadConfig({ prometheus: 'nope' }, { XDG_CONFIG_HOME: tmp.dir(), GPTMON_TRADER_URL: 'ftp://x' });
    expect(issues.map(formatIssue)).toEqual([
      'GPTMON_TRADER_URL: "ftp://x" must be an http:// or https:// URL',
      '--prometheus: not a URL: "nope" (expected e.g. http://127.0.0.1:8080)',
    ]);
  });

  it('an Alertmanager cluster: a YAML list, or comma-separated in a flag, the environment or the file', () => {
    const file = tmp.file('ha.yaml', 'alertmanager:\n  - http://am-1:9093\n  - http://am-2:9093/\n');
    const fromFile = loadConfig({ config: file }, { XDG_CONFIG_HOME: tmp.dir() });
    expect(fromFile.issues).toEqual([]);
    expect(fromFile.config.alertmanager).toEqual(['http://am-1:9093', 'http://am-2:9093']);
    const commas = tmp.file('commas.yaml', 'alertmanager: http://am-1:9093, http://am-2:9093\n');
    expect(loadConfig({ config: commas }, { XDG_CONFIG_HOME: tmp.dir() }).config.alertmanager).toEqual(['http://am-1:9093', 'http://am-2:9093']);
    const env = loadConfig({}, { XDG_CONFIG_HOME: tmp.dir(), GPTMON_ALERTMANAGER_URL: 'http://a:1,http://b:2' }).config;
    expect(env.alertmanager).toEqual(['http://a:1', 'http://b:2']);
    expect(env.origins.alertmanager).toBe('env');
    expect(loadConfig({ alertmanager: 'http://f:1, http://f:2' }, { XDG_CONFIG_HOME: tmp.dir() }).config.alertmanager).toEqual(['http://f:1', 'http://f:2']);
  });

  it('a bad URL among an Alertmanager cluster\'s is named where it was written, and no cluster missing a peer is used', () => {
    const file = tmp.file('ha.yaml', 'alertmanager:\n  - http://am-1:9093\n  - am-2:9093\n');
    const { config, issues } = loadConfig({ config: file }, { XDG_CONFIG_HOME: tmp.dir() });
    expect(issues.map(formatIssue)).toEqual([`${file}:3:5: alertmanager[1]: "am-2:9093" must be an http:// or https:// URL`]);
    expect(config.alertmanager).toBeUndefined();
    const flag = loadConfig({ alertmanager: 'http://a:1,nope' }, { XDG_CONFIG_HOME: tmp.dir() });
    expect(flag.issues.map(formatIssue)).toEqual(['--alertmanager: not a URL: "nope" (expected e.g. http://127.0.0.1:8080)']);
    const empty = tmp.file('empty-list.yaml', 'alertmanager: []\n');
    expect(checkConfigFile(empty).map(formatIssue)).toEqual([`${empty}:1:15: alertmanager: expected at least one Alertmanager URL`]);
  });

  it('trailing slashes are dropped', () => {
    expect(loadConfig({ trader: 'http://h:1/' }, { XDG_CONFIG_HOME: tmp.dir() }).config.trader).toBe('http://h:1');
  });
});
