// `gptmon review models [--days 7] [--until DAY] [--json] [--database URL]`:
// model performance by day and model from the trader's database, flagged
// against the same lines as the alerts. Exit 0 no flags, 1 flags, 3 nothing
// could be read (no database, it failed, or no predictions in the window),
// 2 for a bad option.

import { modelReviewLines, openDatabase, readModelDays, utcDay } from '../review/model-days.js';
import { flagText } from '../review/model-days.js';
import { databaseConfigOrExit } from './config-or-exit.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';
import { modelDaysText } from './review-models-text.js';

export interface ReviewModelsOptions {
  days?: string;
  until?: string;
  json?: boolean;
}

const NO_FLAGS = 0;
const FLAGS = 1;
const USAGE = 2;
const UNREADABLE = 3;
const MAX_DAYS = 366;

function parseOptions(opts: ReviewModelsOptions, today: string): { days: number; until: string } | string {
  const daysText = (opts.days ?? '7').trim();
  const days = Number(daysText);
  if (!/^\d+$/.test(daysText) || days < 1 || days > MAX_DAYS) return `--days must be a whole number from 1 to ${MAX_DAYS}, got "${opts.days}"`;
  const until = opts.until?.trim() ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`)) || utcDay(Date.parse(`${until}T00:00:00Z`)) !== until) return `--until must be a day as YYYY-MM-DD, got "${opts.until}"`;
  if (until > today) return `--until ${until} is in the future (today is ${today}, UTC)`;
  return { days, until };
}

export async function runReviewModels(opts: ReviewModelsOptions, globals: GlobalOptions): Promise<number> {
  const say = (line: string) => writeErr(`gptmon review models: ${line}\n`);
  const config = databaseConfigOrExit(globals, 'review models');
  if (!config) return UNREADABLE;
  const parsed = parseOptions(opts, utcDay(Date.now()));
  if (typeof parsed === 'string') {
    say(parsed);
    return USAGE;
  }
  const lines = modelReviewLines(config);
  if (!config.database) {
    const why = 'no database: give --database URL, set GPTMON_DATABASE_URL, or add database: to the config';
    if (opts.json) writeOut(`${JSON.stringify({ ok: false, error: why }, null, 2)}\n`);
    say(why);
    return UNREADABLE;
  }
  const db = openDatabase(config.database);
  try {
    const read = await readModelDays(db, { ...parsed, lines });
    if (!read.ok) {
      if (opts.json) writeOut(`${JSON.stringify({ ok: false, database: read.database, error: read.reason }, null, 2)}\n`);
      say(read.reason);
      return UNREADABLE;
    }
    if (opts.json) {
      const flags = read.flags.map((f) => ({ ...f, message: flagText(f) }));
      writeOut(`${JSON.stringify({ ok: true, database: read.database, from: read.from, until: read.until, days: parsed.days, lines, rows: read.rows, flags }, null, 2)}\n`);
    } else {
      writeOut(`${modelDaysText(read, lines, process.stdout.columns || 80).join('\n')}\n`);
    }
    if (!read.rows.length) {
      if (!opts.json) say(`no predictions from ${read.from} to ${read.until}: nothing to review`);
      return UNREADABLE;
    }
    return read.flags.length ? FLAGS : NO_FLAGS;
  } finally {
    await db.close();
  }
}
