// Real Prometheus, Alertmanager and VictoriaMetrics (Debian's packages) for
// integration tests: installed if missing, started on free loopback ports
// with temp dirs and 1 s intervals, stopped by PID.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait.js';

const BINARIES = { prometheus: '/usr/bin/prometheus', alertmanager: '/usr/bin/prometheus-alertmanager', victoriaMetrics: '/usr/bin/victoria-metrics', vmalert: '/usr/bin/vmalert' };
const PACKAGES: Record<keyof typeof BINARIES, string> = { prometheus: 'prometheus', alertmanager: 'prometheus-alertmanager', victoriaMetrics: 'victoria-metrics', vmalert: 'victoria-metrics' };

/** The Debian packages the tests drive (all by default), installed when missing and running as root. */
export function ensureInstalled(which: Array<keyof typeof BINARIES> = ['prometheus', 'alertmanager']): void {
  const missing = [...new Set(which.filter((b) => !existsSync(BINARIES[b])).map((b) => PACKAGES[b]))];
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`${missing.join(' and ')} not installed (apt-get install ${missing.join(' ')})`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Daemon {
  url: string;
  pid: number;
  log: string;
  stop(): Promise<void>;
}

function start(bin: string, args: string[], dir: string, name: string, url: string): Daemon {
  const log = join(dir, `${name}.log`);
  const out = openSync(log, 'a');
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', out, out], cwd: dir });
  const pid = child.pid!;
  return {
    url,
    pid,
    log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(pid, 'SIGTERM');
      const killer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function ready(d: Daemon, path = '/-/ready'): Promise<void> {
  await waitFor(`${d.url}${path} (log: ${d.log})`, async () => (await fetch(`${d.url}${path}`)).ok, 20_000);
}

/** A scrape config for the trader(s) as job gpt-trader, every second. */
function scrapeConfig(targets: string[]): string {
  return `scrape_configs:\n  - job_name: gpt-trader\n    scrape_interval: 1s\n    scrape_timeout: 1s\n    static_configs:\n      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]\n`;
}

/** Until the back end has scraped every target (its /api/v1/targets; VictoriaMetrics answers it too). */
async function scraped(url: string, targets: string[], log: string): Promise<void> {
  await waitFor(`the first scrape of ${targets.join(', ')} (log: ${log})`, async () => {
    const body = (await (await fetch(`${url}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ health: string; scrapeUrl: string }> } };
    return targets.every((t) => body.data.activeTargets.some((a) => a.health === 'up' && a.scrapeUrl.includes(t)));
  }, 30_000);
}

const AM_ROUTE = "route:\n  receiver: default\n  group_by: ['alertname', 'severity']\n  group_wait: 1s\n  group_interval: 1s\nreceivers:\n  - name: default\n";

export interface AlertmanagerOptions {
  /** Tells apart several in one dir: their config, data and log. */
  name?: string;
  /** The web port (a restarted peer keeps its own); a free one otherwise. */
  port?: number;
  /** YAML added to the config: inhibit_rules. */
  extraConfig?: string;
  /** A peer of an HA cluster on loopback: its gossip port and the other peers'. */
  cluster?: { port: number; peers: number[] };
}

export async function startAlertmanager(dir: string, opts: AlertmanagerOptions = {}): Promise<Daemon> {
  const name = opts.name ?? 'alertmanager';
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, `${name}.yml`);
  writeFileSync(config, AM_ROUTE + (opts.extraConfig ?? ''));
  const cluster = opts.cluster
    ? [`--cluster.listen-address=127.0.0.1:${opts.cluster.port}`, `--cluster.advertise-address=127.0.0.1:${opts.cluster.port}`, ...opts.cluster.peers.map((p) => `--cluster.peer=127.0.0.1:${p}`), '--cluster.settle-timeout=2s', '--cluster.pushpull-interval=2s', '--cluster.gossip-interval=100ms']
    : ['--cluster.listen-address='];
  const d = start(BINARIES.alertmanager, [`--config.file=${config}`, `--storage.path=${join(dir, `${name}-data`)}`, `--web.listen-address=127.0.0.1:${port}`, `--web.external-url=${url}/`, ...cluster], dir, name, url);
  await ready(d);
  return d;
}

/** `rules` absent: a Prometheus with no rule_files, as many are. `targets`: several traders in the one job. */
export async function startPrometheus(dir: string, opts: { target: string | string[]; rules?: string; alertmanager?: string }): Promise<Daemon> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const targets = typeof opts.target === 'string' ? [opts.target] : opts.target;
  if (opts.rules !== undefined) writeFileSync(join(dir, 'rules.yml'), opts.rules);
  const rules = opts.rules !== undefined ? 'rule_files:\n  - rules.yml\n' : '';
  const am = opts.alertmanager ? `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['${new URL(opts.alertmanager).host}']\n` : '';
  writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n${rules}${am}${scrapeConfig(targets)}`);
  const d = start(BINARIES.prometheus, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'prom-data')}`, `--web.listen-address=127.0.0.1:${port}`, `--web.external-url=${url}/`], dir, 'prometheus', url);
  await ready(d);
  // Ready is not scraped: the first scrape comes some seconds after start.
  await scraped(url, targets, d.log);
  return d;
}

/**
 * VictoriaMetrics single-node scraping the trader itself. `latencyOffset`:
 * how far behind now its queries answer (its default is 30s). `vmalert`: the
 * vmalert its alerting API (/api/v1/rules, /api/v1/alerts) is proxied to.
 */
export async function startVictoriaMetrics(dir: string, opts: { target: string; latencyOffset?: string; vmalert?: string; port?: number }): Promise<Daemon> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, 'vm-scrape.yml');
  writeFileSync(config, scrapeConfig([opts.target]));
  const args = [`-storageDataPath=${join(dir, 'vm-data')}`, `-httpListenAddr=127.0.0.1:${port}`, `-promscrape.config=${config}`, `-search.latencyOffset=${opts.latencyOffset ?? '1s'}`];
  if (opts.vmalert) args.push(`-vmalert.proxyURL=${opts.vmalert}`);
  const d = start(BINARIES.victoriaMetrics, args, dir, 'victoria-metrics', url);
  await ready(d);
  await scraped(url, [opts.target], d.log);
  return d;
}

/** vmalert evaluating `rules` over VictoriaMetrics every second (its notifier a port nothing listens on). */
export async function startVmalert(dir: string, opts: { datasource: string; rules: string; port?: number }): Promise<Daemon> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const file = join(dir, 'vmalert-rules.yml');
  writeFileSync(file, opts.rules);
  const args = [`-datasource.url=${opts.datasource}`, `-rule=${file}`, '-notifier.url=http://127.0.0.1:9', '-evaluationInterval=1s', `-httpListenAddr=127.0.0.1:${port}`];
  const d = start(BINARIES.vmalert, args, dir, 'vmalert', url);
  await ready(d, '/health');
  return d;
}

export function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
