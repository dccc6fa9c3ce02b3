// One source of settings (the built-in playbook, a file) read into a typed
// patch. Problems are recorded against the YAML node they came from; merging
// and whole-config checks happen in compile.ts.

import { parseCondition, type Condition } from './condition.js';
import { catalogueEntry } from '../metrics/catalogue.js';
import { readChecklist } from './checklist-config.js';
import { readChecklists, readRiskLimits } from './layer-reviews.js';
import { SEVERITIES, type ChecklistConfig, type ChecklistPeriod, type CircuitBreakers, type Direction, type Origin, type RiskLimits, type Severity, type SeverityLevel } from './types.js';
import { parseDurationMs, parseThreshold, type ValueKind } from './units.js';
import type { YamlCursor } from './yaml-cursor.js';
import { parseBytes, urlList } from './layer-values.js';
import { didYouMean } from '../util/closest.js';
import { readAuth, readSelector, type AuthSpec } from './access.js';
import { readDatabase, type DatabasePatch } from './database.js';

export interface MetricPatch {
  at: YamlCursor;
  description?: string;
  warning?: number;
  critical?: number;
  checkIntervalMs?: number;
  direction?: Direction;
  kind?: ValueKind;
  metric?: string;
  quantile?: number;
  query?: string;
  label?: string;
  panel?: string;
  /** A field was refused: whole-metric checks would only repeat the problem. */
  invalid?: boolean;
}

export interface AlertPatch {
  at: YamlCursor;
  name: string;
  condition?: string;
  expr?: Condition;
  durationMs?: number;
  actions?: string[];
  severity?: Severity;
  runbook?: string;
  summary?: string;
  invalid?: boolean;
}

export interface Settings {
  trader: string;
  prometheus: string;
  /** The peers of one Alertmanager cluster (one URL for a single Alertmanager). */
  alertmanager: string[];
  token_file: string;
  allow_insecure: boolean;
  read_only: boolean;
  runbooks_dir: string;
  progress_dir: string;
  incidents_dir: string;
  audit_log: string;
  timeoutMs: number;
  stepTimeoutMs: number;
  resolvedKeepMs: number;
  maxScrapeBytes: number;
  selector: Record<string, string>;
  prometheus_auth: AuthSpec;
  alertmanager_auth: AuthSpec;
  ca_file: string;
  other_alerts: 'show' | 'count';
}

export interface ConfigLayer {
  origin: Origin;
  settings: Partial<Settings>;
  at: Partial<Record<keyof Settings, YamlCursor>>;
  /** Where each Alertmanager URL was written, to point at the one that is wrong. */
  alertmanagerAt?: YamlCursor[];
  metrics: Record<string, MetricPatch>;
  alerts: AlertPatch[];
  severity_levels: Partial<Record<Severity, Partial<SeverityLevel>>>;
  circuit_breakers: Partial<CircuitBreakers>;
  risk_limits: Partial<RiskLimits>;
  checklists: Partial<Record<ChecklistPeriod, string[]>>;
  /** Given whole in this layer (a later layer's replaces it). */
  incident_checklist?: ChecklistConfig;
  /** The trader's database, as this source writes it. */
  database?: DatabasePatch;
}

const TOP_KEYS = ['trader', 'prometheus', 'alertmanager', 'token_file', 'allow_insecure', 'read_only', 'runbooks_dir', 'progress_dir', 'audit_log', 'incidents_dir', 'timeout', 'step_timeout', 'resolved_keep', 'max_scrape_bytes', 'selector', 'prometheus_auth', 'alertmanager_auth', 'ca_file', 'other_alerts', 'metrics', 'alerts', 'severity_levels', 'circuit_breakers', 'risk_limits', 'checklists', 'incident_checklist', 'database'] as const;
const METRIC_KEYS = ['description', 'threshold_warning', 'threshold_critical', 'check_interval', 'direction', 'kind', 'metric', 'quantile', 'query', 'label', 'panel'] as const;
const ALERT_KEYS = ['alert', 'condition', 'duration', 'action', 'severity', 'runbook', 'summary'] as const;
const SEVERITY_KEYS = ['response_time', 'team', 'examples'] as const;
const BREAKER_KEYS = ['daily_loss_limit', 'consecutive_losses', 'drawdown_limit'] as const;
const KINDS: readonly ValueKind[] = ['ratio', 'seconds', 'count', 'currency', 'number'];

function unknownKey(key: string, keyAt: YamlCursor, known: readonly string[]): void {
  keyAt.issue(`unknown key "${key}"${didYouMean(key, known)}`);
}

function duration(at: YamlCursor): number | undefined {
  const r = parseDurationMs(at.value());
  if (!r.ok) at.issue(r.error);
  return r.ok ? r.value : undefined;
}

