// The playbook's database check (`SELECT count(*) FROM pg_stat_activity`),
// against the server's own ceiling. Only client backends count: PostgreSQL's
// background processes are listed there too but do not use up max_connections.

import type { Query } from './database.js';

export interface DbConnections {
  inUse: number;
  max: number;
}

export async function readConnections(query: Query): Promise<DbConnections> {
  const [row] = await query<{ in_use: number; max_connections: number }>(
    "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = $1)::int AS in_use, current_setting('max_connections')::int AS max_connections",
    ['client backend'],
  );
  return { inUse: row?.in_use ?? 0, max: row?.max_connections ?? 0 };
}
