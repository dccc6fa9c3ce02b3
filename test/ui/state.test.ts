import { describe, expect, it } from 'vitest';
import { initialUiState, uiReducer } from '../../src/ui/tui/app-state.js';
import { complete, parseCommand } from '../../src/ui/tui/commands.js';
import { actionFor, BINDINGS } from '../../src/ui/tui/keys.js';
import { layoutFor } from '../../src/ui/tui/layout.js';
import { formatThresholds } from '../../src/text/format.js';
import { sparkline } from '../../src/ui/sparkline.js';

describe('the key table', () => {
  it('has no key bound twice in one view', () => {
    for (const view of ['overview', 'alerts', 'alert', 'help'] as const) {
      const seen = new Map<string, string>();
      for (const b of BINDINGS.filter((x) => x.views === 'all' || x.views.includes(view))) {
        for (const k of b.keys) {
          expect(seen.get(k), `${k} in ${view}`).toBeUndefined();
          seen.set(k, b.action);
        }
      }
    }
  });

  it('hides what changes things in read-only mode', () => {
    expect(actionFor('a', 'overview', false)).toBe('ack');
    expect(actionFor('a', 'overview', true)).toBeUndefined();
    expect(actionFor('u', 'alert', true)).toBeUndefined();
    expect(actionFor('q', 'help', true)).toBe('quit');
  });
});

describe('the command line', () => {
  it('completes commands and parses them', () => {
    const rw = { readOnly: false };
    expect(complete('al', rw)).toBe('alerts');
    expect(complete('run', rw)).toBe('runbook ');
    expect(complete('re', rw)).toBe('resume');
    expect(complete('f', rw)).toBe('f');
    expect(complete('ha', { readOnly: true })).toBe('ha');
    expect(complete('runbook me', rw, () => ['memory', 'model-failure'])).toBe('runbook memory');
    expect(parseCommand('alerts', rw)).toEqual({ ok: true, name: 'alerts' });
    expect(parseCommand('q', rw)).toEqual({ ok: true, name: 'quit' });
    expect(parseCommand('runbook memory', rw)).toEqual({ ok: true, name: 'runbook', arg: 'memory' });
    expect(parseCommand('runbook', rw)).toEqual({ ok: false, error: ':runbook needs a name' });
    expect(parseCommand('halt', { readOnly: true })).toEqual({ ok: false, error: ':halt is hidden in read-only mode' });
  });

  it(':scenario only on the simulator, completing its scenarios', () => {
    expect(complete('sc', { readOnly: false })).toBe('sc');
    expect(parseCommand('scenario drawdown', { readOnly: false })).toEqual({ ok: false, error: ':scenario is for the simulator (npm start)' });
    const demo = { readOnly: false, demo: true };
    expect(complete('sc', demo)).toBe('scenario ');
    expect(complete('scenario dr', demo, (c) => (c === 'scenario' ? ['drawdown', 'db-saturation'] : []))).toBe('scenario drawdown');
    expect(parseCommand('scenario drawdown', demo)).toEqual({ ok: true, name: 'scenario', arg: 'drawdown' });
  });
});

describe('the UI reducer', () => {
  it('goes back through views, and Esc first leaves input, then the filter', () => {
    let s = uiReducer(initialUiState, { type: 'open', view: 'alerts' });
    s = uiReducer(s, { type: 'start', mode: 'filter' });
    s = uiReducer(s, { type: 'set-filter', text: 'mem' });
    expect(s.filter).toBe('mem');
    s = uiReducer(s, { type: 'end-input', keepFilter: true });
    expect(s).toMatchObject({ filter: 'mem', mode: { kind: 'normal' } });
    s = uiReducer(s, { type: 'back' });
    expect(s).toMatchObject({ view: 'alerts', filter: '' });
    s = uiReducer(s, { type: 'back' });
    expect(s.view).toBe('overview');
  });

  it('keeps the selection inside the list', () => {
    let s = uiReducer(initialUiState, { type: 'move', by: -1, count: 3 });
    expect(s.selected).toBe(0);
    s = uiReducer(s, { type: 'move', by: 5, count: 3 });
    expect(s.selected).toBe(2);
  });

  it('walks an ack from comment to duration, each a fresh question', () => {
    let s = uiReducer(initialUiState, { type: 'start-ack', alertKey: 'K' });
    const asked = s.asked;
    s = uiReducer(s, { type: 'ack-next', comment: 'on it' });
    expect(s.mode).toEqual({ kind: 'ack', step: 'duration', alertKey: 'K', comment: 'on it' });
    expect(s.asked).toBe(asked + 1);
  });
});

describe('layout and drawing helpers', () => {
  it('picks a layout for the size', () => {
    expect(layoutFor(100, 30)).toMatchObject({ kind: 'two-boxed', height: 29, columnWidth: 50 });
    expect(layoutFor(80, 24)).toMatchObject({ kind: 'two-compact', height: 23 });
    expect(layoutFor(60, 20).kind).toBe('one');
    expect(layoutFor(59, 40).kind).toBe('too-small');
  });

  it('writes thresholds as the sketch does', () => {
    expect(formatThresholds({ warning: 0.1, critical: 0.15, direction: 'above', kind: 'ratio' })).toBe('>10│15%');
    expect(formatThresholds({ warning: 0.55, critical: 0.52, direction: 'below', kind: 'ratio' })).toBe('<55│52%');
    expect(formatThresholds({ warning: 0.5, critical: 1, direction: 'above', kind: 'seconds' })).toBe('>500│1000ms');
    expect(formatThresholds({ warning: 0.8, critical: 0.5, direction: 'below', kind: 'number' })).toBe('<0.8│0.5');
    expect(formatThresholds({ critical: 0.1, direction: 'above', kind: 'ratio' })).toBe('>10%');
  });

  it('draws direction in sparklines', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([8, 1], 2)).toBe('█▁');
    expect(sparkline([5, 5, 5], 5)).toBe('  ▄▄▄');
    expect(sparkline([], 3)).toBe('   ');
  });
});