/** A custom metric's kind, guessed from how its thresholds are written. */
function inferKind(...raws: unknown[]): ValueKind {
  for (const raw of raws) {
    if (typeof raw !== 'string') continue;
    if (/%\s*$/.test(raw)) return 'ratio';
    if (/\d\s*(ms|s|m|h)\s*$/i.test(raw)) return 'seconds';
  }
  return 'number';
}

function readMetric(name: string, at: YamlCursor): MetricPatch | undefined {
  const entries = at.entries('a map of description, threshold_warning, threshold_critical, check_interval');
  if (!entries) return undefined;
  const patch: MetricPatch = { at };
  const before = at.issueCount();
  const raw = new Map(entries.map(([k, v]) => [k, v]));
  const kindAt = raw.get('kind');
  if (kindAt) {
    const k = kindAt.value();
    if (typeof k === 'string' && (KINDS as string[]).includes(k)) patch.kind = k as ValueKind;
    else kindAt.issue(`expected one of ${KINDS.join(', ')}, got ${JSON.stringify(k)}`);
  }
  const kind = patch.kind ?? catalogueEntry(name)?.kind ?? inferKind(raw.get('threshold_warning')?.value(), raw.get('threshold_critical')?.value());
  for (const [key, v, keyAt] of entries) {
    switch (key) {
      case 'description':
        patch.description = v.string();
        break;
      case 'threshold_warning':
      case 'threshold_critical': {
        if (v.isMissing()) {
          v.issue('missing threshold value');
          break;
        }
        const r = parseThreshold(v.value(), kind);
        if (!r.ok) v.issue(r.error);
        else if (key === 'threshold_warning') patch.warning = r.value;
        else patch.critical = r.value;
        break;
      }
      case 'check_interval':
        patch.checkIntervalMs = duration(v);
        if (patch.checkIntervalMs === 0) {
          v.issue('a check interval must be longer than 0');
          patch.checkIntervalMs = undefined;
        }
        break;
      case 'direction': {
        const d = v.value();
        if (d === 'above' || d === 'below') patch.direction = d;
        else v.issue(`expected "above" (higher is worse) or "below" (lower is worse), got ${JSON.stringify(d)}`);
        break;
      }
      case 'kind':
        break;
      case 'metric':
      case 'query':
      case 'label':
      case 'panel':
        patch[key] = v.string();
        break;
      case 'quantile': {
        const q = v.value();
        if (typeof q === 'number' && q > 0 && q < 1) patch.quantile = q;
        else v.issue(`expected a quantile between 0 and 1 (e.g. 0.99), got ${JSON.stringify(q)}`);
        break;
      }
      default:
        unknownKey(key, keyAt, METRIC_KEYS);
    }
  }
  patch.kind = kind;
  if (at.issueCount() > before) patch.invalid = true;
  return patch;
}

function readAlert(at: YamlCursor): AlertPatch | undefined {
  const entries = at.entries('an alert definition (alert, condition, duration, action)');
  if (!entries) return undefined;
  const byKey = new Map(entries.map(([k, v]) => [k, v]));
  const nameAt = byKey.get('alert');
  if (!nameAt) {
    at.issue('missing "alert" (the alert\'s name)');
    return undefined;
  }
  const name = nameAt.string();
  if (!name) return undefined;
  const patch: AlertPatch = { at, name };
  const before = at.issueCount();
  for (const [key, v, keyAt] of entries) {
    switch (key) {
      case 'alert':
        break;
      case 'condition': {
        const text = v.value();
        if (typeof text !== 'string' && typeof text !== 'number') {
          v.issue('expected a condition like portfolio_drawdown > 0.15');
          break;
        }
        const r = parseCondition(String(text));
        if (r.ok) {
          patch.condition = String(text);
          patch.expr = r.condition;
        } else v.issue(`${r.error} (column ${r.column} of the condition)`);
        break;
      }
      case 'duration':
        patch.durationMs = duration(v);
        break;
      case 'action': {
        const val = v.value();
        if (typeof val === 'string') patch.actions = [val];
        else if (Array.isArray(val) && val.every((a) => typeof a === 'string')) patch.actions = val as string[];
        else v.issue('expected a list of actions');
        break;
      }
      case 'severity': {
        const s = v.value();
        if (typeof s === 'string' && (SEVERITIES as string[]).includes(s.toLowerCase())) patch.severity = s.toLowerCase() as Severity;
        else v.issue(`expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(s)}`);
        break;
      }
      case 'runbook':
      case 'summary':
        patch[key] = v.string();
        break;
      default:
        unknownKey(key, keyAt, ALERT_KEYS);
    }
  }
  if (at.issueCount() > before) patch.invalid = true;
  return patch;
}

