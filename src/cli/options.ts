// The options every command accepts (--config, the targets, --no-color), in a
// module of their own: a command needs their type, not the whole command line
// that main.ts builds.

export interface GlobalOptions {
  config?: string;
  trader?: string;
  prometheus?: string;
  alertmanager?: string;
  /** The trader's database (review models, the Health panel, status). */
  database?: string;
  color: boolean;
}
