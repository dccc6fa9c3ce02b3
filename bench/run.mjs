// npm run bench: builds once, then measures what on-call feels, each figure
// beside its target, and writes bench/results.json and a Markdown table.
// `--quick` shortens the steady minute and the repeats, for a look while working.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The console ships React's production build (build.mjs); measure that one.
process.env.NODE_ENV ??= 'production';
const quick = process.argv.includes('--quick');
const root = new URL('..', import.meta.url).pathname;
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });

const { startSim } = await import('../dist/sim/index.js');
const { measureStartup } = await import('./startup.mjs');
const { measureFirstFrame, measureSteady } = await import('./console.mjs');
const { measureScale } = await import('./scale.mjs');
const { measureReference } = await import('./reference.mjs');
const { measureNpmStart } = await import('./npm-start.mjs');

const stateDir = mkdtempSync(join(tmpdir(), 'gptmon-bench-'));
const token = 'bench-token';
const running = await startSim({ port: 0, token, seed: 42 });
const sim = { url: running.url, token };
const log = (s) => process.stderr.write(`bench: ${s}\n`);

try {
  log('start-up');
  const startup = await measureStartup({ runs: quick ? 5 : 15, sim, stateDir });
  log('npm start, already built');
  const npmStart = await measureNpmStart({ runs: quick ? 3 : 7, stateDir });
  log('first live frame');
  const firstFrame = await measureFirstFrame({ runs: quick ? 3 : 7, sim, stateDir });
  log(`steady polling for ${quick ? 15 : 60} s, then detection`);
  const steady = await measureSteady({ seconds: quick ? 15 : 60, sim, stateDir });
  log('scale: 1,000 alerts, 200 components');
  const scale = await measureScale({ samples: quick ? 15 : 40 });
  log('reference tools');
  const reference = await measureReference(quick ? 10 : 30);

  const pollMs = 1000;
  const rows = [
    ['`gptmon --version`', `${startup.version.median.toFixed(0)} ms (${startup.version.min.toFixed(0)}-${startup.version.max.toFixed(0)}), ${startup.version.ratio.toFixed(2)}x node`, '≤ 2x `node -e 0`', startup.version.ratio <= 2],
    ['`gptmon runbook memory`', `${startup.runbook.median.toFixed(0)} ms (${startup.runbook.min.toFixed(0)}-${startup.runbook.max.toFixed(0)}), ${startup.runbook.ratio.toFixed(2)}x node`, '≤ 2x `node -e 0`', startup.runbook.ratio <= 2],
    ['`gptmon halt --confirm`, exec to POST received', `${startup.halt.median.toFixed(0)} ms (${startup.halt.min.toFixed(0)}-${startup.halt.max.toFixed(0)}), ${startup.halt.ratio.toFixed(2)}x node`, '≤ 3x `node -e 0`', startup.halt.ratio <= 3],
    ['`node -e 0` (baseline)', `${startup.node.median.toFixed(0)} ms (${startup.node.min.toFixed(0)}-${startup.node.max.toFixed(0)})`, '', null],
    ['`npm start` (built checkout) to first live frame', `${npmStart.median.toFixed(0)} ms (${npmStart.min.toFixed(0)}-${npmStart.max.toFixed(0)})`, '< 2 s', npmStart.median < 2000],
    ['console: exec to first live frame', `${firstFrame.median.toFixed(0)} ms (${firstFrame.min.toFixed(0)}-${firstFrame.max.toFixed(0)})`, '< 600 ms', firstFrame.median < 600],
    [`console: resident memory after ${Math.round(steady.seconds)} s`, `${steady.rssMb.toFixed(1)} MB`, '< 100 MB', steady.rssMb < 100],
    ['console: CPU at a 1 s refresh', `${(steady.cpuShare * 100).toFixed(2)}% of a core`, '< 2%', steady.cpuShare < 0.02],
    ['console: bytes per refresh at 100x30', `${steady.bytesPerRefresh.toFixed(0)} B (full redraw ${steady.fullRedrawBytes} B, ${(steady.bytesPerRefresh / steady.fullRedrawBytes).toFixed(2)}x)`, '< 0.25x full redraw', steady.bytesPerRefresh < steady.fullRedrawBytes / 4],
    ['detection: threshold crossed to alert on screen', `${steady.detectionMs.median.toFixed(0)} ms (${steady.detectionMs.min.toFixed(0)}-${steady.detectionMs.max.toFixed(0)}), poll ${pollMs} ms`, `≤ poll + 300 ms`, steady.detectionMs.median <= pollMs + 300],
    ['scale: frame with 1,000 alerts, 200 components', `${scale.frameMs.median.toFixed(1)} ms (${scale.frameMs.min.toFixed(1)}-${scale.frameMs.max.toFixed(1)})`, '< 16 ms', scale.frameMs.median < 16],
    ['scale: `/` filter keystroke to frame', `${scale.keystrokeMs.median.toFixed(1)} ms (${scale.keystrokeMs.min.toFixed(1)}-${scale.keystrokeMs.max.toFixed(1)})`, '< 50 ms', scale.keystrokeMs.median < 50],
    ['network: connections opened per minute of polling', `${steady.connectionsPerMinute.toFixed(1)}`, '≤ 1 per origin', steady.connectionsPerMinute <= 1],
    ['network: requests per tick (embedded mode)', `${steady.requestsPerTick.toFixed(1)}`, '', null],
  ];
  for (const [tool, r] of Object.entries(reference)) {
    rows.push([`reference: ${tool} at 100x30`, r.installed ? (r.error ? r.error : `${(r.cpuShare * 100).toFixed(2)}% of a core, ${r.bytesPerSecond.toFixed(0)} B/s`) : 'not installed', '', null]);
  }
  rows.push(['console: bytes per second', `${(steady.bytesPerRefresh * (1000 / pollMs)).toFixed(0)} B/s`, '', null]);

  const table = ['| figure | measured (median, min-max) | target | met |', '|---|---|---|---|', ...rows.map(([a, b, c, d]) => `| ${a} | ${b} | ${c} | ${d === null ? '' : d ? 'yes' : '**no**'} |`)].join('\n');
  const results = { when: new Date().toISOString(), node: process.version, quick, startup, npmStart, firstFrame, steady, scale, reference, table: rows.map(([figure, measured, target, met]) => ({ figure, measured, target, met })) };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table}\n`);
} finally {
  await running.close();
  rmSync(stateDir, { recursive: true, force: true });
}
