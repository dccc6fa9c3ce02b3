// Real Prometheus and Alertmanager (Debian's packages) for integration tests:
// installed if missing, started on free loopback ports with temp dirs and 1 s
// intervals, stopped by PID.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait.js';

const BINARIES = { prometheus: '/usr/bin/prometheus', alertmanager: '/usr/bin/prometheus-alertmanager' };

export function ensureInstalled(): void {
  if (existsSync(BINARIES.prometheus) && existsSync(BINARIES.alertmanager)) return;
  if (process.getuid?.() !== 0) throw new Error('prometheus and prometheus-alertmanager are not installed (apt-get install prometheus prometheus-alertmanager)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'prometheus', 'prometheus-alertmanager'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
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

async function ready(d: Daemon): Promise<void> {
  await waitFor(`${d.url}/-/ready (log: ${d.log})`, async () => (await fetch(`${d.url}/-/ready`)).ok, 20_000);
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

export async function startPrometheus(dir: string, opts: { target: string; rules: string; alertmanager?: string }): Promise<Daemon> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'rules.yml'), opts.rules);
  const am = opts.alertmanager ? `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['${new URL(opts.alertmanager).host}']\n` : '';
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\nrule_files:\n  - rules.yml\n${am}scrape_configs:\n  - job_name: gpt-trader\n    static_configs:\n      - targets: ['${opts.target}']\n`,
  );
  const d = start(BINARIES.prometheus, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'prom-data')}`, `--web.listen-address=127.0.0.1:${port}`, `--web.external-url=${url}/`], dir, 'prometheus', url);
  await ready(d);
  // Ready is not scraped: the first scrape comes some seconds after start.
  await waitFor(`the first scrape of ${opts.target} (log: ${d.log})`, async () => {
    const body = (await (await fetch(`${url}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ health: string }> } };
    return body.data.activeTargets.some((t) => t.health === 'up');
  }, 30_000);
  return d;
}

export function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
