// `gptmon review daily`: the playbook's daily performance review. Exit 0 no
// issues, 1 issues (the playbook's `return len(issues) == 0`), 3 nothing
// could be read, 2 a bad --date.

import type { Config } from '../config/types.js';
import type { Snapshot } from '../engine/types.js';
import { dailyReview, type DailyReview } from '../reviews/daily-review.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { errorLine } from '../store/store-error.js';
import { configOrExit } from './config-or-exit.js';
import { openMonitor, readOnce } from './context.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';
import { dayEnd, nowFigures, parseDay, readDayEvents, readDayFigures, unreadFigures } from './review-read.js';
import { reviewMarkdown, reviewText } from './review-text.js';

export interface ReviewDailyOptions {
  date?: string;
  json?: boolean;
  output?: string;
}

/** The review of a day, read: with Prometheus over the day, else today's values now. */
export async function buildDailyReview(config: Config, date: string | undefined, now = Date.now()): Promise<{ review: DailyReview; problems: string[]; snap: Snapshot } | { error: string }> {
  const day = parseDay(date, now);
  if ('error' in day) return day;
  const monitor = openMonitor(config);
  try {
    let figures;
    let basis: 'day' | 'now' = 'day';
    const problems: string[] = [];
    // One reading now as well: the health components (the checklist's evidence), and the figures without Prometheus.
    const snap = await readOnce(monitor, config);
    // Today ends at the reading just made: what it recorded (an alert firing now) is part of the day.
    const { end, partial } = dayEnd(day.start, Math.max(now, snap.now));
    if (config.prometheus) figures = await readDayFigures(monitor, config, day.start, end);
    else if (partial) {
      figures = nowFigures(snap);
      basis = 'now';
    } else figures = unreadFigures('a past day needs Prometheus (no history without it)');
    // Today's alerts are the last 24 hours': the night before is what the morning review asks about.
    const alertsFrom = partial ? end - 86_400_000 : day.start;
    const { events, problems: read } = readDayEvents(config, alertsFrom, end);
    problems.push(...read);
    return { review: dailyReview({ date: day.date, start: day.start, end, partial, basis, figures, events, config, alertsFrom }), problems, snap };
  } finally {
    await monitor.close();
  }
}

export async function runReviewDaily(opts: ReviewDailyOptions, globals: GlobalOptions): Promise<number> {
  const config = configOrExit(globals);
  if (!config) return 3;
  const now = Date.now();
  const built = await buildDailyReview(config, opts.date, now);
  if ('error' in built) {
    writeErr(`gptmon review daily: ${built.error}\n`);
    return 2;
  }
  const { review, problems } = built;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...review, problems }, null, 2)}\n`);
    return review.code;
  }
  if (opts.output) {
    try {
      writeFileAtomic(opts.output, reviewMarkdown(review, now, problems));
    } catch (err) {
      writeErr(`gptmon review daily: cannot write ${opts.output}: ${errorLine(err)}\n`);
      return 3;
    }
    writeErr(`wrote the daily review of ${review.date} to ${opts.output}\n`);
    return review.code;
  }
  writeOut(`${reviewText(review, now, problems, Math.min(process.stdout.columns || 80, 100)).join('\n')}\n`);
  return review.code;
}
