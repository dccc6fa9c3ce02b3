// The console's first frame waits for the first poll (runTui races it against
// a short deadline): the controller says when that poll is done, whether the
// trader answered or not, and what it published then is what the frame shows.

import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Monitor } from '../../src/monitor/monitor.js';
import { startSim } from '../../src/sim/index.js';
import { Controller } from '../../src/ui/tui/controller.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function controllerFor(trader: string): Controller {
  const { config } = loadConfig({ trader }, { XDG_CONFIG_HOME: tmp.dir() });
  const monitor = new Monitor({ config, ackFile: join(tmp.dir(), 'acks.json'), refreshMs: 60_000 });
  const controller = new Controller({ monitor, refreshMs: 60_000 });
  stops.push(() => controller.stop());
  return controller;
}

describe('the first poll', () => {
  it('settles once the trader has answered, with its answer published', async () => {
    const sim = await startSim({ port: 0, token: 't', seed: 3 });
    stops.push(() => sim.close());
    const c = controllerFor(sim.url);
    expect(c.getSnapshot().sources.trader.lastOkAt).toBeUndefined();
    c.start();
    await c.firstPoll;
    expect(c.getSnapshot().sources.trader.state).toBe('ok');
    expect(c.getSnapshot().trader.trading).toBe('active');
  });

  it('settles when the trader cannot be reached, with that failure published (not an empty OK)', async () => {
    // A port that refuses: listened on, then closed.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const c = controllerFor(`http://127.0.0.1:${port}`);
    c.start();
    await c.firstPoll;
    expect(c.getSnapshot().sources.trader.state).toBe('down');
    expect(c.getSnapshot().trader.trading).toBeUndefined();
  });
});
