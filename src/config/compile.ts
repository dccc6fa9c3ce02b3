// Merges the layers (built-in playbook, user file, named file, environment,
// flags; later wins), then checks what only the whole can tell: a metric with
// no threshold, thresholds in the wrong order, an alert with no condition.

import { conditionMetrics, parseCondition } from './condition.js';
import { DEFAULT_BREAKER_CONDITIONS, DEFAULT_CHECKLISTS, DEFAULT_CIRCUIT_BREAKERS, DEFAULT_SEVERITY_LEVELS, DEFAULT_TIMEOUT_MS, DEFAULT_TRADER_URL } from './defaults.js';
import { applyRiskLines, riskAlerts } from './risk-alerts.js';
import { DEFAULT_RISK_LIMITS } from './risk-limits.js';
import type { ConfigIssue } from './issue.js';
import { splitUrls } from './layer-values.js';
import { type AlertPatch, type ConfigLayer, type MetricPatch, type Settings } from './layer.js';
import type { AlertSpec, CircuitBreakers, Config, MetricSpec, Origin, Severity } from './types.js';
import { finishMetric, seriesOf } from './metric-spec.js';
import { didYouMean } from '../util/closest.js';
import { expandHome } from './paths.js';
import { maskUrlsIn } from '../util/mask-url.js';
import { compileDatabase } from './database.js';

export interface TargetOverride {
  value: string;
  origin: Origin;
  /** How to name it in an error: `--trader` or `GPTMON_TRADER_URL`. */
  label: string;
}

function mergeMetric(into: MetricPatch | undefined, patch: MetricPatch): MetricPatch {
  const out: MetricPatch = { ...(into ?? {}), at: patch.at };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

function mergeAlert(prev: AlertPatch, patch: AlertPatch): AlertPatch {
  return { ...prev, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), at: patch.at } as AlertPatch;
}

function finishAlert(a: AlertPatch, known: Set<string>, metrics: Record<string, MetricSpec>): AlertSpec | undefined {
  if (a.invalid) return undefined;
  if (!a.condition || !a.expr) {
    a.at.issue(`alert ${a.name} has no condition`);
    return undefined;
  }
  if (!a.severity) {
    a.at.issue(`alert ${a.name} needs a severity (critical, high, medium or low)`);
    return undefined;
  }
  for (const metric of conditionMetrics(a.expr)) {
    if (!known.has(metric)) {
      a.at.issue(`condition reads unknown metric "${metric}"${didYouMean(metric, known)}; declare it under metrics: first`);
      return undefined;
    }
  }
  // The UI reads an alert's value in the unit of the metric its condition reads first.
  const first = conditionMetrics(a.expr)[0]!;
  const metric = metrics[first] ?? Object.values(metrics).find((m) => seriesOf(m) === first);
  const spec: AlertSpec = {
    name: a.name,
    condition: a.condition,
    expr: a.expr,
    durationMs: a.durationMs ?? 0,
    actions: a.actions ?? [],
    severity: a.severity,
    valueKind: metric?.kind ?? 'number',
    availability: conditionMetrics(a.expr).includes('up'),
  };
  if (a.runbook) spec.runbook = a.runbook;
  if (a.summary) spec.summary = a.summary;
  return spec;
}

function checkUrl(value: string, where: string, issues: ConfigIssue[], at?: { issue(m: string): void }): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const message = `not a URL: "${maskUrlsIn(value)}" (expected e.g. http://127.0.0.1:8080)`;
    if (at) at.issue(message);
    else issues.push({ file: where, line: 0, col: 0, path: '', message });
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = `"${maskUrlsIn(value)}" must be an http:// or https:// URL`;
    if (at) at.issue(message);
    else issues.push({ file: where, line: 0, col: 0, path: '', message });
    return undefined;
  }
  return value.replace(/\/+$/, '');
}

/** The `instance` label Prometheus gives a target scraped at this URL: host:port, the port spelled out. */
export function instanceOf(url: string): string {
  const u = new URL(url);
  return u.port ? u.host : `${u.host}:${u.protocol === 'https:' ? 443 : 80}`;
}

