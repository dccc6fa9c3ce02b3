import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import type { RunningSim } from '../../src/sim/index.js';
import { call, closeAll, get, post, start } from './helpers.js';

/** A check for waitFor: true once the simulator has logged a request (and is holding it). */
const heldRequests = (sim: RunningSim) => async () => ((await get(sim, '/sim/requests')).json as unknown[]).length > 0;

afterEach(closeAll);

describe('sim system-down', () => {
  it('holds trader requests unanswered while /sim/* still answers', async () => {
    const sim = await start();
    expect((await post(sim, '/sim/scenario', { name: 'system-down' })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/health/detailed'],
      ['GET', '/metrics'],
      ['GET', '/admin/state'],
      ['POST', '/admin/halt'],
    ]) {
      // A timeout, not a refusal or a reset: the request was held.
      await expect(call(sim, method!, path!, { timeoutMs: 200 }), path).rejects.toMatchObject({ name: 'TimeoutError' });
    }
    expect(sim.model.state().trading).toBe('active');
    const scenario = await get(sim, '/sim/scenario');
    expect(scenario.status).toBe(200);
    expect(scenario.json).toMatchObject({ name: 'system-down' });
    const log = (await get(sim, '/sim/requests')).json as { path: string }[];
    expect(log.map((r) => r.path)).toEqual(['/health/detailed', '/metrics', '/admin/state', '/admin/halt']);
  });

  it('drops held requests when the scenario changes, then answers again', async () => {
    const sim = await start({ scenario: 'system-down' });
    const pending = call(sim, 'GET', '/health/detailed', { timeoutMs: 10_000 });
    // The server must have the request before the switch, or the test proves nothing.
    await waitFor('the held request in the simulator\'s log', heldRequests(sim), 5000, 10);
    await post(sim, '/sim/scenario', { name: 'calm' });
    // Dropped by the server (a network error), not given up on by the client.
    const error = await pending.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((await get(sim, '/health/detailed')).status).toBe(200);
  });

  it('close() ends held connections', async () => {
    const sim = await start({ scenario: 'system-down' });
    const pending = call(sim, 'GET', '/metrics', { timeoutMs: 10_000 });
    await waitFor('the held request in the simulator\'s log', heldRequests(sim), 5000, 10);
    await sim.close();
    const error = await pending.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
  });
});
