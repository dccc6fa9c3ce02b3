// `npm start`: a fresh machine has no GPT-Trader, so bring the stand-in up in
// this process and say how to reach it.

import { randomBytes } from 'node:crypto';
import type { GlobalOptions } from './main.js';

export async function runDemo(_globals: GlobalOptions): Promise<number> {
  const { startSim } = await import('../sim/index.js');
  const token = process.env.GPTMON_TOKEN || randomBytes(12).toString('hex');
  let sim;
  try {
    sim = await startSim({ port: 8080, token });
  } catch {
    // 8080 is taken (another sim, a real service): any free port will do.
    sim = await startSim({ port: 0, token });
  }
  const url = sim.url;
  process.stdout.write(
    [
      `gptmon demo: a simulated GPT-Trader is running at ${url} (scenario calm)`,
      '',
      `  export GPTMON_TRADER_URL=${url} GPTMON_TOKEN=${token}`,
      `  curl -s ${url}/metrics`,
      `  curl -s ${url}/health/detailed`,
      `  curl -s -X POST ${url}/sim/scenario -d '{"name":"drawdown"}'    # start an incident`,
      '  node bin/gptmon.js sim --list                                    # the incidents',
      '',
      'The console (gptmon tui) is not built yet. Ctrl-C stops the simulator.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