function readSeverityLevels(at: YamlCursor, layer: ConfigLayer): void {
  for (const [name, v, keyAt] of at.entries() ?? []) {
    if (!(SEVERITIES as string[]).includes(name)) {
      unknownKey(name, keyAt, SEVERITIES);
      continue;
    }
    const level: Partial<SeverityLevel> = {};
    for (const [key, field, fieldKeyAt] of v.entries() ?? []) {
      if (key === 'response_time') level.responseMs = duration(field);
      else if (key === 'team' || key === 'examples') level[key] = field.string();
      else unknownKey(key, fieldKeyAt, SEVERITY_KEYS);
    }
    layer.severity_levels[name as Severity] = level;
  }
}

function readBreakers(at: YamlCursor, layer: ConfigLayer): void {
  for (const [key, v, keyAt] of at.entries() ?? []) {
    if (!(BREAKER_KEYS as readonly string[]).includes(key)) {
      unknownKey(key, keyAt, BREAKER_KEYS);
      continue;
    }
    const r = parseThreshold(v.value(), key === 'consecutive_losses' ? 'count' : 'ratio');
    if (!r.ok) v.issue(r.error);
    else if (r.value <= 0) v.issue('must be greater than 0');
    else layer.circuit_breakers[key as keyof CircuitBreakers] = r.value;
  }
}

export function readLayer(root: YamlCursor, origin: Origin): ConfigLayer {
  const layer: ConfigLayer = { origin, settings: {}, at: {}, metrics: {}, alerts: [], severity_levels: {}, circuit_breakers: {}, risk_limits: {}, checklists: {} };
  const entries = root.entries('a map of settings (trader, metrics, alerts, ...)');
  // A file holding one of the playbook's alert blocks as it stands is one alert.
  if (entries?.some(([key]) => key === 'alert')) {
    const patch = readAlert(root);
    if (patch) layer.alerts.push(patch);
    return layer;
  }
  for (const [key, v, keyAt] of entries ?? []) {
    switch (key) {
      case 'alertmanager': {
        const urls = urlList(v);
        if (urls) {
          layer.settings.alertmanager = urls.map((u) => u.url);
          layer.alertmanagerAt = urls.map((u) => u.at);
          layer.at.alertmanager = v;
        }
        break;
      }
      case 'trader':
      case 'prometheus':
      case 'token_file':
      case 'runbooks_dir':
      case 'progress_dir':
      case 'incidents_dir':
      case 'ca_file':
      case 'audit_log': {
        const s = v.string();
        if (s !== undefined) {
          layer.settings[key] = s;
          layer.at[key] = v;
        }
        break;
      }
      case 'allow_insecure':
      case 'read_only': {
        const b = v.boolean();
        if (b !== undefined) layer.settings[key] = b;
        break;
      }
      case 'timeout':
      case 'step_timeout': {
        const ms = duration(v);
        if (ms === 0) v.issue('a timeout must be longer than 0');
        else if (ms !== undefined) layer.settings[key === 'timeout' ? 'timeoutMs' : 'stepTimeoutMs'] = ms;
        break;
      }
      case 'max_scrape_bytes': {
        const n = parseBytes(v.value());
        if (typeof n === 'string') v.issue(n);
        else layer.settings.maxScrapeBytes = n;
        break;
      }
      case 'selector': {
        const labels = readSelector(v);
        if (labels) layer.settings.selector = labels;
        break;
      }
      case 'prometheus_auth':
      case 'alertmanager_auth': {
        const auth = readAuth(v);
        if (auth) layer.settings[key] = auth;
        break;
      }
      case 'other_alerts': {
        const o = v.value();
        if (o === 'show' || o === 'count') layer.settings.other_alerts = o;
        else v.issue(`expected "show" (listed apart, not in the exit code) or "count" (they count as this trader's), got ${JSON.stringify(o)}`);
        break;
      }
      case 'resolved_keep': {
        const ms = duration(v);
        if (ms !== undefined) layer.settings.resolvedKeepMs = ms;
        break;
      }
      case 'metrics':
        for (const [name, m] of v.entries('a map of metric names') ?? []) {
          const patch = readMetric(name, m);
          if (patch) layer.metrics[name] = patch;
        }
        break;
      case 'alerts':
        for (const item of v.items('a list of alert definitions') ?? []) {
          const patch = readAlert(item);
          if (patch) layer.alerts.push(patch);
        }
        break;
      case 'severity_levels':
        readSeverityLevels(v, layer);
        break;
      case 'circuit_breakers':
        readBreakers(v, layer);
        break;
      case 'risk_limits':
        readRiskLimits(v, layer.risk_limits);
        break;
      case 'checklists':
        readChecklists(v, layer.checklists);
        break;
      case 'incident_checklist': {
        const checklist = readChecklist(v);
        if (checklist) layer.incident_checklist = checklist;
        break;
      }
      case 'database': {
        const db = readDatabase(v);
        if (db) layer.database = db;
        break;
      }
      default:
        unknownKey(key, keyAt, TOP_KEYS);
    }
  }
  return layer;
}