/**
 * The Alertmanager peers: a flag or the environment (comma-separated), else
 * the last file that names them. Any URL that is wrong is an error: a
 * cluster missing a peer would be a guess.
 */
function alertmanagerUrls(layers: ConfigLayer[], settings: Partial<Settings>, override: TargetOverride | undefined, issues: ConfigIssue[]): string[] | undefined {
  let urls: Array<string | undefined>;
  if (override) {
    const list = splitUrls(override.value);
    urls = list.length ? list.map((u) => checkUrl(u, override.label, issues)) : [checkUrl(override.value, override.label, issues)];
  } else if (settings.alertmanager?.length) {
    const layer = layers.findLast((l) => l.settings.alertmanager);
    urls = settings.alertmanager.map((u, i) => checkUrl(u, 'config', issues, layer?.alertmanagerAt?.[i] ?? layer?.at.alertmanager));
  } else return undefined;
  if (urls.some((u) => u === undefined)) return undefined;
  return [...new Set(urls as string[])];
}

/**
 * The circuit-breaker alerts follow circuit_breakers: a team that moves a limit
 * moves its alert too, unless it wrote the alert's condition itself.
 */
function applyBreakers(alerts: Map<string, AlertPatch>, b: CircuitBreakers): void {
  const wanted: Record<string, [string, string]> = {
    DailyLossLimit: [DEFAULT_BREAKER_CONDITIONS.DailyLossLimit, `daily_return < -${b.daily_loss_limit}`],
    LosingStreakBreaker: [DEFAULT_BREAKER_CONDITIONS.LosingStreakBreaker, `consecutive_losses >= ${b.consecutive_losses}`],
    DrawdownBreaker: [DEFAULT_BREAKER_CONDITIONS.DrawdownBreaker, `portfolio_drawdown > ${b.drawdown_limit}`],
  };
  for (const [name, [builtin, condition]] of Object.entries(wanted)) {
    const a = alerts.get(name);
    if (!a || a.condition !== builtin || condition === builtin) continue;
    const parsed = parseCondition(condition);
    if (parsed.ok) alerts.set(name, { ...a, condition, expr: parsed.condition });
  }
}

