// The risk limits: read from risk_limits: (money, a ratio, warn_at), each a
// line on its metric and a RiskLimitExceeded rule of its own (severity high,
// labelled with the limit, runbook risk-limits); classified as the circuit
// breakers are; fired by the embedded evaluator for the limit passed only.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/issue.js';
import { loadConfig } from '../../src/config/load.js';
import { exportRules } from '../../src/config/rules-export.js';
import { Engine } from '../../src/engine/engine.js';
import { riskLimitViews } from '../../src/engine/risk-limits.js';
import type { MetricView } from '../../src/engine/types.js';
import { riskLimitsText } from '../../src/cli/status-text.js';
import { riskRows } from '../../src/ui/tui/risk-rows.js';
import { CALM, scrape } from '../helpers/scrape.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir();
const env = { XDG_CONFIG_HOME: '/nonexistent-gptmon', HOME: '/nonexistent-gptmon' };
const { config } = loadConfig({}, env);
const T0 = Date.parse('2026-11-25T03:00:00Z');

function withFile(yaml: string) {
  const file = join(tmp.dir(), 'gptmon.yaml');
  writeFileSync(file, yaml);
  return loadConfig({ config: file }, env);
}

const mv = (name: string, value: number | undefined, stale = false): MetricView => ({ name, ...(value !== undefined ? { value } : {}), series: 1, level: 'ok', judged: true, stale, history: [] });

describe('risk limits', () => {
  it('built in: four limits, a warning at 80%, each one a RiskLimitExceeded of severity high with the runbook', () => {
    expect(config.risk_limits).toEqual({ max_exposure: 1_000_000, max_position_size: 300_000, max_var: 25_000, max_concentration: 0.5, warn_at: 0.8 });
    const rules = config.alerts.filter((a) => a.name === 'RiskLimitExceeded');
    expect(rules.map((r) => [r.labels?.limit, r.condition, r.severity, r.runbook])).toEqual([
      ['max_exposure', 'total_exposure > 1000000', 'high', 'risk-limits'],
      ['max_position_size', 'largest_position > 300000', 'high', 'risk-limits'],
      ['max_var', 'var_95 > 25000', 'high', 'risk-limits'],
      ['max_concentration', 'position_concentration > 0.5', 'high', 'risk-limits'],
    ]);
    expect(config.metrics.total_exposure).toMatchObject({ warning: 800_000, critical: 1_000_000, direction: 'above' });
  });

  it('read from the config in their units; the exported rules carry the limit label', () => {
    const { config: c, issues } = withFile('risk_limits:\n  max_exposure: 2.5M\n  max_position_size: 250K\n  max_var: $40,000\n  max_concentration: 35%\n  warn_at: 90%\n');
    expect(issues.map(formatIssue)).toEqual([]);
    expect(c.risk_limits).toEqual({ max_exposure: 2_500_000, max_position_size: 250_000, max_var: 40_000, max_concentration: 0.35, warn_at: 0.9 });
    expect(c.metrics.position_concentration).toMatchObject({ warning: 0.315, critical: 0.35 });
    const rules = exportRules(c);
    expect(rules).toContain('expr: total_exposure');
    expect(rules).toMatch(/severity: high\n\s+limit: max_exposure/);
  });

  it('a bad limit names its field and keeps the built-in one; an unknown key says the closest', () => {
    const { config: c, issues } = withFile('risk_limits:\n  max_exposure: lots\n  max_concentration: 1.5\n  max_vat: 10\n');
    const lines = issues.map(formatIssue).join('\n');
    expect(lines).toMatch(/:2:\d+: .*expected an amount in account currency like 1000000, 250K or 1.5M, got "lots"/);
    expect(lines).toMatch(/:3:\d+: .*expected a ratio greater than 0 and at most 1/);
    expect(lines).toMatch(/:4:\d+: risk_limits.max_vat: unknown key "max_vat" \(did you mean max_var\?\)/);
    expect(c.risk_limits.max_exposure).toBe(1_000_000);
    expect(c.risk_limits.max_concentration).toBe(0.5);
  });

  it('classified like the breakers: within, near from warn_at, over past the limit; unread has no level', () => {
    const views = riskLimitViews({ total_exposure: mv('total_exposure', 790_000), largest_position: mv('largest_position', 250_000), var_95: mv('var_95', 26_000, true) }, config.risk_limits);
    expect(views.map((v) => [v.key, v.level, v.used === undefined ? undefined : +v.used.toFixed(3)])).toEqual([
      ['max_exposure', 'ok', 0.79],
      ['max_position_size', 'warning', 0.833],
      ['max_var', 'critical', 1.04],
      ['max_concentration', undefined, undefined],
    ]);
    expect(views[2]!.stale).toBe(true);
  });

  it('the embedded evaluator fires RiskLimitExceeded for the limit passed, labelled, and for no other', () => {
    const e = new Engine(config);
    e.recordScrape(T0, scrape({ ...CALM, var_95: 31_000 }));
    const snap = e.snapshot(T0);
    const fired = snap.alerts.filter((a) => a.name === 'RiskLimitExceeded');
    expect(fired.map((a) => [a.state, a.severity, a.labels.limit, a.runbook])).toEqual([['firing', 'high', 'max_var', 'risk-limits']]);
    expect(snap.riskLimits?.find((l) => l.key === 'max_var')?.level).toBe('critical');
    // Back under: it resolves.
    e.recordScrape(T0 + 15_000, scrape(CALM));
    expect(e.snapshot(T0 + 15_000).alerts.find((a) => a.name === 'RiskLimitExceeded')?.state).toBe('resolved');
  });

  it('shown with use against the limit, worst first, the unknown as ? (never as within)', () => {
    const e = new Engine(config);
    e.recordScrape(T0, scrape({ ...CALM, position_concentration: 0.56, total_exposure: undefined as unknown as number }));
    const snap = e.snapshot(T0);
    expect(riskLimitsText(snap)).toBe('conc 56/50% OVER · exposure ?/1M · position 30K/300K · VaR 8.4K/25K');
    const rows = riskRows(snap).map((r) => (r.kind === 'text' ? r.text : ''));
    expect(rows[0]).toBe('Limits    conc 56/50% ✖ exp ?/1M');
    expect(rows[1]).toMatch(/^✖ OVER\s+pos 30K\/300K VaR 8.4K\/25K CVaR 11K$/);
  });
});
