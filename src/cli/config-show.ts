import { formatDuration } from '../config/units.js';
import { configToYaml } from '../config/format.js';
import { maskUrl } from '../util/mask-url.js';
import { matchers } from '../metrics/promql.js';
import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { writeOut } from './output.js';

export async function runConfigShow(globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 1;
  const origin = (k: string) => config.origins[k] ?? 'default';
  const lines = [
    '# gptmon: effective configuration',
    `# trader        ${maskUrl(config.trader)}  (from ${origin('trader')})`,
    `# prometheus    ${config.prometheus ? `${maskUrl(config.prometheus)}  (from ${origin('prometheus')})` : 'none: gptmon reads the trader\'s /metrics and evaluates the alert rules itself'}`,
    ...(config.prometheus ? [`# selector      ${matchers(config.selector)}  (${config.origins.selector ? `from ${origin('selector')}` : "the trader URL's host:port"})`] : []),
    `# alertmanager  ${config.alertmanager ? `${config.alertmanager.map(maskUrl).join(', ')}  (from ${origin('alertmanager')}${config.alertmanager.length > 1 ? '; one cluster: reads from the first that answers, acks on one and read back' : ''})` : 'none: acknowledgements are kept locally'}`,
    `# database      ${config.database ? `${maskUrl(config.database.url)}  (from ${origin('database')}; read-only${config.database.passwordFile ? `, password from ${config.database.passwordFile}` : ''})` : 'none: review models and the database health need --database, GPTMON_DATABASE_URL or database:'}`,
    `# files         ${config.files.length ? config.files.join(', ') : 'none: the built-in playbook defaults'}`,
    `# timeout       ${formatDuration(config.timeoutMs)} per request`,
    '',
  ];
  writeOut(lines.join('\n') + configToYaml(config));
  return 0;
}
