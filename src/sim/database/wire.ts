// The few bytes of the PostgreSQL wire protocol the simulator's front door
// speaks itself: an ErrorResponse for a client that comes while the embedded
// database is still starting (what PostgreSQL itself answers then), and a
// simple Query message for its own inserts.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

/** ErrorResponse ('E'): severity, SQLSTATE and message, each a typed C string. */
export function errorResponse(sqlstate: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...([['S', 'FATAL'], ['V', 'FATAL'], ['C', sqlstate], ['M', message]] as const).map(([type, text]) => Buffer.from(`${type}${text}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'ascii');
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}

/** Query ('Q'): one SQL text, run by the simple query protocol. */
export function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head.write('Q', 0, 'ascii');
  head.writeInt32BE(4 + text.length, 1);
  return new Uint8Array(Buffer.concat([head, text]));
}
