// `npm start`: a fresh machine has no GPT-Trader, so bring the stand-in up
// beside this process and open the console on it; without a terminal, say how
// to reach the simulator instead.

import { randomBytes } from 'node:crypto';
import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { startDemoSim } from './demo-sim.js';
import { writeErr, writeOut } from './output.js';

export async function runDemo(globals: GlobalOptions): Promise<number> {
  const token = process.env.GPTMON_TOKEN || randomBytes(12).toString('hex');
  // 8080 when free (another sim, a real service may hold it): else any free port will do.
  let sim;
  try {
    sim = await startDemoSim(8080, token).catch(() => startDemoSim(0, token));
  } catch (e) {
    writeErr(`gptmon demo: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const url = sim.url;
  const dbUrl = sim.dbUrl;
  const howTo = [
    `gptmon demo: a simulated GPT-Trader is running at ${url} (scenario calm)`,
    '',
    `  export GPTMON_TRADER_URL=${url} GPTMON_TOKEN=${token}${dbUrl ? ` GPTMON_DATABASE_URL=${dbUrl}` : ''}`,
    `  gptmon review models                                             # model performance from its database (ready in a few seconds)`,
    `  gptmon halt --confirm --reason test                              # act on it from another shell`,
    `  curl -s -X POST ${url}/sim/scenario -d '{"name":"drawdown"}'    # start an incident (or :scenario drawdown in the console)`,
    '  node bin/gptmon.js sim --list                                    # the incidents',
    '',
  ].join('\n');
  try {
    if (!process.stdout.isTTY) {
      writeOut(`${howTo}\nNo terminal here, so no console: Ctrl-C stops the simulator.\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      return 0;
    }
    // The simulator is the trader and its database whatever the config says; the rest of the config applies.
    const config = configOrExit({ ...globals, trader: url, ...(dbUrl ? { database: dbUrl } : {}) });
    if (!config) return 2;
    // The console's controls act on this simulator with its token.
    process.env.GPTMON_TOKEN = token;
    // Said before the console takes the screen, so it is in the scrollback to copy while the console runs.
    writeOut(howTo);
    const { consoleOptions, runTui } = await import('./tui-runtime.js');
    const running = sim;
    const scenarios = sim.scenarios;
    const demo = {
      url,
      token,
      scenarios,
      setScenario: (name: string) => {
        if (!scenarios.includes(name)) return `no scenario called ${name}; :scenario and tab lists them`;
        running.setScenario(name);
        return undefined;
      },
    };
    const code = await runTui({ ...consoleOptions(config), demo });
    writeOut(`${howTo}The simulator stopped with the console.\n`);
    return code;
  } finally {
    await sim.close();
  }
}
