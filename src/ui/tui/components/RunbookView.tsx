import React from 'react';
import { Box, Text } from 'ink';
import type { Progress } from '../../../store/progress-file.js';
import { confirmationFor, DANGER_NAMES } from '../../../runbooks/danger.js';
import { stepText } from '../../../runbooks/render.js';
import { allSteps, type Runbook } from '../../../runbooks/types.js';
import { sanitize } from '../../../util/sanitize.js';
import { formatAge, formatClock, truncate } from '../../../text/format.js';
import { commandRows, outputLines, stepMark, stepperRows } from '../stepper.js';
import { tint, useTheme } from '../theme.js';

interface Props {
  runbook: Runbook;
  progress: Progress | undefined;
  /** Why the progress could not be read: shown, never taken for "nothing done". */
  progressError?: string | undefined;
  selected: number;
  /** How far the selected step's command is scrolled. */
  scroll: number;
  /** Who the progress belongs to: the alert, or the runbook on its own. */
  forWhat: string;
  now: number;
  width: number;
  height: number;
}

const MARK = { done: '✓', skipped: '–', failed: '✖' } as const;
const MARK_COLOR = { done: 'green', skipped: 'gray', failed: 'red' } as const;

/** One step at a time: the list with what is done, and the selected step with its whole command and last run. */
export function RunbookView({ runbook, progress, progressError, selected, scroll, forWhat, now, width, height }: Props) {
  const theme = useTheme();
  const steps = allSteps(runbook);
  const step = steps[Math.min(selected, steps.length - 1)];
  const record = step ? progress?.steps[step.key] : undefined;
  const marks = steps.map((s) => stepMark(progress?.steps[s.key]));
  const done = marks.filter((m) => m === 'done' || m === 'skipped').length;
  const failed = marks.filter((m) => m === 'failed').length;
  const run = record?.run;
  const output = outputLines(run?.output);
  const rows = step?.command ? commandRows(step.command, width) : [];
  const share = stepperRows({ steps: steps.length, commandRows: rows.length, outputRows: output.length, height });
  const start = Math.max(0, Math.min(selected - Math.floor(share.list / 2), steps.length - share.list));
  const shown = steps.slice(start, start + share.list);
  const top = Math.max(0, Math.min(scroll, rows.length - share.command));
  const c = step?.command ? confirmationFor(step.command) : undefined;
  const heading = c
    ? `${c.lines > 1 ? ` · ${c.lines} lines` : ''}${c.destructive ? ` · ${DANGER_NAMES[c.danger]}${c.lines > 1 ? ` (line ${c.line})` : ''}: type ${c.word} to run` : ''}${rows.length > share.command ? ` · rows ${top + 1}-${top + share.command} of ${rows.length}, pgdn/pgup scroll` : ''}`
    : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{truncate(` ${sanitize(runbook.title)} · ${sanitize(runbook.id)} · ${done}/${steps.length} steps${failed ? ` · ${failed} failed` : ''} · for ${sanitize(forWhat)}`, width)}</Text>
      {progressError ? (
        <Text color={tint(theme, 'red')} bold>
          {truncate(` progress cannot be read: ${progressError}`, width)}
        </Text>
      ) : (
        <Text dimColor>{truncate(` ${sanitize(runbook.intro)}`, width)}</Text>
      )}
      {shown.map((s) => {
        const mark = marks[steps.indexOf(s)];
        const isSel = s === step;
        const section = s.number === 1 ? (s.section === 'diagnosis' ? 'Diagnosis  ' : 'Resolution ') : '           ';
        return (
          <Text key={s.key} inverse={isSel} color={tint(theme, mark ? MARK_COLOR[mark] : undefined)}>
            {truncate(`${isSel ? '▶' : ' '}${section}${mark ? MARK[mark] : ' '} ${s.number}. ${sanitize(stepText(s))}`, width).padEnd(width)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      {step ? (
        <Box flexDirection="column">
          <Text>
            <Text bold>{' Command'}</Text>
            {c ? <Text color={tint(theme, c.destructive ? 'red' : 'cyan')}>{truncate(heading, width - 8)}</Text> : <Text dimColor>{truncate(' none: do it by hand, then mark it (d done, s skip)', width - 8)}</Text>}
          </Text>
          {rows.slice(top, top + share.command).map((r, i) => (
            <Text key={i} color={tint(theme, r.danger ? 'red' : 'cyan')}>
              {r.text}
            </Text>
          ))}
          <Text dimColor>
            {truncate(
              ` ${record?.status ? `${record.status} by ${sanitize(record.operator)} at ${formatClock(record.at ?? now)}` : 'not marked yet'}${run ? ` · ran ${formatAge(now - run.at)} ago by ${sanitize(run.operator)}: ${run.timedOut ? 'timed out' : run.exitCode === null ? 'stopped' : `exit ${run.exitCode}`}${stepMark(record) === 'failed' ? ' (failed)' : ''} in ${run.ms}ms` : ''}`,
              width,
            )}
          </Text>
          {(share.output ? output.slice(-share.output) : []).map((l, i) => (
            <Text key={i}>{truncate(`   ${l}`, width)}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
