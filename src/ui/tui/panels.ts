// The overview's panels and where they sit: the built-in ones in their
// places, and a team's own metrics in panels of their own (named by the
// config, "Custom" by default) under whichever column is shorter. Which
// metric goes in which panel, in what order, comes from the metric catalogue.

import type { Config, MetricSpec } from '../../config/types.js';
import type { Snapshot } from '../../engine/types.js';
import { healthRows } from './health-rows.js';
import { metricRow, panel, panelStale, type PanelModel } from './panel-rows.js';
import { riskRows } from './risk-rows.js';

export type { MetricRow, PanelModel, Row, TextRow } from './panel-rows.js';

const LEFT = ['Trading', 'Risk', 'Health'];
const RIGHT = ['Model', 'Latency', 'Resources'];

const panelsByConfig = new WeakMap<Config, Map<string, MetricSpec[]>>();

/** Metric specs by the panel they are rows of, in row order (once per config: the panels are built every refresh). */
function byPanel(config: Config): Map<string, MetricSpec[]> {
  const known = panelsByConfig.get(config);
  if (known) return known;
  const out = new Map<string, MetricSpec[]>();
  for (const spec of Object.values(config.metrics)) {
    if (!spec.panel) continue;
    out.set(spec.panel, [...(out.get(spec.panel) ?? []), spec]);
  }
  for (const list of out.values()) list.sort((a, b) => a.order - b.order);
  panelsByConfig.set(config, out);
  return out;
}

const id = (title: string) => title.toLowerCase();

export function buildPanels(snap: Snapshot, config: Config): { left: PanelModel[]; right: PanelModel[] } {
  const specs = byPanel(config);
  const build = (title: string): PanelModel => {
    if (title === 'Health') return { id: 'health', title, rows: healthRows(snap) };
    if (title === 'Risk') {
      // The Risk panel has its own layout; its freshness is its metrics'.
      const stale = panelStale((specs.get('Risk') ?? []).map((s) => metricRow(snap, s)));
      const rows = riskRows(snap);
      return stale ? { id: 'risk', title, rows, staleFor: stale } : { id: 'risk', title, rows };
    }
    return panel(id(title), title, (specs.get(title) ?? []).map((s) => metricRow(snap, s)));
  };
  const left = LEFT.map(build);
  const right = RIGHT.map(build);
  const rowsOf = (col: PanelModel[]) => col.reduce((n, p) => n + p.rows.length + 1, 0);
  for (const title of specs.keys()) {
    if (LEFT.includes(title) || RIGHT.includes(title)) continue;
    (rowsOf(left) < rowsOf(right) ? left : right).push(build(title));
  }
  return { left, right };
}
