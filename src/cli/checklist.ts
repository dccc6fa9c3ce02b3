// `gptmon checklist daily|weekly|monthly [tick N [--undo]] [--json]`: the
// playbook's monitoring checklists for this period, each item with what
// gptmon could read for it and a suggested tick, and who ticked it when.

import { operatorName, readPrefs } from '../config/prefs.js';
import { CHECKLIST_PERIODS, type ChecklistPeriod, type Config } from '../config/types.js';
import type { Event } from '../incidents/types.js';
import { Recorder } from '../incidents/recorder.js';
import { alertFatigue } from '../reviews/alert-fatigue.js';
import { evidenceFor, needs, type EvidenceInput } from '../reviews/checklist-evidence.js';
import { periodOf } from '../reviews/periods.js';
import { readHistory } from '../store/alert-history.js';
import { readTicks, setTick, type PeriodTicks } from '../store/checklist-file.js';
import { checklistFile, incidentsDir } from '../store/state-paths.js';
import { errorLine } from '../store/store-error.js';
import { sanitize } from '../util/sanitize.js';
import { checklistText, type ChecklistRow } from './checklist-text.js';
import { configOrExit } from './config-or-exit.js';
import type { GlobalOptions } from './options.js';
import { writeErr, writeOut } from './output.js';
import { buildDailyReview } from './review.js';

export interface ChecklistOptions {
  period: string;
  action?: string;
  item?: string;
  undo?: boolean;
  json?: boolean;
}

const fail = (text: string, code = 2) => {
  writeErr(`gptmon checklist: ${text}\n`);
  return code;
};

/** What the items need, read: the day's review, the period's alert history, the period's incidents. */
async function gather(config: Config, period: ChecklistPeriod, items: string[], start: number, end: number, now: number): Promise<{ input: EvidenceInput; problems: string[] }> {
  const want = needs(items);
  const input: EvidenceInput = { now, config, period };
  const problems: string[] = [];
  if (want.review) {
    const built = await buildDailyReview(config, undefined, now);
    if (!('error' in built)) Object.assign(input, { review: built.review, snap: built.snap }), problems.push(...built.problems);
  }
  const dir = incidentsDir(config);
  if (want.fatigue) {
    try {
      const h = readHistory<Event>(dir, start, Math.min(end, now));
      input.fatigue = alertFatigue(h.events, start, Math.min(end, now));
      if (h.bad.length) problems.push(`alert history: ${h.bad.length} unreadable line(s) skipped`);
    } catch (err) {
      problems.push(`alert history unreadable: ${errorLine(err)}`);
    }
  }
  if (want.incidents) {
    try {
      const rec = new Recorder(dir, '—');
      const open = new Set(rec.open());
      const inPeriod = (id: string) => {
        const m = /^INC-(\d{4})(\d{2})(\d{2})-/.exec(id);
        const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
        return t >= start && t < end;
      };
      input.incidents = rec.all().filter(inPeriod).map((id) => ({ id, open: open.has(id) }));
    } catch (err) {
      problems.push(`incidents unreadable: ${errorLine(err)}`);
    }
  }
  return { input, problems };
}

export async function runChecklist(opts: ChecklistOptions, globals: GlobalOptions): Promise<number> {
  if (!(CHECKLIST_PERIODS as readonly string[]).includes(opts.period)) return fail(`unknown checklist "${sanitize(opts.period)}": daily, weekly or monthly`);
  if (opts.action !== undefined && opts.action !== 'tick') return fail(`unknown action "${sanitize(opts.action)}": the only one is tick (gptmon checklist ${opts.period} tick N [--undo])`);
  const config = configOrExit(globals);
  if (!config) return 3;
  const period = opts.period as ChecklistPeriod;
  const items = config.checklists[period];
  const now = Date.now();
  const p = periodOf(period, now);
  const file = checklistFile(config);
  let ticks: PeriodTicks;
  if (opts.action === 'tick') {
    const n = Number(opts.item);
    if (opts.item === undefined || !/^\d+$/.test(opts.item) || n < 1 || n > items.length) {
      return fail(`item ${opts.item === undefined ? '(none given)' : JSON.stringify(sanitize(opts.item))} is out of range: the ${period} checklist has items 1-${items.length}`);
    }
    const text = items[n - 1]!;
    try {
      const res = setTick(file, p.key, text, opts.undo ? undefined : { by: operatorName(readPrefs().prefs), at: now });
      if (res.warning) writeErr(`gptmon checklist: ${sanitize(res.warning)}\n`);
      ticks = res.ticks;
    } catch (err) {
      return fail(`cannot keep the tick in ${file}: ${errorLine(err)}`, 1);
    }
    writeOut(`${opts.undo ? 'took back the tick of' : 'ticked'} ${n}. ${sanitize(text)} (${p.key})\n`);
    if (!opts.json) return 0;
  } else {
    try {
      ticks = readTicks(file, p.key);
    } catch (err) {
      return fail(`cannot read the ticks: ${errorLine(err)}`, 1);
    }
  }
  const { input, problems } = await gather(config, period, items, p.start, p.end, now);
  const rows: ChecklistRow[] = items.map((text, i) => {
    const evidence = evidenceFor(text, input);
    const tick = ticks[text];
    return { n: i + 1, text, ...(tick ? { tick } : {}), ...(evidence ? { evidence } : {}) };
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ period, key: p.key, start: p.start, end: p.end, items: rows, problems }, null, 2)}\n`);
    return 0;
  }
  writeOut(`${checklistText(period, p.key, rows, problems, now, Math.min(process.stdout.columns || 80, 100)).join('\n')}\n`);
  return 0;
}
