// What several live lines derive from the same snapshot (the panels, the
// alerts by key, a panel's lines) is worked out once per snapshot, and goes
// with it: nothing is kept once the snapshot is no longer held.

import type { Config } from '../../config/types.js';
import type { AlertView, Snapshot } from '../../engine/types.js';
import { buildPanels, type PanelModel } from './panels.js';

const memo = new WeakMap<Snapshot, Map<string, unknown>>();

/** `compute()` once per snapshot and key. */
export function perSnapshot<T>(snap: Snapshot, key: string, compute: () => T): T {
  let m = memo.get(snap);
  if (!m) memo.set(snap, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const value = compute();
  m.set(key, value);
  return value;
}

const configIds = new WeakMap<Config, number>();
let nextConfigId = 0;
/** A config's number, for memo keys (the console has one; tests several). */
function configId(config: Config): number {
  let id = configIds.get(config);
  if (id === undefined) configIds.set(config, (id = nextConfigId++));
  return id;
}

export function panelsOf(snap: Snapshot, config: Config): { left: PanelModel[]; right: PanelModel[] } {
  return perSnapshot(snap, `panels:${configId(config)}`, () => buildPanels(snap, config));
}

export function panelById(snap: Snapshot, config: Config, id: string): PanelModel | undefined {
  const p = panelsOf(snap, config);
  return p.left.find((x) => x.id === id) ?? p.right.find((x) => x.id === id);
}

export function alertByKey(snap: Snapshot, key: string): AlertView | undefined {
  return perSnapshot(snap, 'alerts-by-key', () => new Map(snap.alerts.map((a) => [a.key, a]))).get(key);
}
