import React from 'react';
import { Box, Text } from 'ink';
import type { IncidentsNow, OpenIncident } from '../../../incidents/incident-service.js';
import { truncate } from '../../../text/format.js';
import { sanitize } from '../../../util/sanitize.js';
import { fitRow, incidentGeometry, problemLines, summaryText, type IncidentPanes, type Row } from '../incident-rows.js';
import { tint, useTheme, type Theme } from '../theme.js';

interface Props {
  /** Undefined: this console records no incidents. */
  state: IncidentsNow | undefined;
  shown: OpenIncident | undefined;
  panes: IncidentPanes;
  pane: 'timeline' | 'checklist';
  /** The focused pane's first row (↑/↓, pgup/pgdn). */
  top: number;
  filter: string;
  /** The severity a declaration now would be offered, and why. */
  suggestion: { sev: number; why: string };
  now: number;
  width: number;
  height: number;
}

/**
 * The open incident at one glance: what it is and how long it has run, the
 * commander's checklist with what gptmon ticked by itself and on what
 * evidence, and the timeline, newest first: side by side from 100 columns
 * (the timeline scrolls), else one at a time. Tab shows the checklist alone,
 * at full width: every automatic tick's evidence whole, and it scrolls.
 */
export function IncidentView({ state, shown, panes, pane, top, filter, suggestion, now, width, height }: Props) {
  const theme = useTheme();
  const problems = problemLines(state, shown);
  const problemRows = problems.map((p, i) => (
    <Text key={`p${i}`} color={tint(theme, p.startsWith('✖') ? 'red' : 'yellow')} bold>
      {truncate(` ${p}`, width)}
    </Text>
  ));
  if (!state || !shown) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {problemRows}
        <Text bold>{state ? ' No incident is open.' : ' This console records no incidents.'}</Text>
        <Text>{' :incident start declares one: a title, then the severity, then the commander.'}</Text>
        <Text dimColor>{` Suggested now: SEV${suggestion.sev}, ${sanitize(suggestion.why)}.`}</Text>
        <Text dimColor>{" Declaring, notes and ticks write only the incident's timeline, never the trader: they work in --read-only."}</Text>
      </Box>
    );
  }
  const g = incidentGeometry(width, height, problems.length);
  const done = shown.items.filter((i) => i.ticked).length;
  const more = state.open.length - 1;
  const summary = summaryText(shown, more, now);
  const sev = `SEV${shown.incident.sev}`;
  const checklist = { title: `Checklist ${done}/${shown.items.length}`, rows: panes.checklist, other: 'timeline' };
  const timeline = { title: `Timeline, newest first (UTC)${filter ? ` /${filter}: ${panes.timeline.length} of ${panes.total}` : ''}`, rows: panes.timeline, other: g.two ? 'full checklist' : 'checklist' };
  const focused = pane === 'checklist' ? checklist : timeline;
  const alone = pane === 'checklist' || !g.two;
  const paneOf = (p: typeof checklist, w: number) => <Pane key={p.title} title={p.title} hint={p === focused ? `tab: ${p.other}` : ''} rows={p.rows} top={p === focused ? top : 0} focused={p === focused} width={w} height={g.rows} theme={theme} />;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text>
        <Text bold inverse color={tint(theme, shown.incident.sev <= 2 ? 'red' : 'yellow')}>{` ${sev} `}</Text>
        <Text bold>{truncate(summary.slice(sev.length + 1), Math.max(0, width - sev.length - 2))}</Text>
      </Text>
      {problemRows}
      {!alone ? (
        <Box flexDirection="row">
          {paneOf(checklist, g.left)}
          <Text> </Text>
          {paneOf(timeline, g.right)}
        </Box>
      ) : (
        paneOf(focused, width)
      )}
    </Box>
  );
}

function Pane({ title, hint, rows, top, focused, width, height, theme }: { title: string; hint: string; rows: Row[]; top: number; focused: boolean; width: number; height: number; theme: Theme }) {
  const start = Math.max(0, Math.min(top, rows.length - height));
  const shown = rows.slice(start, start + height);
  const where = rows.length > height ? ` · ${start + 1}-${start + shown.length} of ${rows.length}` : '';
  const head = truncate(` ${title}${where}${hint ? ` · ${hint}` : ''} `, width);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={focused} dimColor={!focused} color={tint(theme, focused ? 'cyan' : undefined)}>
        {`${head}${'─'.repeat(Math.max(0, width - head.length))}`}
      </Text>
      {shown.length ? shown.map((r, i) => <RowLine key={start + i} row={r} width={width} theme={theme} />) : <Text dimColor>{title.startsWith('Timeline') ? ' nothing matches the filter' : ' no items'}</Text>}
    </Box>
  );
}

function RowLine({ row, width, theme }: { row: Row; width: number; theme: Theme }) {
  const { text, tag } = fitRow(row, width);
  if (row.tone === 'section') return <Text bold>{text}</Text>;
  if (row.tone === 'lead' || row.tone === 'divider') return <Text dimColor>{text + tag}</Text>;
  return (
    <Text>
      {row.tone === 'done' ? <Text color={tint(theme, 'green')}>{text.slice(0, 2)}</Text> : text.slice(0, 2)}
      {text.slice(2)}
      <Text dimColor>{tag}</Text>
    </Text>
  );
}
