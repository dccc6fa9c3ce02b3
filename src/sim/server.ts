// The HTTP face of the simulated trader: the contract's endpoints, plus /sim/*
// hooks for tests and demos (see sim-routes.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition.js';
import { healthBody, type HealthNotes } from './health.js';
import { bearerMatches, HttpError, readJsonObject, sendJson, sendText } from './http-util.js';
import type { SimModel, TraderState } from './model.js';
import { findScenario } from './scenarios.js';
import { handleSimRoute } from './sim-routes.js';
import type { Faults, RequestLog } from './traffic.js';

export interface ServerDeps {
  model: SimModel;
  token: string;
  log: RequestLog;
  faults: Faults;
  notes: HealthNotes;
}

export interface SimServer {
  server: Server;
  /** Drops every request held by the system-down scenario. */
  releaseHeld(): void;
}

type Body = Record<string, unknown>;

const GET_ROUTES = new Set(['/health/detailed', '/metrics', '/admin/state']);

const POST_ROUTES: Readonly<Record<string, (model: SimModel, body: Body) => TraderState>> = {
  '/admin/halt': (m) => m.halt(),
  '/admin/resume': (m) => m.resume(),
  '/admin/close-positions': (m) => m.closePositions(),
  '/admin/failover': (m, b) => m.failover(parseTarget(b.target)),
  '/admin/model/fallback': (m) => m.fallbackModel(),
  '/admin/position-scale': (m, b) => m.positionScale(parseScale(b.scale)),
};

export function createSimServer(deps: ServerDeps): SimServer {
  const held = new Set<ServerResponse>();
  const releaseHeld = (): void => {
    for (const res of held) res.socket?.destroy();
    held.clear();
  };
  deps.model.onScenarioChange((name) => {
    if (findScenario(name)?.outage !== true) releaseHeld();
  });

  const server = createServer((req, res) => {
    handle(req, res, deps, held).catch((err: unknown) => {
      const known = err instanceof HttpError ? err : undefined;
      const message = err instanceof Error ? err.message : String(err);
      const body = known ? { error: message, ...known.details } : { error: `internal error: ${message}` };
      if (!res.headersSent) sendJson(res, known?.status ?? 500, body);
      else res.destroy();
    });
  });
  server.on('connection', () => deps.log.connected());
  return { server, releaseHeld };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, held: Set<ServerResponse>): Promise<void> {
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
  } catch {
    return sendJson(res, 400, { error: 'bad request target' });
  }
  const method = req.method ?? 'GET';
  if (path === '/sim' || path.startsWith('/sim/')) return handleSimRoute(req, res, path, method, deps);

  const authorized = bearerMatches(req.headers.authorization, deps.token);
  const key = req.headers['idempotency-key'];
  deps.log.add({
    time: new Date().toISOString(),
    method,
    path,
    authorized,
    idempotency_key: typeof key === 'string' ? key : null,
  });

  // A down trader accepts the connection and never answers, the failure mode
  // that makes clients hang; only a scenario change or close() ends it.
  if (findScenario(deps.model.scenario)?.outage === true) {
    held.add(res);
    res.on('close', () => held.delete(res));
    return;
  }
  const injected = deps.faults.take(path);
  if (injected !== undefined) return sendJson(res, injected, { error: 'injected' });

  if (path.startsWith('/admin/') && !authorized) {
    return sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
  }
  const isGet = method === 'GET' || method === 'HEAD';
  if (GET_ROUTES.has(path)) {
    if (!isGet) return sendJson(res, 405, { error: `method ${method} not allowed` }, { allow: 'GET, HEAD' });
    return answerGet(res, path, deps);
  }
  const action = POST_ROUTES[path];
  if (action) {
    if (method !== 'POST') return sendJson(res, 405, { error: `method ${method} not allowed` }, { allow: 'POST' });
    const body = await readJsonObject(req);
    checkAudit(body);
    return sendJson(res, 200, action(deps.model, body));
  }
  return sendJson(res, 404, { error: `no such endpoint: ${path}` });
}

function answerGet(res: ServerResponse, path: string, { model, notes }: ServerDeps): void {
  if (path === '/metrics') return sendText(res, 200, renderExposition(model.snapshot()), EXPOSITION_CONTENT_TYPE);
  if (path === '/admin/state') return sendJson(res, 200, model.state());
  const { status, body } = healthBody(model.snapshot(), new Date(), notes.list());
  sendJson(res, status, body);
}

/** reason and operator are for the audit trail; optional, but text when given. */
function checkAudit(body: Body): void {
  for (const field of ['reason', 'operator']) {
    const v = body[field];
    if (v !== undefined && typeof v !== 'string') throw new HttpError(400, `${field} must be a string`);
  }
}

function parseTarget(v: unknown): 'primary' | 'secondary' {
  if (v === undefined) return 'secondary';
  if (v === 'secondary' || v === 'primary') return v;
  throw new HttpError(400, 'target must be "secondary" or "primary"');
}

function parseScale(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 1) return v;
  throw new HttpError(400, 'scale must be a number in (0, 1]');
}
