import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Agent from 'undici/lib/dispatcher/agent.js';
import apiRequest from 'undici/lib/api/api-request.js';
import * as undici from 'undici';

// src/sources/http.ts loads undici's Agent and request() by their private
// paths, to spare every command the package index's start-up cost. Private
// paths may move in any release, so the version is pinned, and this says at
// once if an update (or a lock file out of step) breaks them.

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };

describe('undici, loaded by its private paths', () => {
  it('is pinned to one exact version in package.json, and that version is the one installed', () => {
    const wanted = pkg.dependencies.undici;
    expect(wanted, 'an exact version, no ^ or ~ range').toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (JSON.parse(readFileSync(require.resolve('undici/package.json'), 'utf8')) as { version: string }).version;
    expect(installed).toBe(wanted);
  });

  it('the private paths still resolve to the Agent and request() the package exports', () => {
    expect(require.resolve('undici/lib/dispatcher/agent.js')).toMatch(/undici\/lib\/dispatcher\/agent\.js$/);
    expect(require.resolve('undici/lib/api/api-request.js')).toMatch(/undici\/lib\/api\/api-request\.js$/);
    // The very class and function of the public API, not look-alikes.
    expect(Agent).toBe(undici.Agent);
    // The index puts request() on every dispatcher; http.ts calls it with its agent as `this`.
    const agent = new undici.Agent();
    expect(agent.request).toBe(apiRequest);
    void agent.close();
  });
});
