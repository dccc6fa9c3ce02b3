// The control actions of contract §1: what each sends, and what state proves
// it took effect. A success is only ever what /admin/state shows.

import { asText } from '../util/sanitize.js';

export interface TraderState {
  trading: 'active' | 'halted';
  open_positions: number;
  site: string;
  model: string;
  position_scale: number;
}

export type ActionName = 'halt' | 'resume' | 'flatten' | 'failover' | 'fallback-model' | 'reduce';

export interface ActionSpec {
  name: ActionName;
  path: string;
  /** What it does, for the preview. */
  does: string;
  body(params: ActionParams): Record<string, unknown>;
  /** True once the state shows the action took effect. */
  done(state: TraderState, params: ActionParams): boolean;
  /** The state fields worth showing for it. */
  shows: Array<keyof TraderState>;
}

export interface ActionParams {
  reason: string;
  operator: string;
  target?: string;
  scale?: number;
}

export const ACTIONS: Record<ActionName, ActionSpec> = {
  halt: { name: 'halt', path: '/admin/halt', does: 'stop all trading', body: () => ({}), done: (s) => s.trading === 'halted', shows: ['trading'] },
  resume: { name: 'resume', path: '/admin/resume', does: 'resume trading', body: () => ({}), done: (s) => s.trading === 'active', shows: ['trading'] },
  flatten: { name: 'flatten', path: '/admin/close-positions', does: 'close every open position', body: () => ({}), done: (s) => s.open_positions === 0, shows: ['open_positions'] },
  failover: { name: 'failover', path: '/admin/failover', does: 'move trading to the standby site', body: (p) => ({ target: p.target ?? 'secondary' }), done: (s, p) => s.site === (p.target ?? 'secondary'), shows: ['site'] },
  'fallback-model': { name: 'fallback-model', path: '/admin/model/fallback', does: 'switch to the fallback model', body: () => ({}), done: (s) => s.model === 'fallback', shows: ['model'] },
  reduce: { name: 'reduce', path: '/admin/position-scale', does: 'scale position sizes down', body: (p) => ({ scale: p.scale }), done: (s, p) => Math.abs(s.position_scale - (p.scale ?? NaN)) < 1e-9, shows: ['position_scale'] },
};

export function parseState(json: unknown): TraderState | undefined {
  const s = json as Partial<TraderState> | null;
  if (!s || typeof s !== 'object' || (s.trading !== 'active' && s.trading !== 'halted')) return undefined;
  return {
    trading: s.trading,
    open_positions: typeof s.open_positions === 'number' ? s.open_positions : NaN,
    site: asText(s.site ?? '?'),
    model: asText(s.model ?? '?'),
    position_scale: typeof s.position_scale === 'number' ? s.position_scale : NaN,
  };
}

const PHRASE: Record<keyof TraderState, (s: TraderState) => string> = {
  trading: (s) => `trading ${s.trading}`,
  open_positions: (s) => `${s.open_positions} open positions`,
  site: (s) => `site ${s.site}`,
  model: (s) => `model ${s.model}`,
  position_scale: (s) => `position scale ${s.position_scale}`,
};

/** `trading halted, 3 open positions, …`: every field, or only those given. */
export function stateLine(s: TraderState, fields: Array<keyof TraderState> = ['trading', 'open_positions', 'site', 'model', 'position_scale']): string {
  return fields.map((f) => PHRASE[f](s)).join(', ');
}
