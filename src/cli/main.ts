// The command line. Only commander is loaded up front: each command's code is
// imported when that command runs, so `gptmon halt` never pays for React.

import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { GlobalOptions } from './options.js';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('gptmon')
    .description('The on-call console for GPT-Trader: is money at risk, what is firing, what to do next.')
    .version(version(), '-V, --version')
    .option('--config <file>', 'config file (else $GPTMON_CONFIG, else ~/.config/gptmon/gptmon.yaml)')
    .option('--trader <url>', 'GPT-Trader base URL (else $GPTMON_TRADER_URL, else config, else http://127.0.0.1:8080)')
    .option('--prometheus <url>', 'Prometheus URL (else $GPTMON_PROMETHEUS_URL); without one gptmon reads /metrics itself')
    .option('--alertmanager <urls>', 'Alertmanager URL, or a cluster\'s peers comma-separated (else $GPTMON_ALERTMANAGER_URL); without one acks are kept locally')
    .option('--database <url>', "the trader's PostgreSQL, read-only (else $GPTMON_DATABASE_URL, else database: in the config)")
    .option('--no-color', 'plain output without colour (also: NO_COLOR=1)')
    .showHelpAfterError('(run gptmon --help for the commands)')
    .exitOverride();

  const globals = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
  // Each action loads its module on demand and reports an exit code.
  const act = <A extends unknown[]>(fn: (...a: A) => Promise<number>) =>
    async (...a: A) => setExit(await fn(...a));

  program
    .command('tui')
    .description('the live console')
    .option('--read-only', 'hide every action that changes anything')
    .option('--refresh <duration>', 'how often to poll, e.g. 1s (default: your refresh preference, else 1s)')
    .action(act(async (o: { readOnly?: boolean; refresh?: string }, cmd: Command) => (await import('./tui.js')).runTuiCommand(o, globals(cmd))));

  program
    .command('status')
    .description('one-shot health and metrics against thresholds (exit 0 ok, 1 warning, 2 critical, 3 unknown)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (o: { json?: boolean }, cmd: Command) => (await import('./status.js')).runStatus(o, globals(cmd))));

  program
    .command('alerts')
    .description('active alerts, with acknowledgement')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (o: { json?: boolean }, cmd: Command) => (await import('./alerts.js')).runAlerts(o, globals(cmd))));

  program
    .command('ack')
    .description('acknowledge an alert (a silence in Alertmanager when one is configured)')
    .argument('<alert>', 'alert name, e.g. ExcessiveDrawdown')
    .option('--comment <text>', 'why, for the next engineer')
    .option('--for <duration>', 'how long the acknowledgement lasts', '1h')
    .option('--label <name=value...>', 'acknowledge only the instances with these labels')
    .action(act(async (alert: string, o: import('./ack.js').AckOptions, cmd: Command) => (await import('./ack.js')).runAck(alert, o, globals(cmd))));

  program
    .command('runbook')
    .description('list the runbooks, or show one (by id, alias or prefix: memory, mem, high-memory)')
    .argument('[name]', 'runbook to show')
    .option('--json', 'the parsed runbook as JSON')
    .action(act(async (name: string | undefined, o: { json?: boolean }, cmd: Command) => (await import('./runbook.js')).runRunbook(name, o, globals(cmd))));

  const controls: Array<[string, string]> = [
    ['halt', 'stop all trading, then confirm the new state'],
    ['resume', 'resume trading, then confirm the new state'],
    ['flatten', 'close all open positions, then confirm'],
    ['failover', 'move trading to the standby site, then confirm'],
    ['fallback-model', 'switch to the fallback model, then confirm'],
    ['reduce', 'scale position sizes down, then confirm'],
  ];
  for (const [name, description] of controls) {
    const cmd = program
      .command(name)
      .description(description)
      .option('--confirm', 'do it without asking (required when not on a terminal)')
      .option('--reason <text>', 'why, for the audit log')
      .option('--dry-run', 'print the exact request and send nothing')
      .option('--deadline <duration>', 'how long to retry and to wait for the new state', '10s');
    if (name === 'failover') cmd.addOption(new Option('--target <site>', 'site to move to').choices(['secondary', 'primary']).default('secondary'));
    if (name === 'reduce') cmd.option('--scale <ratio>', 'new position scale, 0 < scale <= 1', '0.5');
    if (name === 'halt') cmd.option('--flatten', 'halt, then close all positions, verifying each step');
    cmd.action(act(async (o: import('./control.js').ControlOptions, c: Command) => (await import('./control.js')).runControl(name as import('../actions/actions.js').ActionName, o, globals(c))));
  }

  // Incidents: declare, run, resolve, and the post-mortem (exit 0 done, 1 failed, 2 refused).
  const incident = program.command('incident').description('declare and run an incident; the post-mortem in Markdown');
  const inc = () => import('./incident-edit.js');
  const view = () => import('./incident-view.js');
  type Edit = import('./incident-edit.js').EditOptions;
  incident
    .command('start')
    .description('declare an incident; prints its id (without --sev, suggests one and asks)')
    .option('--sev <n>', 'severity 1-4 (SEV1 complete failure … SEV4 no immediate impact)')
    .option('--title <text>', 'what is happening, in a few words')
    .option('--commander <name>', 'the incident commander')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (o: import('./incident-start.js').StartOptions, cmd: Command) => (await import('./incident-start.js')).runIncidentStart(o, globals(cmd))));
  incident
    .command('status')
    .description('severity, commander, age, the checklist, what fires now, the last ten events')
    .argument('[id]', 'the incident (else the one open, else the newest)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (id: string | undefined, o: { json?: boolean }, cmd: Command) => (await view()).runIncidentStatus(id, o, globals(cmd))));
  incident
    .command('note')
    .description("add a note to the incident's timeline")
    .argument('<text>', 'the note')
    .option('--id <id>', 'the incident (else the one open)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (text: string, o: Edit, cmd: Command) => (await inc()).runIncidentNote(text, o, globals(cmd))));
  incident
    .command('sev')
    .description('change the severity')
    .argument('<n>', '1-4')
    .option('--id <id>', 'the incident (else the one open)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (n: string, o: Edit, cmd: Command) => (await inc()).runIncidentSev(n, o, globals(cmd))));
  incident
    .command('commander')
    .description('name the incident commander')
    .argument('<name>', 'who')
    .option('--id <id>', 'the incident (else the one open)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (name: string, o: Edit, cmd: Command) => (await inc()).runIncidentCommander(name, o, globals(cmd))));
  incident
    .command('check')
    .description('tick a checklist item, by number or words (check "stop trading")')
    .argument('<item>', 'its number, or words from it')
    .option('--undo', 'untick it')
    .option('--id <id>', 'the incident (else the one open)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (item: string, o: Edit, cmd: Command) => (await inc()).runIncidentCheck(item, o, globals(cmd))));
  incident
    .command('resolve')
    .description('resolve the incident')
    .option('--summary <text>', 'what happened, in a sentence')
    .option('--id <id>', 'the incident (else the one open)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (o: Edit, cmd: Command) => (await inc()).runIncidentResolve(o, globals(cmd))));
  incident
    .command('list')
    .description('the incidents, newest first')
    .option('--since <duration>', 'resolved within, e.g. 7d', '30d')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (o: { since?: string; json?: boolean }, cmd: Command) => (await view()).runIncidentList(o, globals(cmd))));
  incident
    .command('report')
    .description('the post-mortem, in Markdown (or --json), from the recorded timeline')
    .argument('[id]', 'the incident (else the one open, else the newest)')
    .option('-o, --output <file>', 'write it to this file')
    .option('--json', 'the same as data')
    .action(act(async (id: string | undefined, o: { output?: string; json?: boolean }, cmd: Command) => (await view()).runIncidentReport(id, o, globals(cmd))));

  // The routine reviews (exit 0 no issues, 1 issues found, 3 nothing could be read).
  const review = program.command('review').description('the routine reviews: the daily performance review, model performance');
  review
    .command('models')
    .description('model performance by day and model from the trader\'s database, flagged (exit 0 none, 1 flags, 3 unreadable)')
    .option('--days <n>', 'how many UTC days, today included', '7')
    .option('--until <day>', 'the last day, YYYY-MM-DD (default today, UTC)')
    .option('--json', 'one JSON document on stdout')
    .action(act(async (o: import('./review-models.js').ReviewModelsOptions, cmd: Command) => (await import('./review-models.js')).runReviewModels(o, globals(cmd))));
  review
    .command('daily')
    .description('the daily performance review: trades, win rate, P&L, Sharpe, drawdown, accuracy, peaks, risk limits, alerts (exit 0 no issues, 1 issues, 3 nothing read)')
    .option('--date <day>', 'the UTC day, YYYY-MM-DD (else today so far)')
    .option('--json', 'one JSON document')
    .option('-o, --output <file>', 'write the review as Markdown to this file')
    .action(act(async (o: import('./review.js').ReviewDailyOptions, cmd: Command) => (await import('./review.js')).runReviewDaily(o, globals(cmd))));

  program
    .command('checklist')
    .description("the playbook's monitoring checklists, with evidence: checklist daily|weekly|monthly [tick N [--undo]]")
    .argument('<period>', 'daily, weekly or monthly')
    .argument('[action]', 'tick')
    .argument('[item]', 'the item number to tick')
    .option('--undo', 'take the tick back')
    .option('--json', 'one JSON document')
    .action(act(async (period: string, action: string | undefined, item: string | undefined, o: { undo?: boolean; json?: boolean }, cmd: Command) => (await import('./checklist.js')).runChecklist({ period, action, item, ...o }, globals(cmd))));

  program
    .command('audit')
    .description('read back the audit log of control actions')
    .option('--since <duration>', 'only entries newer than this, e.g. 1h')
    .option('--json', 'one JSON document: the entries as written, in an array')
    .action(act(async (o: { since?: string; json?: boolean }, cmd: Command) => (await import('./audit.js')).runAudit(o, globals(cmd))));

  program
    .command('sim')
    .description('run a GPT-Trader stand-in with scripted incidents')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--scenario <name>', 'incident to start with (see --list)', 'calm')
    .option('--seed <n>', 'random seed: the same seed gives the same numbers', '1')
    .option('--token <token>', 'control-API token (else $GPTMON_TOKEN, else a random one is printed)')
    .option('--speed <x>', 'simulated seconds per real second', '1')
    .option('--list', 'name the scenarios, one line each')
    .option('--no-db', 'serve no database (the embedded PostgreSQL takes seconds of CPU to start)')
    .option('--db-port <n>', "the database's port (default 5433, else a free one; 0 picks a free one)")
    .option('--with-parent', 'stop when standard input closes (the demo starts it so, so it never outlives its console)')
    .action(act(async (opts: Record<string, string | boolean | undefined>) => (await import('./sim.js')).runSim(opts as never)));

  const config = program.command('config').description('check and show the configuration');
  config
    .command('check')
    .description('check a config file: prints ok, or every problem as FILE:LINE:COL: message')
    .argument('[file]', 'file to check (else the one gptmon would use)')
    .action(act(async (file: string | undefined, _o: unknown, cmd: Command) => (await import('./config-check.js')).runConfigCheck(file, globals(cmd))));
  config
    .command('show')
    .description('print the effective configuration and where each target came from')
    .action(act(async (_o: unknown, cmd: Command) => (await import('./config-show.js')).runConfigShow(globals(cmd))));
  config
    .command('prefs')
    .description('show or set your preferences (operator, refresh, theme, bell)')
    .argument('[key]', 'preference to show or set')
    .argument('[value]', 'new value')
    .action(act(async (key: string | undefined, value: string | undefined) => (await import('./config-prefs.js')).runConfigPrefs(key, value)));

  program
    .command('rules')
    .description('export the alert rules as a Prometheus rules file')
    .command('export')
    .description('write the rules file (stdout, or -o FILE) from the same thresholds the embedded evaluator uses')
    .option('-o, --output <file>', 'write to this file')
    .action(act(async (o: { output?: string }, cmd: Command) => (await import('./rules.js')).runRulesExport(o, globals(cmd))));

  program
    .command('demo')
    .description('start the built-in simulator and show how to reach it (what npm start runs)')
    .action(act(async (_o: unknown, cmd: Command) => (await import('./demo.js')).runDemo(globals(cmd))));

  return program;
}

/**
 * A reader that went away (`gptmon runbook | head -1`) is not an error: stop
 * quietly with 0, as cat and grep do, instead of a stack about EPIPE.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  let code = 0;
  const program = buildProgram((c) => (code = c));
  // NO_COLOR is the one switch everything below reads.
  program.hook('preAction', (_this, action) => {
    if ((action.optsWithGlobals() as GlobalOptions).color === false) process.env.NO_COLOR = '1';
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return err.exitCode;
      return 2;
    }
    throw err;
  }
  return code;
}
