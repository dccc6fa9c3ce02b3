import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Agent from 'undici/lib/dispatcher/agent.js';
import * as undici from 'undici';

// src/sources/http.ts loads undici's Agent by its private path, to spare
// every command the package index's start-up cost. Private paths may move in
// any release, so the version is pinned, and this says at once if an update
// (or a lock file out of step) breaks it.

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };

describe('undici, loaded by its private paths', () => {
  it('is pinned to one exact version in package.json, and that version is the one installed', () => {
    const wanted = pkg.dependencies.undici;
    expect(wanted, 'an exact version, no ^ or ~ range').toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (JSON.parse(readFileSync(require.resolve('undici/package.json'), 'utf8')) as { version: string }).version;
    expect(installed).toBe(wanted);
  });

  it('the private path still resolves to the Agent the package exports, with the dispatch() http.ts calls', () => {
    expect(require.resolve('undici/lib/dispatcher/agent.js')).toMatch(/undici\/lib\/dispatcher\/agent\.js$/);
    // The very class of the public API, not a look-alike.
    expect(Agent).toBe(undici.Agent);
    const agent = new undici.Agent();
    expect(typeof agent.dispatch).toBe('function');
    void agent.close();
  });
});
