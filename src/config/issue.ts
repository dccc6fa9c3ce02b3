/** A problem in a config file, located as FILE:LINE:COL so editors can jump to it. */
export interface ConfigIssue {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
  /**
   * `warning`: the setting is ignored (an unknown key, a bad threshold or alert:
   * the earlier value, usually the playbook's, stays) and gptmon runs on.
   * Otherwise an error: what the config says cannot be known (a file that cannot
   * be read or parsed, a bad target URL), so acting on it would be a guess.
   */
  level?: 'warning';
}

/**
 * Sections whose mistakes degrade: the playbook's defaults stand in for them,
 * and nothing acts on the wrong target because of them.
 */
const DEGRADING = new Set(['metrics', 'alerts', 'severity_levels', 'circuit_breakers', 'step_timeout', 'resolved_keep', 'max_scrape_bytes', 'runbooks_dir', 'incident_checklist', 'database', 'risk_limits', 'checklists']);

const topKey = (path: string) => path.split(/[.[]/)[0] ?? '';

/** Marks each issue a warning or an error, by what it is about. */
export function leveled(issue: ConfigIssue): ConfigIssue {
  if (issue.level) return issue;
  const warn = issue.message.startsWith('unknown key') || DEGRADING.has(topKey(issue.path));
  return warn ? { ...issue, level: 'warning' } : issue;
}

export const isError = (issue: ConfigIssue) => issue.level !== 'warning';

/** Settings the controls need; a problem anywhere else does not stop a halt. */
const CONTROL_KEYS = new Set(['', 'trader', 'token_file', 'allow_insecure', 'audit_log', 'timeout']);

export const mattersToControls = (issue: ConfigIssue) => CONTROL_KEYS.has(topKey(issue.path)) && !issue.message.startsWith('unknown key');

/** The top-level sections an issue list touches: `metrics, alerts`. */
export function sectionsOf(issues: ConfigIssue[]): string[] {
  return [...new Set(issues.map((i) => topKey(i.path) || '(file)'))];
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** Thrown by loaders so the CLI can print the issues and exit, never a stack. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}
