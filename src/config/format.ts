// Renders the effective config as a gptmon.yaml that `config check` accepts,
// with values written the playbook's way (55%, 500ms, 5m).

import { stringify } from 'yaml';
import type { Config, MetricSpec } from './types.js';
import { formatDuration } from './units.js';
import { catalogueEntry } from '../metrics/catalogue.js';
import { maskUrl } from '../util/mask-url.js';
import { RISK_LIMITS } from './risk-limits.js';
import { matchers } from '../metrics/promql.js';
import { DEFAULT_INCIDENT_CHECKLIST } from './defaults.js';

function formatThreshold(value: number, spec: MetricSpec): string | number {
  if (spec.kind === 'ratio') return `${+(value * 100).toFixed(6)}%`;
  if (spec.kind === 'seconds') return `${+(value * 1000).toFixed(3)}ms`;
  return value;
}

export function configToYaml(config: Config): string {
  const metrics: Record<string, Record<string, unknown>> = {};
  // The metrics a config speaks of: those with lines, and the team's own.
  for (const m of Object.values(config.metrics)) {
    if (m.warning === undefined && m.critical === undefined && !m.custom) continue;
    // Lines that are a risk limit's are written as the limit (risk_limits:).
    if (RISK_LIMITS.some((l) => l.metric === m.name && config.risk_limits[l.key] === m.critical)) continue;
    const entry = catalogueEntry(m.name);
    const out: Record<string, unknown> = { description: m.description };
    if (m.warning !== undefined) out.threshold_warning = formatThreshold(m.warning, m);
    if (m.critical !== undefined) out.threshold_critical = formatThreshold(m.critical, m);
    out.check_interval = formatDuration(m.checkIntervalMs);
    if (m.direction) out.direction = m.direction;
    out.kind = m.kind;
    if (m.read.as === 'query') out.query = m.read.promql;
    else {
      if (m.read.series !== m.name) out.metric = m.read.series;
      if (m.read.as === 'quantile') out.quantile = m.read.q;
    }
    if (m.label !== (entry?.label ?? m.name)) out.label = m.label;
    if (m.panel !== undefined && m.panel !== entry?.panel) out.panel = m.panel;
    metrics[m.name] = out;
  }
  const alerts = config.alerts.filter((a) => !a.generated).map((a) => ({
    alert: a.name,
    condition: a.condition,
    duration: formatDuration(a.durationMs),
    action: a.actions,
    severity: a.severity,
    ...(a.runbook ? { runbook: a.runbook } : {}),
    ...(a.summary ? { summary: a.summary } : {}),
  }));
  const severity_levels = Object.fromEntries(
    Object.entries(config.severity_levels).map(([name, l]) => [name, { response_time: formatDuration(l.responseMs), team: l.team, ...(l.examples ? { examples: l.examples } : {}) }]),
  );
  // A password in a URL is never printed; the rest of the file stays valid to read back.
  const doc: Record<string, unknown> = { trader: maskUrl(config.trader) };
  if (config.prometheus) doc.prometheus = maskUrl(config.prometheus);
  if (config.alertmanager) doc.alertmanager = config.alertmanager.length === 1 ? maskUrl(config.alertmanager[0]!) : config.alertmanager.map(maskUrl);
  for (const k of ['token_file', 'runbooks_dir', 'progress_dir', 'audit_log', 'incidents_dir'] as const) if (config[k]) doc[k] = config[k];
  // The selector as PromQL text, which reads back as it is; auth names files, never secrets.
  if (config.prometheus) doc.selector = matchers(config.selector);
  for (const k of ['prometheus_auth', 'alertmanager_auth', 'ca_file'] as const) if (config[k]) doc[k] = config[k];
  if (config.other_alerts !== 'show') doc.other_alerts = config.other_alerts;
  if (config.database) {
    const db = config.database;
    doc.database = { url: maskUrl(db.url), ...(db.passwordFile ? { password_file: db.passwordFile } : {}), statement_timeout: formatDuration(db.statementTimeoutMs), connect_timeout: formatDuration(db.connectTimeoutMs) };
  }
  Object.assign(doc, {
    allow_insecure: config.allow_insecure,
    read_only: config.read_only,
    timeout: formatDuration(config.timeoutMs),
    step_timeout: formatDuration(config.stepTimeoutMs),
    resolved_keep: formatDuration(config.resolvedKeepMs),
    max_scrape_bytes: config.maxScrapeBytes,
    metrics,
    alerts,
    severity_levels,
    circuit_breakers: config.circuit_breakers,
    risk_limits: config.risk_limits,
    checklists: config.checklists,
    // The checklist in force, the playbook's without a team's: a team extends it from this copy.
    incident_checklist: config.incident_checklist ?? DEFAULT_INCIDENT_CHECKLIST,
  });
  return stringify(doc, { lineWidth: 0 });
}
