// The demo's simulator runs as its own process (`gptmon sim --with-parent`):
// the console's process then holds only the console, so what it costs is what
// an engineer's console costs, and the simulator's database (PGlite, tens of
// megabytes) is not counted against it. The simulator stops when this process
// goes, however it goes: its stdin is our pipe.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { request } from 'node:http';
import { setPriority } from 'node:os';

export interface DemoSim {
  url: string;
  /** The simulator's database, when it serves one. */
  dbUrl: string | undefined;
  scenarios: string[];
  setScenario(name: string): void;
  close(): Promise<void>;
}

const LISTENING = /^gptmon sim listening on (http:\/\/\S+)$/;
const SCENARIOS = /^scenarios: (.+)$/;
const DATABASE = /^database: (postgres(?:ql)?:\/\/\S+) /;

/** Starts the simulator on `port` (0: any free one); rejects with its own one-line reason. */
export function startDemoSim(port: number, token: string): Promise<DemoSim> {
  const child = spawn(process.execPath, [process.argv[1]!, 'sim', '--port', String(port), '--with-parent'], {
    env: { ...process.env, GPTMON_TOKEN: token },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Its database takes seconds of CPU to start, in threads it has yet to create
  // (which inherit this): on a small machine the console's first frame comes first.
  try {
    if (child.pid) setPriority(child.pid, 10);
  } catch {
    /* not allowed here: the same, only slower to open */
  }
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let dbUrl: string | undefined;
    let scenarios: string[] = [];
    let errText = '';
    child.stderr!.on('data', (d: Buffer) => (errText += d.toString()));
    // A simulator that neither greets nor fails is not waited on for ever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the simulator did not start within 30 s'));
    }, 30_000);
    timer.unref();
    child.once('error', (e) => reject(new Error(`cannot start the simulator: ${e.message}`)));
    child.once('exit', (code) => reject(new Error(errText.trim().split('\n')[0] || `the simulator exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      url ??= LISTENING.exec(line)?.[1];
      dbUrl ??= DATABASE.exec(line)?.[1];
      const names = SCENARIOS.exec(line)?.[1];
      if (names) scenarios = names.split(', ');
      // The last line of its greeting: everything the demo needs has been said.
      if (line === 'stop with Ctrl-C' && url) {
        clearTimeout(timer);
        resolve(running(child, url, dbUrl, scenarios));
      }
    });
  });
}

function running(child: ChildProcess, url: string, dbUrl: string | undefined, scenarios: string[]): DemoSim {
  // Later lines (database ready, its stderr) would draw over the console: read and dropped.
  child.stdout!.resume();
  child.stderr!.removeAllListeners('data').resume();
  return {
    url,
    dbUrl,
    scenarios,
    setScenario(name) {
      const req = request(`${url}/sim/scenario`, { method: 'POST' });
      req.on('error', () => {
        /* the simulator gone: the console shows the trader dark */
      });
      req.end(JSON.stringify({ name }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        child.kill('SIGTERM');
      }),
  };
}
