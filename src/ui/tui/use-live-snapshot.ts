// The snapshot React renders. With a screen that paints live regions, a new
// snapshot is a React commit only when the console's structure changes (see
// live-structure.ts): a view, a panel's rows, an alert coming, going or
// moving, pause. Otherwise the screen repaints the live lines from it, and
// React, Ink and yoga do nothing at all. Without such a screen (a test with
// Ink alone), or on a view that is not live, every snapshot is a commit.

import { useCallback, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { Snapshot } from '../../engine/types.js';
import type { ControllerLike } from './controller.js';
import type { LivePaint } from './screen.js';

/** What the frame's structure is for a snapshot; undefined when every snapshot must be a commit. */
export type Structure = ((snap: Snapshot) => string) | undefined;

export function useLiveSnapshot(controller: ControllerLike, paint: LivePaint | undefined, structure: Structure): Snapshot {
  // What the last commit drew: its snapshot, and its structure worked out then (pause is read at that moment).
  const drawn = useRef<{ snap: Snapshot; structure: Structure; key: string | undefined }>(undefined);
  const subscribe = useCallback(
    (notify: () => void) =>
      controller.subscribe(() => {
        const d = drawn.current;
        const next = controller.getSnapshot();
        if (paint && d?.structure && d.key !== undefined && next !== d.snap && d.structure(next) === d.key) {
          paint.repaint();
          return;
        }
        notify();
      }),
    [controller, paint],
  );
  const snap = useSyncExternalStore(subscribe, controller.getSnapshot);
  useLayoutEffect(() => {
    if (drawn.current?.snap === snap && drawn.current.structure === structure) return;
    // Without a screen that paints, every snapshot is a commit anyway: no key to work out.
    drawn.current = { snap, structure, key: paint ? structure?.(snap) : undefined };
  });
  return snap;
}
