// A scrape shaped like a real exporter's (node_exporter's end-to-end fixture
// is the model: HELP and TYPE for every family, counters and gauges with many
// labels, histograms, summaries, escaped label values, NaN, +Inf, untyped
// lines, comments), written here as our own fixture, with the number of
// samples it holds counted as it is written. The parser must read every one.

import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/sources/exposition.js';

function exporterScrape(): { text: string; samples: number } {
  const out: string[] = [];
  let samples = 0;
  const sample = (line: string) => {
    out.push(line);
    samples++;
  };
  const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  family('node_cpu_seconds_total', 'counter', 'Seconds the CPUs spent in each mode.');
  for (let cpu = 0; cpu < 8; cpu++) for (const mode of ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user']) sample(`node_cpu_seconds_total{cpu="${cpu}",mode="${mode}"} ${(cpu + 1) * 1234.56}`);
  family('node_filesystem_avail_bytes', 'gauge', 'Filesystem space available to non-root users in bytes.');
  for (const [dev, mount] of [['/dev/sda1', '/'], ['tmpfs', '/run'], ['/dev/sdb1', '/var/lib/with "quotes"'], ['server:/export', 'C:\\share\\path']]) {
    sample(`node_filesystem_avail_bytes{device="${dev}",fstype="ext4",mountpoint="${mount!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"} 4.2e+10`);
  }
  family('node_network_info', 'gauge', 'Non-numeric data, value is always 1.');
  sample('node_network_info{address="00:00:00:00:00:00",broadcast="",device="lo",duplex="",ifalias="",operstate="unknown"} 1');
  family('node_hwmon_temp_celsius', 'gauge', 'Hardware monitor for temperature.');
  sample('node_hwmon_temp_celsius{chip="platform_coretemp_0",sensor="temp1"} NaN');
  sample('node_hwmon_temp_max_celsius{chip="platform_coretemp_0",sensor="temp1"} +Inf');
  family('http_request_duration_seconds', 'histogram', 'A histogram of request latencies.');
  for (const handler of ['/metrics', '/']) {
    let cum = 0;
    for (const le of ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']) {
      cum += 3;
      sample(`http_request_duration_seconds_bucket{handler="${handler}",le="${le}"} ${cum}`);
    }
    sample(`http_request_duration_seconds_sum{handler="${handler}"} 1.7560473e+00`);
    sample(`http_request_duration_seconds_count{handler="${handler}"} ${cum}`);
  }
  family('go_gc_duration_seconds', 'summary', 'A summary of the pause duration of garbage collection cycles.');
  for (const q of ['0', '0.25', '0.5', '0.75', '1']) sample(`go_gc_duration_seconds{quantile="${q}"} 1.5e-05`);
  sample('go_gc_duration_seconds_sum 0.003');
  sample('go_gc_duration_seconds_count 42');
  out.push('# A comment that is neither HELP nor TYPE');
  sample('untyped_metric_with_timestamp 12 1700000000000');
  family('node_scrape_collector_success', 'gauge', 'Whether a collector succeeded.');
  for (const c of ['arp', 'bcache', 'bonding', 'conntrack', 'cpu', 'diskstats', 'edac', 'entropy', 'filefd', 'filesystem', 'hwmon', 'infiniband', 'ipvs', 'loadavg', 'mdadm', 'meminfo', 'netclass', 'netdev', 'netstat', 'nfs']) sample(`node_scrape_collector_success{collector="${c}"} 1`);
  return { text: `${out.join('\n')}\n`, samples };
}

describe('an exporter-shaped scrape', () => {
  it('every sample read, nothing unreadable, the families typed', () => {
    const { text, samples } = exporterScrape();
    const e = parseExposition(text);
    expect(e.unreadable).toBe(0);
    expect(e.duplicates).toEqual([]);
    expect(e.samples).toHaveLength(samples);
    expect(e.types).toMatchObject({ node_cpu_seconds_total: 'counter', http_request_duration_seconds: 'histogram', go_gc_duration_seconds: 'summary' });
    expect(e.samples.find((s) => s.name === 'node_filesystem_avail_bytes' && s.labels.device === '/dev/sdb1')!.labels.mountpoint).toBe('/var/lib/with "quotes"');
    expect(e.samples.find((s) => s.labels.device === 'server:/export')!.labels.mountpoint).toBe('C:\\share\\path');
  });
});
