// Bundles the CLI for start-up speed: one module graph per command instead of
// hundreds of files resolved and compiled on every run (see bench/).
// Dynamic imports stay split, so `gptmon halt` never loads the console's chunk.

import { copyFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// `node build.mjs --no-minify`: readable names and lines for `node --cpu-prof` (see bench/).
const minify = !process.argv.includes('--no-minify');

// Chunk names change with their content: start clean, or stale chunks pile up.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // Smaller is faster to parse at every start. Names are not kept: keepNames wraps
  // every closure created at run time in a defineProperty call (a few percent of
  // the console's steady CPU); `--no-minify` gives readable stacks.
  minify,
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __gptmonRequire } from 'node:module'; const require = __gptmonRequire(import.meta.url);" },
  // React's production build: its development build checks and times every render.
  define: { 'process.env.NODE_ENV': '"production"' },
  // react-devtools-core is an optional peer of ink, loaded only under DEV=true;
  // pg-native an optional peer of pg, never used. PGlite finds its WebAssembly
  // and data files beside its own modules, so it is loaded from node_modules.
  external: ['react-devtools-core', 'pg-native', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
});

// The simulator's database thread is loaded by URL beside the chunk that starts it.
copyFileSync('src/sim/database/pglite-worker.mjs', 'dist/bundle/pglite-worker.mjs');
