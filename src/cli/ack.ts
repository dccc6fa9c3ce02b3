import { operatorName, readPrefs } from '../config/prefs.js';
import { formatDuration, parseDurationMs } from '../config/units.js';
import { didYouMean } from '../util/closest.js';
import { formatClock } from '../text/format.js';
import type { GlobalOptions } from './options.js';
import { maskUrl } from '../util/mask-url.js';
import { sanitize } from '../util/sanitize.js';
import { configOrExit } from './config-or-exit.js';
import { openMonitor } from './context.js';
import { writeErr, writeOut } from './output.js';

export interface AckOptions {
  comment?: string;
  for: string;
  label?: string[];
}

/** ` at http://am-1:9093`, and where it was read back when that was another peer. */
function peerText(peer: string | undefined, confirmedBy: string | undefined): string {
  if (!peer) return '';
  return ` at ${maskUrl(peer)}${confirmedBy && confirmedBy !== peer ? `, read back from ${maskUrl(confirmedBy)}` : ''}`;
}

function parseLabels(list: string[] = []): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const item of list) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!m) return `--label ${item}: expected name=value`;
    labels[m[1]!] = m[2]!;
  }
  return labels;
}

export async function runAck(alert: string, opts: AckOptions, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 1;
  const forMs = parseDurationMs(opts.for);
  if (!forMs.ok || forMs.value <= 0) {
    writeErr(`gptmon ack: --for ${opts.for}: ${forMs.ok ? 'must be longer than 0' : forMs.error}\n`);
    return 1;
  }
  const labels = parseLabels(opts.label);
  if (typeof labels === 'string') {
    writeErr(`gptmon ack: ${labels}\n`);
    return 1;
  }
  const monitor = openMonitor(config);
  try {
    // A name the config does not know may still be a rule of the team's Prometheus.
    let known = config.alerts.some((a) => a.name === alert);
    if (!known) {
      const snap = await monitor.tick();
      known = snap.alerts.some((a) => a.name === alert);
      if (!known) {
        const names = new Set([...config.alerts.map((a) => a.name), ...snap.alerts.map((a) => a.name)]);
        writeErr(`gptmon ack: no alert called "${sanitize(alert)}"${sanitize(didYouMean(alert, names))}\n`);
        return 1;
      }
    }
    const operator = operatorName(readPrefs().prefs);
    const res = await monitor.acks.add({ alertname: alert, labels, operator, comment: opts.comment ?? 'acknowledged with gptmon', forMs: forMs.value });
    // Reasons and the silence id are Alertmanager's words: sanitised.
    if (!res.ok) {
      writeErr(`gptmon ack: ${sanitize(res.reason)}\n`);
      return 1;
    }
    if (res.warning) writeErr(`gptmon ack: warning: ${sanitize(res.warning)}\n`);
    const where = res.ack.where === 'alertmanager' ? `silence ${sanitize(res.ack.id)} in Alertmanager${peerText(res.peer, res.confirmedBy)}` : 'kept locally';
    writeOut(`acknowledged ${sanitize(alert)} by ${sanitize(operator)} for ${formatDuration(forMs.value)} (until ${formatClock(res.ack.expiresAt)}; ${where})\n`);
    return 0;
  } finally {
    await monitor.close();
  }
}
