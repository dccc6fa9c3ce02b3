// The soak alone, longer than the bench's: `node bench/soak-only.mjs [seconds]`
// after `npm run build`; prints the figures and the floors (each read after a full collection).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { measureSoak } = await import('./soak.mjs');
const seconds = Number(process.argv[2] ?? 1500);
const stateDir = mkdtempSync(join(tmpdir(), 'gptmon-soak-'));
try {
  const { samples, floors, ...figures } = await measureSoak({ seconds, speed: 48, stateDir });
  const shown = (f) => ({ t: Math.round(f.t), heap: +f.heap.toFixed(2), objects: +f.objects.toFixed(2), anon: +f.anon.toFixed(1), rss: +f.rss.toFixed(1) });
  console.log(JSON.stringify({ ...figures, floors: floors?.map(shown) }, null, 1));
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
