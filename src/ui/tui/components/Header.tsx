import React from 'react';
import { Box } from 'ink';
import type { Snapshot } from '../../../engine/types.js';
import type { IncidentBadge } from '../header-text.js';
import { headerTop, headerTrust } from '../header-lines.js';
import { Live } from '../live.js';
import { useTheme } from '../theme.js';

export { sourceAge } from '../header-text.js';

interface Props {
  snap: Snapshot;
  width: number;
  paused: boolean;
  /** The simulator's URL when this is the demo: said in the header, so nobody mistakes it for the trader. */
  demo?: string;
  /** A critical value in a panel scrolled out of view (one column): where it is, for a snapshot. */
  offscreen?: (snap: Snapshot) => string | undefined;
  /** The incident open now: its severity in every view. */
  incident?: IncidentBadge;
}

/**
 * Line one answers "is money at risk?", line two whether to trust it (see
 * header-lines.ts). Both are live: the clock and the ages move every second
 * without a React commit.
 */
export const Header = React.memo(function Header({ snap, width, paused, demo, offscreen, incident }: Props) {
  const theme = useTheme();
  const options = (s: Snapshot) => ({ width, paused, theme, demo, offscreen: offscreen?.(s), incident });
  return (
    <Box flexDirection="column" width={width}>
      <Live snap={snap} width={width} line={(s) => headerTop(s, options(s))} />
      <Live snap={snap} width={width} line={(s) => headerTrust(s, options(s))} />
    </Box>
  );
});
