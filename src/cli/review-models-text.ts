// `gptmon review models` as text: a table by day and model that fits 80
// columns, then each flag in words. Model names are the database's words:
// sanitised and cut to their column.

import type { ModelDays, ModelFlag, ModelReviewLines } from '../review/model-days.js';
import { flagText } from '../review/model-days.js';
import { formatPercent, truncate } from '../text/format.js';
import { sanitize } from '../util/sanitize.js';

type Read = Extract<ModelDays, { ok: true }>;

const SHORT: Record<ModelFlag['kind'], string> = { 'below-line': 'LOW', drop: 'DROP', spread: 'SPREAD' };

const num = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));

export function modelDaysText(read: Read, lines: ModelReviewLines, width = 80): string[] {
  const out = [
    truncate(`Model performance ${read.from === read.until ? read.until : `${read.from} to ${read.until}`} (UTC), from performance.predictions`, width),
    truncate(`database ${read.database}`, width),
    '',
  ];
  if (!read.rows.length) return [...out, 'No predictions in these days.'];
  out.push(`${'DAY'.padEnd(10)}  ${'MODEL'.padEnd(16)}  ${'PREDS'.padStart(7)}  ${'ACC'.padStart(7)}  ${'CONF'.padStart(5)}  ${'SD'.padStart(6)}  FLAGS`);
  let unresolved = 0;
  for (const r of read.rows) {
    const marks = read.flags.filter((f) => f.day === r.day && f.modelId === r.modelId).map((f) => SHORT[f.kind]);
    const pending = r.predictions - r.resolved;
    unresolved += pending;
    const acc = r.accuracy === null ? '—' : `${formatPercent(r.accuracy)}${pending ? '*' : ''}`;
    const row = `${r.day}  ${truncate(sanitize(r.modelId), 16).padEnd(16)}  ${r.predictions.toLocaleString('en-US').padStart(7)}  ${acc.padStart(7)}  ${num(r.confidenceMean, 2).padStart(5)}  ${num(r.confidenceStd, 3).padStart(6)}  ${marks.join(' ')}`;
    out.push(truncate(row.trimEnd(), width));
  }
  if (unresolved) out.push(`* accuracy over the predictions with an outcome; ${unresolved.toLocaleString('en-US')} have none yet`);
  out.push('');
  const rules = `under ${formatPercent(lines.accuracyWarning)}, a fall of over ${Math.round(lines.dropPoints * 100)} points, confidence spread x${lines.spreadFactor}`;
  if (!read.flags.length) {
    out.push(truncate(`No flags (${rules}).`, width));
    return out;
  }
  out.push(truncate(`${read.flags.length} flag${read.flags.length === 1 ? '' : 's'} (${rules}):`, width));
  for (const f of read.flags) out.push(truncate(`  ${f.day} ${sanitize(f.modelId)}: ${flagText(f)}`, width));
  return out;
}