export function compile(layers: ConfigLayer[], targets: Partial<Record<'trader' | 'prometheus' | 'alertmanager' | 'database', TargetOverride>>): { config: Config; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const settings: Partial<Settings> = {};
  const origins: Config['origins'] = {};
  const metricPatches: Record<string, MetricPatch> = {};
  const alertLayers = new Map<string, AlertPatch[]>();
  const severity_levels = structuredClone(DEFAULT_SEVERITY_LEVELS);
  const circuit_breakers = { ...DEFAULT_CIRCUIT_BREAKERS };
  const risk_limits = { ...DEFAULT_RISK_LIMITS };
  const checklists = structuredClone(DEFAULT_CHECKLISTS);
  let incident_checklist: Config['incident_checklist'];

  const metrics: Record<string, MetricSpec> = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer.settings)) {
      if (v === undefined) continue;
      (settings as Record<string, unknown>)[k] = v;
      origins[k] = layer.origin;
    }
    // A layer's change is taken only if the metric is still whole with it:
    // a mistake leaves the earlier value (the playbook's) in force.
    for (const [name, patch] of Object.entries(layer.metrics)) {
      if (patch.invalid) continue;
      const merged = mergeMetric(metricPatches[name], patch);
      const spec = finishMetric(name, merged, metrics[name]?.order ?? 100 + Object.keys(metrics).length);
      if (!spec) continue;
      metricPatches[name] = merged;
      metrics[name] = spec;
    }
    for (const patch of layer.alerts) {
      if (patch.invalid) continue;
      alertLayers.set(patch.name, [...(alertLayers.get(patch.name) ?? []), patch]);
    }
    for (const [name, level] of Object.entries(layer.severity_levels)) {
      Object.assign(severity_levels[name as Severity], Object.fromEntries(Object.entries(level).filter(([, v]) => v !== undefined)));
    }
    Object.assign(circuit_breakers, layer.circuit_breakers);
    Object.assign(risk_limits, layer.risk_limits);
    Object.assign(checklists, layer.checklists);
    if (layer.incident_checklist) incident_checklist = layer.incident_checklist;
  }
  applyRiskLines(metrics, risk_limits);

  const urls: Partial<Record<'trader' | 'prometheus', string>> = {};
  for (const name of ['trader', 'prometheus'] as const) {
    const override = targets[name];
    if (override) {
      const url = checkUrl(override.value, override.label, issues);
      if (url) {
        urls[name] = url;
        origins[name] = override.origin;
      }
    } else if (settings[name]) {
      const at = layers.findLast((l) => l.settings[name])?.at[name];
      const url = checkUrl(settings[name], 'config', issues, at);
      if (url) urls[name] = url;
    }
  }
  if (!urls.trader) origins.trader ??= 'default';
  const alertmanager = alertmanagerUrls(layers, settings, targets.alertmanager, issues);
  if (targets.alertmanager && alertmanager) origins.alertmanager = targets.alertmanager.origin;

  // A condition may name a metric, the series it reads, or `up` (the scrape itself).
  const known = new Set(['up', ...Object.keys(metrics), ...Object.values(metrics).flatMap((m) => seriesOf(m) ?? [])]);
  // As with metrics, a layer that breaks an alert is left out and the alert keeps its earlier form.
  const alertPatches = new Map<string, AlertPatch>();
  for (const [name, patches] of alertLayers) {
    let merged: AlertPatch | undefined;
    for (const patch of patches) {
      const candidate = merged ? mergeAlert(merged, patch) : patch;
      if (finishAlert(candidate, known, metrics)) merged = candidate;
    }
    if (merged) alertPatches.set(name, merged);
  }
  applyBreakers(alertPatches, circuit_breakers);
  const alerts: AlertSpec[] = [];
  for (const patch of alertPatches.values()) {
    const spec = finishAlert(patch, known, metrics);
    if (spec) alerts.push(spec);
  }
  alerts.push(...riskAlerts(risk_limits, metrics, alerts));

  const trader = urls.trader ?? DEFAULT_TRADER_URL;
  const config: Config = {
    trader,
    selector: settings.selector ?? { instance: instanceOf(trader) },
    other_alerts: settings.other_alerts ?? 'show',
    allow_insecure: settings.allow_insecure ?? false,
    read_only: settings.read_only ?? false,
    timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stepTimeoutMs: settings.stepTimeoutMs ?? 30_000,
    resolvedKeepMs: settings.resolvedKeepMs ?? 15 * 60_000,
    maxScrapeBytes: settings.maxScrapeBytes ?? 16 * 1024 * 1024,
    metrics,
    alerts,
    severity_levels,
    circuit_breakers,
    risk_limits,
    checklists,
    origins,
    files: layers.map((l) => l.origin).filter((o) => o.startsWith('file ')).map((o) => o.slice(5)),
  };
  if (urls.prometheus) config.prometheus = urls.prometheus;
  if (incident_checklist) config.incident_checklist = incident_checklist;
  if (alertmanager) config.alertmanager = alertmanager;
  for (const k of ['token_file', 'runbooks_dir', 'progress_dir', 'audit_log', 'incidents_dir', 'ca_file'] as const) if (settings[k]) config[k] = expandHome(settings[k]);
  if (settings.prometheus_auth) config.prometheus_auth = settings.prometheus_auth;
  if (settings.alertmanager_auth) config.alertmanager_auth = settings.alertmanager_auth;
  const db = compileDatabase(layers.flatMap((l) => (l.database ? [{ patch: l.database, origin: l.origin }] : [])), targets.database, config.timeoutMs, expandHome);
  if (db.issue) issues.push({ file: db.issue.file, line: 0, col: 0, path: 'database', message: db.issue.message });
  if (db.database) config.database = db.database;
  if (db.origin) origins.database = db.origin as Origin;
  return { config, issues };
}
