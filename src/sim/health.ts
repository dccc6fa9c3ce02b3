// The /health/detailed body. Components go unhealthy from the same signals the
// metrics show, so health and metrics never tell different stories.
import { modelId } from './exposition.js';
import type { SimSnapshot } from './model.js';

// Past these the component is no longer doing its job, not merely slow.
const MODEL_ERROR_UNHEALTHY = 0.05;
const API_ERROR_UNHEALTHY = 0.05;
const DB_LATENCY_UNHEALTHY_MS = 50;

interface Component {
  healthy: boolean;
  message?: unknown;
  [extra: string]: unknown;
}

export interface HealthBody {
  timestamp: string;
  site: string;
  trading: string;
  components: { database: Component; redis: Component; model: Component; api: Component };
  metrics: { uptime: number; requests_per_second: number; error_rate: number; active_connections: number };
}

export const COMPONENT_NAMES = ['database', 'redis', 'model', 'api'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/**
 * A test's word in a component's place: its message (any JSON value, so a
 * client's handling of a number, an object or escape sequences can be seen)
 * and, when given, its health. Kept until cleared.
 */
export interface HealthNote {
  message: unknown;
  healthy?: boolean;
}

export interface HealthNotes {
  set(component: ComponentName, note: HealthNote): void;
  list(): Record<string, HealthNote>;
  clear(): number;
}

export function createHealthNotes(): HealthNotes {
  const notes = new Map<ComponentName, HealthNote>();
  return {
    set: (component, note) => void notes.set(component, { ...note }),
    list: () => Object.fromEntries([...notes].map(([k, v]) => [k, { ...v }])),
    clear() {
      const n = notes.size;
      notes.clear();
      return n;
    },
  };
}

export function healthBody(snap: SimSnapshot, now: Date, notes: Record<string, HealthNote> = {}): { status: 200 | 503; body: HealthBody } {
  const g = snap.gauges;
  const dbLatency = round(snap.host.dbLatencyMs, 1);
  const database: Component = { healthy: dbLatency <= DB_LATENCY_UNHEALTHY_MS, latency_ms: dbLatency };
  if (!database.healthy) database.message = `pool exhausted: ${g.database_connections} connections, ${dbLatency} ms`;

  const model: Component = { healthy: g.model_error_rate <= MODEL_ERROR_UNHEALTHY, model_id: modelId(snap.state.model) };
  if (!model.healthy) model.message = `${pct(g.model_error_rate)} of predictions failing`;

  const api: Component = { healthy: g.api_error_rate <= API_ERROR_UNHEALTHY };
  if (!api.healthy) api.message = snap.apiMessage ?? `${pct(g.api_error_rate)} of broker calls failing`;

  const components = { database, redis: { healthy: true } as Component, model, api };
  for (const [name, note] of Object.entries(notes)) {
    const c = components[name as ComponentName];
    if (!c) continue;
    c.message = note.message;
    if (note.healthy !== undefined) c.healthy = note.healthy;
  }
  const allHealthy = Object.values(components).every((c) => c.healthy);
  return {
    status: allHealthy ? 200 : 503,
    body: {
      timestamp: now.toISOString(),
      site: snap.state.site,
      trading: snap.state.trading,
      components,
      metrics: {
        uptime: Math.floor(snap.simSeconds),
        requests_per_second: round(snap.host.requestsPerSecond, 1),
        error_rate: round(g.api_error_rate, 4),
        active_connections: snap.host.clientConnections,
      },
    },
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}
