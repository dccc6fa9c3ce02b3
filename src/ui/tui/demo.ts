/**
 * When the console runs on the built-in simulator (`npm start`): where it is,
 * its token, and its incidents. The header says SIM so nobody takes it for the
 * trader, `:scenario NAME` starts an incident, and the help says how to reach
 * it from another shell.
 */
export interface DemoInfo {
  url: string;
  token: string;
  scenarios: readonly string[];
  /** Starts a scenario; says why not when it cannot. */
  setScenario(name: string): string | undefined;
}

/** What another shell needs to act on the simulator, for the help view. */
export function demoLines(demo: DemoInfo): string[] {
  return [
    ` This is the simulator at ${demo.url}, not a trader.`,
    '  :scenario NAME starts an incident (tab completes the names)',
    '  From another shell:',
    `    export GPTMON_TRADER_URL=${demo.url} GPTMON_TOKEN=${demo.token}`,
    '    gptmon status            # or: node bin/gptmon.js status',
    '    gptmon halt --confirm --reason "trying it"',
  ];
}
