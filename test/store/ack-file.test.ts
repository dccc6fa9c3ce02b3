import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAckFile, updateAckFile } from '../../src/store/ack-file.js';
import type { Ack } from '../../src/engine/types.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const NOW = Date.parse('2026-11-25T03:00:00Z');
const ack = (id: string, expiresAt = NOW + 3_600_000): Ack => ({ id, alertname: 'ExcessiveDrawdown', matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }], operator: 'ana', comment: 'c', createdAt: NOW, expiresAt, where: 'local' });

describe('the local ack store', () => {
  it('adds, lists and drops expired acks', () => {
    const file = join(tmp.dir(), 'acks.json');
    expect(readAckFile(file)).toMatchObject({ ok: true, value: [] });
    updateAckFile(file, NOW, (l) => [...l, ack('a'), ack('old', NOW + 10)]);
    expect(readAckFile(file).ok && readAckFile(file)).toMatchObject({ value: [{ id: 'a' }, { id: 'old' }] });
    updateAckFile(file, NOW + 20, (l) => [...l, ack('b')]);
    const ids = (readAckFile(file) as { value: Ack[] }).value.map((a) => a.id);
    expect(ids).toEqual(['a', 'b']);
  });

  it('reads the map of exact values an older gptmon wrote as matchers; drops an ack whose matchers cannot be read', () => {
    const file = join(tmp.dir(), 'acks.json');
    const old = { id: 'old', alertname: 'ExcessiveDrawdown', matchers: { alertname: 'ExcessiveDrawdown', desk: 'fx' }, operator: 'ana', comment: 'c', createdAt: NOW, expiresAt: NOW + 60_000 };
    const odd = { ...old, id: 'odd', matchers: { alertname: 7 } };
    const empty = { ...old, id: 'empty', matchers: [] };
    writeFileSync(file, JSON.stringify({ version: 1, acks: [old, odd, empty] }));
    const read = readAckFile(file);
    expect(read.ok && read.value).toEqual([
      { ...old, matchers: [{ name: 'alertname', value: 'ExcessiveDrawdown', isRegex: false, isEqual: true }, { name: 'desk', value: 'fx', isRegex: false, isEqual: true }], where: 'local' },
    ]);
  });

  it('keeps a corrupt file aside instead of overwriting it', () => {
    const file = join(tmp.dir(), 'acks.json');
    writeFileSync(file, '{"acks": [trunc');
    expect(readAckFile(file)).toMatchObject({ ok: false, reason: `${file} is not valid JSON` });
    expect(updateAckFile(file, NOW, (l) => [...l, ack('a')]).ok).toBe(true);
    expect(readdirSync(tmp.dir()).some((f) => f.startsWith('acks.json.corrupt-'))).toBe(true);
    expect((readAckFile(file) as { value: Ack[] }).value.map((a) => a.id)).toEqual(['a']);
  });

  it('survives a kill between write and rename: the old file is intact', () => {
    const file = join(tmp.dir(), 'acks.json');
    updateAckFile(file, NOW, () => [ack('before')]);
    const before = readFileSync(file, 'utf8');
    // A child process (running the built code) that dies by SIGKILL at the moment it would rename.
    const module = fileURLToPath(new URL('../../dist/store/ack-file.js', import.meta.url));
    const script = `
      import fs from 'node:fs';
      fs.renameSync = () => process.kill(process.pid, 'SIGKILL');
      const { updateAckFile } = await import(${JSON.stringify(module)});
      updateAckFile(${JSON.stringify(file)}, ${NOW}, (l) => [...l, { ...l[0], id: 'lost' }]);
      console.log('not killed');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('not killed');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((readAckFile(file) as { value: Ack[] }).value.map((a) => a.id)).toEqual(['before']);
    // The leftover temp file (and the lock it held) do not get in the way of the next write.
    expect(readdirSync(tmp.dir()).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    expect(updateAckFile(file, NOW, (l) => [...l, ack('after')]).ok).toBe(true);
    expect((readAckFile(file) as { value: Ack[] }).value.map((a) => a.id)).toEqual(['before', 'after']);
    // The next write cleans up after the killed one: no temp file, no lock left.
    expect(readdirSync(tmp.dir()).sort()).toEqual(['acks.json']);
  });
});
