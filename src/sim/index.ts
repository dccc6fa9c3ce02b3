// Public API of the GPT-Trader stand-in. It shares no code with the rest of
// gptmon on purpose: it plays the other side of the contract, and a shared
// helper would let a bug agree with itself on both sides.
import type { AddressInfo } from 'node:net';
import { createSimModel, type SimModel } from './model.js';
import { SCENARIO_SPECS, type Expectation, type UnhealthyExpectation } from './scenarios.js';
import { createHealthNotes } from './health.js';
import { createSimServer } from './server.js';
import { createFaults, createRequestLog } from './traffic.js';
import { startSimDatabase, type SimDatabase } from './database/embedded.js';

export type { SimModel, SimSnapshot, TraderState } from './model.js';
export type { Expectation, UnhealthyExpectation } from './scenarios.js';
export type { SimDatabase } from './database/embedded.js';
export { MODELS as SIM_MODEL_IDS } from './database/predictions.js';

export interface ScenarioInfo {
  name: string;
  /** One line, for `gptmon sim --list` and demos. */
  description: string;
  /** What the scenario promises to show on /metrics, and by when (scenario seconds). */
  expectations: readonly Expectation[];
  /** Health components it turns unhealthy, and by when. */
  unhealthy: readonly UnhealthyExpectation[];
}

/** Every scenario, in display order. */
export const SCENARIOS: readonly ScenarioInfo[] = SCENARIO_SPECS.map((s) => ({
  name: s.name,
  description: s.description,
  expectations: s.expectations,
  unhealthy: s.unhealthy,
}));

export interface StartSimOptions {
  host?: string;
  port?: number;
  scenario?: string;
  seed?: number;
  token: string;
  speed?: number;
  /** Nothing moves unless advance() is called; what tests use instead of sleeping. */
  manualClock?: boolean;
  tickMs?: number;
  /**
   * Serve the trader's database too (embedded PostgreSQL on `port`, 0 for a
   * free one; on the sim's host). It starts in the background: see
   * `database.ready`. Off unless asked: it costs seconds of CPU.
   */
  database?: { port?: number };
}

export interface RunningSim {
  url: string;
  port: number;
  model: SimModel;
  advance(simSeconds: number): void;
  setScenario(name: string): void;
  /** When asked for: the embedded database (its URL at once, ready later). */
  database?: SimDatabase;
  close(): Promise<void>;
}

export async function startSim(opts: StartSimOptions): Promise<RunningSim> {
  const host = opts.host ?? '127.0.0.1';
  const speed = opts.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError('speed must be a positive number');
  if (opts.token === '') throw new RangeError('token must not be empty');
  const model = createSimModel({ seed: opts.seed ?? 1, scenario: opts.scenario ?? 'calm' });
  const { server, releaseHeld } = createSimServer({
    model,
    token: opts.token,
    log: createRequestLog(),
    faults: createFaults(),
    notes: createHealthNotes(),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let database: SimDatabase | undefined;
  try {
    if (opts.database) database = await startSimDatabase({ host, port: opts.database.port ?? 0, seed: opts.seed ?? 1, model });
  } catch (err) {
    server.close();
    // Says which port it was: the trader's is listening fine.
    throw Object.assign(err as Error, { dbPort: opts.database?.port ?? 0 });
  }

  let timer: NodeJS.Timeout | undefined;
  if (opts.manualClock !== true) {
    let last = performance.now();
    // Advance by measured time, not by the nominal tick: timers drift and a
    // busy event loop must not slow the sim's clock down.
    timer = setInterval(() => {
      const now = performance.now();
      model.advance(((now - last) / 1000) * speed);
      last = now;
    }, opts.tickMs ?? 250);
    timer.unref();
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    model,
    advance: (s) => model.advance(s),
    setScenario: (name) => model.setScenario(name),
    ...(database ? { database } : {}),
    close() {
      closing ??= Promise.all([
        new Promise<void>((resolve) => {
          if (timer) clearInterval(timer);
          releaseHeld();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        database?.close(),
      ]).then(() => undefined);
      return closing;
    },
  };
}
