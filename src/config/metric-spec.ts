// One metric made whole: the catalogue's entry (when gptmon knows the metric)
// under the config's changes, checked as a whole: a team's own metric needs a
// threshold, thresholds need a direction and the right order.

import { catalogueEntry, CUSTOM_PANEL } from '../metrics/catalogue.js';
import type { MetricRead } from '../metrics/types.js';
import type { MetricPatch } from './layer.js';
import type { Direction, MetricSpec } from './types.js';

/** How the metric is read: the config's `query`, `metric` or `quantile` over the catalogue's way. */
function readOf(name: string, m: MetricPatch, base: MetricRead | undefined): MetricRead {
  if (m.query !== undefined) return { as: 'query', promql: m.query };
  const from = base ?? { as: 'gauge', series: name };
  if (m.metric === undefined && m.quantile === undefined) return from;
  const series = m.metric ?? (from.as === 'query' ? name : from.series);
  const q = m.quantile ?? (from.as === 'quantile' ? from.q : undefined);
  return q === undefined ? { as: 'gauge', series } : { as: 'quantile', series, q };
}

/**
 * The metric as gptmon runs it, or undefined with the problem reported at the
 * metric's block in the last file that touched it. `order` places a team's
 * metric in its panel, in the order the config declared them.
 */
export function finishMetric(name: string, m: MetricPatch, order: number): MetricSpec | undefined {
  if (m.invalid) return undefined;
  const report = (message: string) => m.at.issue(message);
  const entry = catalogueEntry(name);
  const judged = m.warning !== undefined || m.critical !== undefined;
  if (!entry && !judged) {
    report('missing threshold: give threshold_warning, threshold_critical or both');
    return undefined;
  }
  let direction: Direction | undefined = m.direction ?? entry?.direction;
  if (!direction && m.warning !== undefined && m.critical !== undefined && m.warning !== m.critical) {
    direction = m.critical > m.warning ? 'above' : 'below';
  }
  if (judged && !direction) {
    report('cannot tell whether higher or lower is worse: add direction: above or direction: below');
    return undefined;
  }
  if (m.warning !== undefined && m.critical !== undefined) {
    const worse = direction === 'above' ? m.critical > m.warning : m.critical < m.warning;
    if (!worse) {
      report(`threshold_critical (${m.critical}) must be ${direction === 'above' ? 'above' : 'below'} threshold_warning (${m.warning}): for this metric ${direction === 'above' ? 'higher' : 'lower'} is worse`);
      return undefined;
    }
  }
  const spec: MetricSpec = {
    name,
    description: m.description ?? entry?.description ?? name,
    kind: m.kind ?? entry?.kind ?? 'number',
    checkIntervalMs: m.checkIntervalMs ?? 60_000,
    read: readOf(name, m, entry?.read),
    label: m.label ?? entry?.label ?? name,
    short: entry?.short ?? name,
    order: entry?.order ?? order,
    custom: !entry,
    required: !entry?.optional,
  };
  if (direction) spec.direction = direction;
  const panel = m.panel ?? entry?.panel ?? (entry ? undefined : CUSTOM_PANEL);
  if (panel) spec.panel = panel;
  if (m.warning !== undefined) spec.warning = m.warning;
  if (m.critical !== undefined) spec.critical = m.critical;
  return spec;
}

/** The series a metric reads, for conditions that name it by its exposition name. */
export const seriesOf = (spec: MetricSpec): string | undefined => (spec.read.as === 'query' ? undefined : spec.read.series);
