// A reader that goes away early (`| head -1`) ends the command quietly, exit 0.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();

describe('a closed pipe', () => {
  // `| true` closes the pipe before the first write, so the write fails with EPIPE every time.
  it.each([['runbook'], ['runbook memory'], ['audit'], ['config show'], ['rules export'], ['--help']])('gptmon %s | true: exit 0, nothing on stderr', (args) => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} | true; echo "status \${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: tmp.dir(), XDG_STATE_HOME: tmp.dir(), XDG_CONFIG_HOME: tmp.dir() },
    });
    expect(r.stderr).toBe('status 0\n');
  });

  it('gptmon runbook memory | head -1 prints the first line only', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" runbook memory | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp.dir() } });
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('status 0\n');
  });
});
