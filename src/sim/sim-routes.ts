// /sim/*: hooks for tests and demos, not part of the trader's contract. No
// auth (a stand-in has nothing to protect) and they keep answering while the
// trader endpoints are "down", so a demo can always switch back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJsonObject, sendJson } from './http-util.js';
import { COMPONENT_NAMES, type ComponentName, type HealthNotes } from './health.js';
import type { SimModel } from './model.js';
import { findScenario, SCENARIO_NAMES, SCENARIO_SPECS } from './scenarios.js';
import type { Faults, RequestLog } from './traffic.js';

/** Bounds one /sim/advance call: a day of sim time takes well under a second. */
const MAX_ADVANCE_SECONDS = 86_400;

interface SimDeps {
  model: SimModel;
  log: RequestLog;
  faults: Faults;
  notes: HealthNotes;
}

type Handler = (req: IncomingMessage, deps: SimDeps) => Promise<unknown> | unknown;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '/sim/scenario': {
    GET: (_req, d) => scenarioInfo(d.model),
    POST: async (req, d) => {
      const body = await readJsonObject(req);
      const name = body.name;
      if (typeof name !== 'string' || !findScenario(name)) {
        throw new HttpError(400, `unknown scenario ${JSON.stringify(name)}; known: ${SCENARIO_NAMES.join(', ')}`, {
          scenarios: SCENARIO_NAMES,
        });
      }
      d.model.setScenario(name);
      return scenarioInfo(d.model);
    },
  },
  '/sim/advance': {
    POST: async (req, d) => {
      const { seconds } = await readJsonObject(req);
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
        throw new HttpError(400, `seconds must be a number in [0, ${MAX_ADVANCE_SECONDS}]`);
      }
      d.model.advance(seconds);
      return scenarioInfo(d.model);
    },
  },
  '/sim/requests': {
    GET: (_req, d) => d.log.list(),
    DELETE: (_req, d) => ({ cleared: d.log.clear() }),
  },
  '/sim/stats': {
    GET: (_req, d) => d.log.stats(),
  },
  '/sim/faults': {
    GET: (_req, d) => d.faults.list(),
    POST: async (req, d) => {
      const { path, status, times = 1 } = await readJsonObject(req);
      if (typeof path !== 'string' || !path.startsWith('/')) throw new HttpError(400, 'path must start with "/"');
      if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
        throw new HttpError(400, 'status must be an HTTP status code (100-599)');
      }
      if (!Number.isInteger(times) || (times as number) < 1) throw new HttpError(400, 'times must be a positive integer');
      return d.faults.add(path, status as number, times as number);
    },
    DELETE: (_req, d) => ({ cleared: d.faults.clear() }),
  },
  // A component's message as a test sets it, hostile text included, to see
  // what a client does with it; `healthy` (optional) sets its health too.
  '/sim/health-message': {
    GET: (_req, d) => d.notes.list(),
    POST: async (req, d) => {
      const body = await readJsonObject(req);
      const { component, message, healthy } = body;
      if (typeof component !== 'string' || !(COMPONENT_NAMES as readonly string[]).includes(component)) {
        throw new HttpError(400, `component must be one of ${COMPONENT_NAMES.join(', ')}`);
      }
      if (!('message' in body)) throw new HttpError(400, 'message is required (any JSON value)');
      if (healthy !== undefined && typeof healthy !== 'boolean') throw new HttpError(400, 'healthy must be true or false');
      d.notes.set(component as ComponentName, { message, ...(healthy !== undefined ? { healthy } : {}) });
      return d.notes.list();
    },
    DELETE: (_req, d) => ({ cleared: d.notes.clear() }),
  },
};

export async function handleSimRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
  deps: SimDeps,
): Promise<void> {
  const route = ROUTES[path];
  if (!route) return sendJson(res, 404, { error: `no such endpoint: ${path}` });
  const handler = route[method === 'HEAD' ? 'GET' : method];
  if (!handler) {
    return sendJson(res, 405, { error: `method ${method} not allowed` }, { allow: Object.keys(route).join(', ') });
  }
  sendJson(res, 200, await handler(req, deps));
}

function scenarioInfo(model: SimModel): unknown {
  const snap = model.snapshot();
  return {
    name: snap.scenario,
    description: findScenario(snap.scenario)?.description ?? '',
    scenario_seconds: snap.scenarioSeconds,
    sim_seconds: snap.simSeconds,
    scenarios: SCENARIO_SPECS.map((s) => ({ name: s.name, description: s.description })),
  };
}
