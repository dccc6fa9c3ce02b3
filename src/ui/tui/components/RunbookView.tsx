import React from 'react';
import { Box, Text } from 'ink';
import type { Progress } from '../../../store/progress-file.js';
import { confirmationFor } from '../../../runbooks/runner.js';
import { stepText } from '../../../runbooks/render.js';
import { allSteps, type Runbook } from '../../../runbooks/types.js';
import { formatAge, formatClock, truncate } from '../../format.js';
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
  const output = run ? run.output.trimEnd().split('\n').slice(-(detailRows - 3)) : [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{truncate(` ${runbook.title} · ${runbook.id} · ${done}/${steps.length} steps · for ${forWhat}`, width)}</Text>
      <Text dimColor>{truncate(` ${runbook.intro}`, width)}</Text>
      {shown.map((s) => {
        const rec = progress?.steps[s.key];
        const isSel = s === step;
        const mark = rec?.status ? MARK[rec.status] : ' ';
        const section = s.number === 1 ? (s.section === 'diagnosis' ? 'Diagnosis  ' : 'Resolution ') : '           ';
        return (
          <Text key={s.key} inverse={isSel} color={tint(theme, rec?.status === 'done' ? 'green' : rec?.status === 'skipped' ? 'gray' : undefined)}>
            {truncate(`${isSel ? '▶' : ' '}${section}${mark} ${s.number}. ${stepText(s)}`, width).padEnd(width)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      {step ? (
        <Box flexDirection="column">
          <Text>
            <Text bold>{' Command '}</Text>
            {step.command ? (
              <Text color={tint(theme, confirmationFor(step.command).destructive ? 'red' : 'cyan')}>
                {truncate(step.command.split('\n')[0]!, width - 30)}
                {confirmationFor(step.command).destructive ? `  (changes things: type ${confirmationFor(step.command).word} to run)` : ''}
              </Text>
            ) : (
              <Text dimColor>none: do it by hand, then mark it (d done, s skip)</Text>
            )}
          </Text>
          <Text dimColor>
            {truncate(
              ` ${record?.status ? `${record.status} by ${record.operator} at ${formatClock(record.at ?? now)}` : 'not marked yet'}${run ? ` · ran ${formatAge(now - run.at)} ago by ${run.operator}: ${run.timedOut ? 'timed out' : `exit ${run.exitCode}`} in ${run.ms}ms` : ''}`,
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
