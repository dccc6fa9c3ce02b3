// The alert conditions of the playbook are a small subset of PromQL:
//   up{job="gpt-trader"} == 0
//   model_accuracy < 0.55 OR sharpe_ratio < 0.8
// This parses that subset so the embedded evaluator can run it and the rules
// exporter can turn it back into PromQL. Anything richer belongs in Prometheus.

export type Comparator = '>' | '>=' | '<' | '<=' | '==' | '!=';

export interface Comparison {
  kind: 'compare';
  metric: string;
  labels: Record<string, string>;
  op: Comparator;
  value: number;
}

export interface Junction {
  kind: 'or' | 'and';
  terms: Condition[];
}

export type Condition = Comparison | Junction;

export type ConditionResult = { ok: true; condition: Condition } | { ok: false; error: string; column: number };

const TOKEN = /\s*(?:([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(%|ms|s)?|([A-Za-z_:][A-Za-z0-9_:]*)|(>=|<=|==|!=|>|<)|(\{[^}]*\})|(\S))/gy;

interface Token {
  type: 'number' | 'ident' | 'op' | 'labels' | 'junk';
  text: string;
  value?: number;
  column: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) {
    const column = m.index + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) {
      const unit = m[2];
      const n = Number(m[1]);
      const value = unit === '%' ? n / 100 : unit === 'ms' ? n / 1000 : n;
      tokens.push({ type: 'number', text: m[1] + (unit ?? ''), value, column });
    } else if (m[3] !== undefined) tokens.push({ type: 'ident', text: m[3], column });
    else if (m[4] !== undefined) tokens.push({ type: 'op', text: m[4], column });
    else if (m[5] !== undefined) tokens.push({ type: 'labels', text: m[5], column });
    else if (m[6] !== undefined) tokens.push({ type: 'junk', text: m[6], column });
  }
  return tokens;
}

function parseLabels(text: string): Record<string, string> | string {
  const body = text.slice(1, -1).trim();
  const labels: Record<string, string> = {};
  if (body === '') return labels;
  for (const part of body.split(',')) {
    const m = part.trim().match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"$/);
    if (!m) return `cannot read label matcher "${part.trim()}" (only name="value" is supported)`;
    labels[m[1] as string] = m[2] as string;
  }
  return labels;
}

export function parseCondition(text: string): ConditionResult {
  const tokens = tokenize(text);
  let i = 0;
  const fail = (error: string, at?: Token): ConditionResult => ({ ok: false, error, column: (at?.column ?? text.length) + 1 });

  const terms: Condition[][] = [[]];
  while (true) {
    const metric = tokens[i];
    if (!metric || metric.type !== 'ident' || /^(or|and)$/i.test(metric.text)) {
      return fail(metric ? `expected a metric name, got "${metric.text}"` : 'expected a metric name', metric);
    }
    i++;
    let labels: Record<string, string> = {};
    if (tokens[i]?.type === 'labels') {
      const parsed = parseLabels(tokens[i]!.text);
      if (typeof parsed === 'string') return fail(parsed, tokens[i]);
      labels = parsed;
      i++;
    }
    const op = tokens[i];
    if (!op || op.type !== 'op') return fail(op ? `expected a comparison (> >= < <= == !=) after ${metric.text}, got "${op.text}"` : `expected a comparison after ${metric.text}`, op);
    i++;
    const num = tokens[i];
    if (!num || num.type !== 'number') return fail(num ? `expected a number after ${op.text}, got "${num.text}"` : `expected a number after ${op.text}`, num);
    i++;
    terms[terms.length - 1]!.push({ kind: 'compare', metric: metric.text, labels, op: op.text as Comparator, value: num.value! });
    const next = tokens[i];
    if (!next) break;
    if (next.type === 'ident' && /^(or|and)$/i.test(next.text)) {
      i++;
      if (next.text.toLowerCase() === 'or') terms.push([]);
      continue;
    }
    return fail(`unexpected "${next.text}" (join comparisons with OR or AND)`, next);
  }
  // AND binds tighter than OR, as in most languages people write conditions in.
  const ors = terms.map((group): Condition => (group.length === 1 ? group[0]! : { kind: 'and', terms: group }));
  return { ok: true, condition: ors.length === 1 ? ors[0]! : { kind: 'or', terms: ors } };
}

/** Every metric a condition reads, for polling and validation. */
export function conditionMetrics(condition: Condition): string[] {
  if (condition.kind === 'compare') return [condition.metric];
  return [...new Set(condition.terms.flatMap(conditionMetrics))];
}

export function formatCondition(condition: Condition): string {
  if (condition.kind === 'compare') {
    const labels = Object.entries(condition.labels).map(([k, v]) => `${k}="${v}"`).join(',');
    return `${condition.metric}${labels ? `{${labels}}` : ''} ${condition.op} ${condition.value}`;
  }
  return condition.terms.map((t) => (t.kind === 'compare' ? formatCondition(t) : `(${formatCondition(t)})`)).join(` ${condition.kind.toUpperCase()} `);
}
