// Live regions: a box of one row that Ink lays out, whose text is a plain
// function of the snapshot. The screen writer paints it from the latest
// snapshot over Ink's frame and at every refresh, without React (see
// screen.ts); Ink leaves the box empty. Without a screen that paints
// (ink-testing-library, renderToString) it is an ordinary line of text, and
// every snapshot is a commit as before.

import React, { createContext, useContext, useLayoutEffect, useRef } from 'react';
import { Box, Text, type DOMElement } from 'ink';
import type { Snapshot } from '../../engine/types.js';
import type { LivePaint, Place } from './screen.js';

/** The screen's painter, from the console's composition root; absent in tests that render with Ink alone. */
export const PaintContext = createContext<LivePaint | undefined>(undefined);

/** Where live regions get the latest snapshot from, and who paints them (App provides it). */
export interface LiveSource {
  paint: LivePaint;
  current(): Snapshot;
}
export const LiveSourceContext = createContext<LiveSource | undefined>(undefined);

/** A text line as a function of the snapshot: exactly `width` columns, SGR allowed. */
export type LineOf = (snap: Snapshot) => string;

/** Where Ink put an element: its box's offsets added up to the root. */
export function placeOf(el: DOMElement | null): Place | undefined {
  if (!el?.yogaNode) return undefined;
  const width = el.yogaNode.getComputedWidth();
  let col = 0;
  let row = 0;
  for (let n: DOMElement | undefined = el; n; n = n.parentNode) {
    if (!n.yogaNode) continue;
    // display: none anywhere above: not on screen.
    if (n.yogaNode.getDisplay() === 1) return undefined;
    col += n.yogaNode.getComputedLeft();
    row += n.yogaNode.getComputedTop();
  }
  return { row: Math.round(row), col: Math.round(col), width: Math.round(width) };
}

/**
 * One live line: `line(snap)` painted by the screen writer from the latest
 * snapshot into the box Ink laid out (or drawn by Ink, with no such screen). The line must read nothing
 * but its snapshot and what was fixed at this commit (width, colour, which
 * alert): the console's structure key (live-structure.ts) covers the rest.
 */
export function Live({ snap, width, line }: { snap: Snapshot; width: number; line: LineOf }) {
  const source = useContext(LiveSourceContext);
  const ref = useRef<DOMElement>(null);
  const latest = useRef(line);
  latest.current = line;
  useLayoutEffect(() => {
    if (!source) return;
    return source.paint.add({ place: () => placeOf(ref.current), text: () => latest.current(source.current()) });
  }, [source]);
  // With a screen that paints, the line's text is the screen's to draw, at every frame
  // (Ink's own frame included): Ink only keeps its place, so a commit spends nothing
  // measuring or styling text that is painted over anyway.
  return (
    <Box ref={ref} width={width} height={1} flexShrink={0}>
      {source ? null : <Text wrap="truncate-end">{line(snap)}</Text>}
    </Box>
  );
}
