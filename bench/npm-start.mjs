// `npm start` on a checkout that is already built, as a newcomer runs it a
// second time: from exec to the first live frame of the demo console
// (npm itself, the staleness check, the simulator and the console).

import { underPty } from './lib/pty.mjs';
import { summary } from './lib/stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const LIVE = /TRADING ACTIVE[\s\S]*Drawdown\s+\d+\.\d%/;

export async function measureNpmStart({ runs, stateDir }) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pty = underPty(`sh -c 'cd ${ROOT} && exec npm start --silent'`, { env: { XDG_STATE_HOME: `${stateDir}/npm-start-${i}`, XDG_CONFIG_HOME: stateDir } });
    const live = await pty.shows(LIVE, 20_000);
    times.push(live !== undefined ? live - t0 : NaN);
    await pty.stop();
  }
  return summary(times);
}
