// The database's own health beside the trader's, against a real PostgreSQL:
// connections in use (pg_stat_activity) against max_connections in the
// Health panel and `status`, near-full as a warning, and a database that goes
// away shown as unknown with the age of the last figures, never as OK.

import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Monitor } from '../../src/monitor/monitor.js';
import { startSim, type RunningSim } from '../../src/sim/index.js';
import { healthRows } from '../../src/ui/tui/health-rows.js';
import { runCli } from '../helpers/cli.js';
import { startPostgres, type Postgres } from '../helpers/postgres.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
let db: Postgres;
let sim: RunningSim;

beforeAll(async () => {
  [db, sim] = await Promise.all([startPostgres(), startSim({ port: 0, token: 't', manualClock: true })]);
}, 120_000);
afterAll(async () => {
  await sim?.close();
  await db?.stop();
});

const texts = (rows: ReturnType<typeof healthRows>) => rows.map((r) => ('text' in r ? `${r.level} ${r.text}` : ''));

describe('the database in the Health panel and status', () => {
  it('status: connections in use of max_connections, beside the database_connections metric', async () => {
    const r = await runCli(['status', '--trader', sim.url, '--database', db.url]);
    expect(r.stdout).toMatch(/^DB in use +[1-9]\d*\/40 {2}OK {4} of max_connections \(pg_stat_activity\)$/m);
    expect(r.stdout.indexOf('DB in use')).toBe(r.stdout.indexOf('\nDB conns') - r.stdout.split('\n').find((l) => l.startsWith('DB in use'))!.length);
    expect(r.stdout).not.toContain(db.password);
  });

  it('the panel: read, near full as a warning, then gone: unknown with the age of what was read', async () => {
    let now = Date.parse('2026-11-25T03:00:00Z');
    const { config } = loadConfig({ trader: sim.url, database: db.url }, { XDG_CONFIG_HOME: '/nonexistent-gptmon' });
    const monitor = new Monitor({ config, ackFile: join(tmp.dir(), 'acks.json'), clock: () => now });
    const held: pg.Client[] = [];
    try {
      let snap = await monitor.tick();
      expect(snap.database).toMatchObject({ state: 'ok', max: 40, level: 'ok', at: now });
      const inUse = snap.database!.inUse!;
      expect(inUse).toBeGreaterThanOrEqual(1);
      expect(texts(healthRows(snap)).at(-1)).toBe(`ok ✓ db ${inUse}/40 conns (pg_stat_activity)`);

      // 80% of max_connections in use: the pool is near full.
      for (let i = 0; i < 32; i++) {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        held.push(c);
      }
      now += 5_000;
      snap = await monitor.tick();
      expect(snap.database!.inUse!).toBeGreaterThanOrEqual(32);
      expect(snap.database!.level).toBe('warning');
      expect(texts(healthRows(snap)).at(-1)).toMatch(/^warning ✖ db 3\d\/40 conns \(pg_stat_activity\)$/);
      const seen = snap.database!.inUse!;
      await Promise.all(held.splice(0).map((c) => c.end()));

      await db.stop();
      const readAt = now;
      now += 10_000;
      snap = await monitor.tick();
      expect(snap.database).toMatchObject({ state: 'unknown', inUse: seen, max: 40, at: readAt, level: 'warning' });
      expect(snap.database!.reason).toBe(`database postgres://gptmon:***@127.0.0.1:${db.port}/trader: connection refused (is PostgreSQL listening there?)`);
      expect(texts(healthRows(snap)).at(-1)).toBe(`warning ? db ${seen}/40 conns 10s ago, unknown: connection refused (is PostgreSQL listening there?)`);
      expect(snap.problems).toContain(`connections unknown: ${snap.database!.reason}`);
      expect(snap.verdict.word).not.toBe('OK');
    } finally {
      await Promise.all(held.map((c) => c.end().catch(() => undefined)));
      await monitor.close();
    }
  }, 60_000);

  it('status with the database gone: UNKN and why, one line, no stack', async () => {
    const r = await runCli(['status', '--trader', sim.url, '--database', db.url]);
    expect(r.stdout).toMatch(/^DB in use +\? {2}UNKN {3}connection refused \(is PostgreSQL listening/m);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
