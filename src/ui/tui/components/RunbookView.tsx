import React from 'react';
import { Box, Text } from 'ink';
import type { Progress } from '../../../store/progress-file.js';
import { confirmationFor } from '../../../runbooks/runner.js';
import { stepText } from '../../../runbooks/render.js';
import { allSteps, type Runbook } from '../../../runbooks/types.js';
import { formatAge, formatClock, truncate } from '../../format.js';
import { sanitize, sanitizeLines } from '../../../util/sanitize.js';
import { tint, useTheme } from '../theme.js';

interface Props {
  runbook: Runbook;
  progress: Progress | undefined;
  selected: number;
  /** Who the progress belongs to: the alert, or the runbook on its own. */
  forWhat: string;
  now: number;
  width: number;
  height: number;
}

const MARK = { done: '✓', skipped: '–' } as const;

/** The last lines a step's run printed: its output is outside text, each line sanitised. */
function outputTail(output: unknown, count: number): string[] {
  const lines = sanitizeLines(output);
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  return lines.slice(-count);
}

/** One step at a time: the list with what is done, and the selected step with its command and last run. */
export function RunbookView({ runbook, progress, selected, forWhat, now, width, height }: Props) {
  const theme = useTheme();
  const steps = allSteps(runbook);
  const step = steps[Math.min(selected, steps.length - 1)];
  const record = step ? progress?.steps[step.key] : undefined;
  const done = steps.filter((s) => progress?.steps[s.key]?.status).length;
  const detailRows = 6;
  const listRows = Math.max(3, height - 3 - detailRows);
  const start = Math.max(0, Math.min(selected - Math.floor(listRows / 2), steps.length - listRows));
  const shown = steps.slice(start, start + listRows);
  const run = record?.run;
  const output = run ? outputTail(run.output, detailRows - 3) : [];
  // A team's runbook and the progress file are outside text too: every piece sanitised.
  const confirm = step?.command ? confirmationFor(step.command) : undefined;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{truncate(` ${sanitize(runbook.title)} · ${sanitize(runbook.id)} · ${done}/${steps.length} steps · for ${sanitize(forWhat)}`, width)}</Text>
      <Text dimColor>{truncate(` ${sanitize(runbook.intro)}`, width)}</Text>
      {shown.map((s) => {
        const rec = progress?.steps[s.key];
        const isSel = s === step;
        const mark = rec?.status ? MARK[rec.status] : ' ';
        const section = s.number === 1 ? (s.section === 'diagnosis' ? 'Diagnosis  ' : 'Resolution ') : '           ';
        return (
          <Text key={s.key} inverse={isSel} color={tint(theme, rec?.status === 'done' ? 'green' : rec?.status === 'skipped' ? 'gray' : undefined)}>
            {truncate(`${isSel ? '▶' : ' '}${section}${mark} ${s.number}. ${sanitize(stepText(s))}`, width).padEnd(width)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      {step ? (
        <Box flexDirection="column">
          <Text>
            <Text bold>{' Command '}</Text>
            {step.command && confirm ? (
              <Text color={tint(theme, confirm.destructive ? 'red' : 'cyan')}>
                {truncate(sanitize(step.command.split('\n')[0]!), width - 30)}
                {confirm.destructive ? `  (changes things: type ${sanitize(confirm.word)} to run)` : ''}
              </Text>
            ) : (
              <Text dimColor>none: do it by hand, then mark it (d done, s skip)</Text>
            )}
          </Text>
          <Text dimColor>
            {truncate(
              ` ${record?.status ? `${record.status} by ${sanitize(record.operator)} at ${formatClock(record.at ?? now)}` : 'not marked yet'}${run ? ` · ran ${formatAge(now - run.at)} ago by ${sanitize(run.operator)}: ${run.timedOut ? 'timed out' : `exit ${run.exitCode}`} in ${run.ms}ms` : ''}`,
              width,
            )}
          </Text>
          {output.map((l, i) => (
            <Text key={i}>{truncate(`   ${l}`, width)}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
