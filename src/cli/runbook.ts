import { existsSync } from 'node:fs';
import { userConfigFile } from '../config/paths.js';
import { loadRunbooks } from '../runbooks/load.js';
import { findRunbook } from '../runbooks/lookup.js';
import { renderRunbook, runbookJson, runbookMarkdown, wrap } from '../runbooks/render.js';
import { formatRunbookIssue } from '../runbooks/types.js';
import { truncate } from '../text/format.js';
import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { sanitize } from '../util/sanitize.js';
import { colorEnabled, writeErr, writeOut } from './output.js';

export async function runRunbook(name: string | undefined, opts: { json?: boolean }, globals: GlobalOptions): Promise<number> {
  // Only a config file can add runbooks: with none, skip compiling the playbook defaults.
  const hasConfig = Boolean(globals.config || process.env.GPTMON_CONFIG || existsSync(userConfigFile()));
  const config = hasConfig ? configOrExit(globals) : undefined;
  if (hasConfig && !config) return 1;
  const { runbooks, issues } = loadRunbooks(config?.runbooks_dir);
  // A broken runbook is named, never fatal: the others are still there at 3 a.m.
  for (const issue of issues) writeErr(`gptmon runbook: skipped ${sanitize(formatRunbookIssue(issue))}\n`);
  const width = process.stdout.columns || 80;
  if (!name) {
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(runbooks.map((r) => ({ id: r.id, title: r.title, aliases: r.aliases, alerts: r.alerts, severity: r.severity, origin: r.origin, file: r.file })), null, 2)}\n`);
      return 0;
    }
    // A team's runbooks are outside text: ids, titles and alert names sanitised.
    const idWidth = Math.max(...runbooks.map((r) => sanitize(r.id).length), 2);
    for (const r of runbooks) {
      writeOut(`${truncate(`${sanitize(r.id).padEnd(idWidth)}  ${sanitize(r.title)}${r.origin === 'team' ? ' (team)' : ''}`, width)}\n`);
      if (r.alerts.length) for (const l of wrap(`serves ${r.alerts.map(sanitize).join(', ')}`, width, ' '.repeat(idWidth + 2))) writeOut(`${l}\n`);
    }
    return 0;
  }
  const found = findRunbook(runbooks, name);
  if (!found.ok) {
    const hint = found.candidates.length ? `: did you mean ${found.candidates.join(', ')}?` : '; gptmon runbook lists them';
    writeErr(`gptmon runbook: ${found.reason === 'ambiguous' ? `"${sanitize(name)}" could be more than one runbook` : `no runbook called "${sanitize(name)}"`}${sanitize(hint)}\n`);
    return 1;
  }
  const r = found.runbook;
  if (opts.json) process.stdout.write(`${JSON.stringify(runbookJson(r), null, 2)}\n`);
  else if (process.stdout.isTTY) writeOut(renderRunbook(r, width, colorEnabled(process.stdout)));
  else writeOut(runbookMarkdown(r));
  return 0;
}
