// Nothing from outside writes to the terminal: every one-shot command's human text
// (`status`, `alerts`, the sources line, `audit`, `runbook` rendered and piped, the
// reviews and checklists) rendered from data whose every string is hostile (see
// test/helpers/hostile.ts for how the payload is spread and what is checked).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';

import { alertsText } from '../../src/cli/alerts-text.js';
import { modelDaysText } from '../../src/cli/review-models-text.js';
import { flagModelDays } from '../../src/engine/model-review.js';
import { auditLine } from '../../src/cli/audit.js';
import { writeText } from '../../src/cli/output.js';
import { sourcesLine } from '../../src/cli/source-text.js';
import { statusText } from '../../src/cli/status-text.js';
import { reviewMarkdown, reviewText } from '../../src/cli/review-text.js';
import { checklistText } from '../../src/cli/checklist-text.js';
import { alertFatigue } from '../../src/reviews/alert-fatigue.js';
import { evidenceFor } from '../../src/reviews/checklist-evidence.js';
import { dailyReview } from '../../src/reviews/daily-review.js';

import type { AlertView } from '../../src/engine/types.js';

import { renderRunbook, runbookMarkdown } from '../../src/runbooks/render.js';


import {
  config,
  PAYLOAD,
  poison,
  NOW,
  LINES,
  fullSnapshot,
  hostileSnapshot,
  hostileRunbook,
  hostileAudit,
  hostileDay,
  expectSafe,
  expectOnlySgr,
} from '../helpers/hostile.js';

afterEach(() => cleanup());

describe('outside text in the one-shot commands', () => {
  const snap = hostileSnapshot();

  it('status', () => {
    expectSafe(statusText(snap, config, 80).join('\n'), 'status');
    expectSafe(statusText(snap, config, 200).join('\n'), 'status, wide');
  });

  it('review models: the model names are the database\'s words', () => {
    const row = (modelId: string, accuracy: number) => ({ day: '2026-11-25', modelId, predictions: 100, resolved: 90, accuracy, confidenceMean: 0.7, confidenceStd: 0.1 });
    const rows = [row('primary-v12', 0.5), row('fallback-v3', 0.6)];
    const flags = flagModelDays(rows, LINES);
    const read = poison({ rows, flags }, (path) => path.at(-1) !== 'modelId');
    const text = modelDaysText({ ok: true, database: 'postgres://gptmon@db/trader', from: '2026-11-25', until: '2026-11-25', ...read }, LINES, 80).join('\n');
    expectSafe(text, 'review models');
  });

  it('alerts', () => {
    expectSafe(alertsText(snap, 80).join('\n'), 'alerts');
    expectSafe(alertsText(snap, 300).join('\n'), 'alerts, wide');
  });

  it('the sources line', () => {
    expectSafe(sourcesLine(snap), 'sources');
  });

  it('audit', () => {
    expectSafe(auditLine(hostileAudit()), 'audit');
  });

  it('runbook, rendered for a terminal and piped as Markdown', () => {
    const rb = hostileRunbook();
    // A shell block is shown line by line, each after its `$ `.
    const codeLine = (l: string) => l.startsWith('       $ ');
    expectSafe(renderRunbook(rb, 80, false), 'runbook', { asWritten: codeLine });
    expectOnlySgr(renderRunbook(rb, 80, true), 'runbook in colour', codeLine);
    // Piped, the Markdown keeps its line breaks (it is a document), each line sanitised.
    expectSafe(runbookMarkdown(rb), 'runbook piped', { asWritten: () => true });
  });

  it('review daily and the checklists: recorded alerts, ackers, reasons and health all sanitised', () => {
    // What the recorder's files hold is outside text (see hostileDay).
    const { events, figures, start, review } = hostileDay();
    expect(review.alerts).toHaveLength(1);
    expectSafe(reviewText(review, NOW, [PAYLOAD], 80).join('\n'), 'review daily');
    expectSafe(reviewMarkdown(review, NOW, [PAYLOAD]), 'review daily as Markdown');
    // The day's model rows: the model's name and a failed database's reason are the database's words.
    const row = { day: '2026-11-25', modelId: PAYLOAD, predictions: 10, resolved: 10, accuracy: 0.4, confidenceMean: 0.5, confidenceStd: 0.1 };
    const models = { state: 'read' as const, database: PAYLOAD, day: '2026-11-25', rows: [row], flags: flagModelDays([{ ...row, day: '2026-11-24', accuracy: 0.6, confidenceStd: 0.01 }, row], LINES), lines: LINES };
    for (const m of [models, { state: 'failed' as const, database: PAYLOAD, reason: PAYLOAD }]) {
      const withModels = dailyReview({ date: '2026-11-25', start, end: NOW, partial: true, basis: 'now', figures, events, config, models: m });
      expectSafe(reviewText(withModels, NOW, [], 80).join('\n'), `review daily, models ${m.state}`);
      expectSafe(reviewMarkdown(withModels, NOW, []), `review daily as Markdown, models ${m.state}`);
    }
    const fatigue = alertFatigue(events, start, NOW);
    const input = { now: NOW, config, period: 'daily' as const, review, snap: { ...hostileSnapshot(), trader: { ...hostileSnapshot().trader, componentsFresh: true } }, fatigue, incidents: [{ id: PAYLOAD, open: true }] };
    const items = [...config.checklists.daily, ...config.checklists.monthly, PAYLOAD];
    const rows = items.map((text, i) => ({ n: i + 1, text, ...(i === 0 ? { tick: { by: PAYLOAD, at: NOW - 60_000 } } : {}), ...(evidenceFor(text, input) ? { evidence: evidenceFor(text, input)! } : {}) }));
    expectSafe(checklistText('daily', 'daily 2026-11-25', rows, [PAYLOAD], NOW, 80).join('\n'), 'checklist');
  });

  it('do not crash on labels and annotations that are not strings', () => {
    const snap = fullSnapshot();
    const odd = { ...snap.alerts[0]!, name: 123, summary: { a: 1 }, labels: { alertname: 123, desk: ['x'] } } as unknown as AlertView;
    const text = alertsText({ ...snap, alerts: [odd] }, 200).join('\n');
    expect(text).toContain('123');
    expect(text).toContain('{"a":1}');
  });

  it('write through the one writer, which lets only colour through', () => {
    const out: string[] = [];
    writeText({ write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream, `\x1b[1mbold\x1b[0m ${PAYLOAD}\n`);
    expect(out.join('')).toBe('\x1b[1mbold\x1b[0m \ufffdevil\nforged line\n');
  });

  it('every command writes human text through that writer (JSON and the rules file excepted)', () => {
    const dir = join(import.meta.dirname, '../../src/cli');
    const raw: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/process\.(stdout|stderr)\.write\(/.test(line)) return;
        if (line.includes('JSON.stringify') || (file === 'rules.ts' && line.includes('process.stdout.write(text)'))) return;
        raw.push(`src/cli/${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(raw, 'use writeOut/writeErr from src/cli/output.ts').toEqual([]);
  });
});
