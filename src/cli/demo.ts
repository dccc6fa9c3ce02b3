// `npm start`: a fresh machine has no GPT-Trader, so bring the stand-in up in
// this process and open the console on it; without a terminal, say how to
// reach the simulator instead.

import { randomBytes } from 'node:crypto';
import type { GlobalOptions } from './options.js';
import { configOrExit } from './config-or-exit.js';
import { writeOut } from './output.js';

export async function runDemo(globals: GlobalOptions): Promise<number> {
  const { startSim, SCENARIOS } = await import('../sim/index.js');
  const token = process.env.GPTMON_TOKEN || randomBytes(12).toString('hex');
  // 8080 and 5433 when free (another sim, a real service may hold them): else any free port will do.
  const start = async (port: number) => {
    try {
      return await startSim({ port, token, database: { port: 5433 } });
    } catch (e) {
      if ((e as { dbPort?: number }).dbPort === undefined) throw e;
      return startSim({ port, token, database: { port: 0 } });
    }
  };
  let sim;
  try {
    sim = await start(8080);
  } catch {
    sim = await start(0);
  }
  const url = sim.url;
  const dbUrl = sim.database!.url;
  const howTo = [
    `gptmon demo: a simulated GPT-Trader is running at ${url} (scenario calm)`,
    '',
    `  export GPTMON_TRADER_URL=${url} GPTMON_TOKEN=${token} GPTMON_DATABASE_URL=${dbUrl}`,
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
    const config = configOrExit({ ...globals, trader: url, database: dbUrl });
    if (!config) return 2;
    // The console's controls act on this simulator with its token.
    process.env.GPTMON_TOKEN = token;
    // Said before the console takes the screen, so it is in the scrollback to copy while the console runs.
    writeOut(howTo);
    const { consoleOptions, runTui } = await import('./tui-runtime.js');
    const running = sim;
    const demo = {
      url,
      token,
      scenarios: SCENARIOS.map((s) => s.name),
      setScenario: (name: string) => {
        if (!SCENARIOS.some((s) => s.name === name)) return `no scenario called ${name}; :scenario and tab lists them`;
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
