#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1
// A small young generation: the console allocates little per frame, and a
// large one only raises its resident memory all night. One V8 helper thread
// instead of four: each holds memory of its own, about 10 MB of private memory
// in all, and a console that works a few milliseconds a second gains nothing
// from parallel collection (see bench/).
// The launcher: load the built CLI and turn any failure into one line.
let settled = false;
const fail = (err) => {
  settled = true;
  // An error's message may quote outside text: no control character reaches the terminal.
  const message = (err && err.message ? err.message : String(err)).replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '');
  const hint = process.env.GPTMON_DEBUG ? `\n${err && err.stack}` : ' (GPTMON_DEBUG=1 shows the stack)';
  process.stderr.write(`gptmon: internal error: ${message}${hint}\n`);
  process.exitCode = 70;
};

// Node exits 0 when nothing is left to wait on, even if the command's promise
// never settled: a control that silently did nothing would look like success.
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  process.stderr.write('gptmon: internal error: the command did not finish\n');
  process.exitCode = 70;
});

// The console and the demo stay open for days: without the small young
// generation (`node bin/gptmon.js tui`, which skips the line above) V8 grows
// it to 32 MB and keeps it. Flags for the heap only work at start, so such a
// run starts once more with them; the short commands start as they are.
const LONG_LIVED = new Set(['tui', 'demo']);
const HEAP_FLAG = '--max-semi-space-size';
const HEAP_FLAGS = [`${HEAP_FLAG}=1`, '--v8-pool-size=1'];
const flagged = process.execArgv.some((a) => a.startsWith(HEAP_FLAG)) || (process.env.NODE_OPTIONS ?? '').includes(HEAP_FLAG);
if (!flagged && process.argv.slice(2).some((a) => LONG_LIVED.has(a))) relaunch();
else run();

function relaunch() {
  Promise.all([import('node:child_process'), import('node:os')]).then(([{ spawn }, { constants }]) => {
    // The fourth descriptor is the console's line to this process: it reads end-of-file the moment this
    // process is gone, however it died (kill -9 included), with nothing polled meanwhile.
    const child = spawn(process.execPath, [...HEAP_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env: { ...process.env, GPTMON_LAUNCHER_FD: '3' } });
    // A signal sent to this process is for the console: passed on, and the console's exit is this one's.
    const signals = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM'];
    const forward = (signal) => child.kill(signal);
    for (const s of signals) process.on(s, forward);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      settled = true;
      // A process the console started may still hold its end of the line: this one need not wait for it.
      child.stdio[3]?.destroy();
      for (const s of signals) process.off(s, forward);
      process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
    });
  }, fail);
}

function run() {
  if (process.argv.slice(2).some((a) => LONG_LIVED.has(a))) tuneCompiler();
  // Started again by the launcher: a launcher killed outright (kill -9) must not leave the console running
  // without it, so when it is gone the console ends as on a hang-up, putting the terminal back. Its pipe
  // says so as it happens: checking the parent once a second would wake the console once more a second.
  if (process.env.GPTMON_LAUNCHER_FD === '3') {
    delete process.env.GPTMON_LAUNCHER_FD;
    import('node:net').then(({ Socket }) => {
      const line = new Socket({ fd: 3, readable: true, writable: false });
      const gone = () => process.kill(process.pid, 'SIGHUP');
      line.on('end', gone).on('error', gone).resume().unref();
    }, fail);
  }
  import('../dist/bundle/main.js').then(
    (cli) =>
      cli.main(process.argv).then((code) => {
        settled = true;
        process.exitCode = code;
      }, fail),
    (err) => {
      if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
        settled = true;
        process.stderr.write('gptmon: not built yet: run `npm run build` in the gptmon folder\n');
        process.exitCode = 70;
      } else fail(err);
    },
  );
}

// The console runs the same code once a second for days. On Node 20 V8 soon
// sends each such function to TurboFan, whose compiling on a helper thread
// cost more CPU in the first minutes than the faster code ever saves (bench/:
// 1.0% against 0.8% of a core). A larger interrupt budget leaves code run once
// a second to the baseline tiers, while a loop over 100k series still tiers up
// within its first pass. Node 22 and later tier up through Maglev, cheaply, and
// no longer know this flag.
function tuneCompiler() {
  if (Number(process.versions.node.split('.')[0]) !== 20) return;
  process.getBuiltinModule?.('node:v8')?.setFlagsFromString('--interrupt-budget=1048576');
}
