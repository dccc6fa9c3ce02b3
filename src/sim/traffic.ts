// What tests and demos need to see and steer about the traffic the trader
// endpoints receive: a ring of recent requests and one-shot injected failures.

export interface RequestRecord {
  time: string;
  method: string;
  path: string;
  authorized: boolean;
  idempotency_key: string | null;
}

export interface RequestLog {
  add(record: RequestRecord): void;
  list(): RequestRecord[];
  clear(): number;
  /** A client opened a TCP connection: keep-alive shows as few of these. */
  connected(): void;
  /** Totals since start, for the benchmark: connections opened, trader requests. */
  stats(): { connections: number; requests: number };
}

export function createRequestLog(limit = 1000): RequestLog {
  let records: RequestRecord[] = [];
  let connections = 0;
  let requests = 0;
  return {
    add(record) {
      requests++;
      records.push(record);
      if (records.length > limit) records = records.slice(records.length - limit);
    },
    list: () => records.map((r) => ({ ...r })),
    clear() {
      const n = records.length;
      records = [];
      return n;
    },
    connected() {
      connections++;
    },
    stats: () => ({ connections, requests }),
  };
}

export interface Fault {
  path: string;
  status: number;
  remaining: number;
}

export interface Faults {
  add(path: string, status: number, times: number): Fault;
  /** The status to answer with instead of handling the request, if any is armed. */
  take(path: string): number | undefined;
  list(): Fault[];
  clear(): number;
}

export function createFaults(): Faults {
  // One armed fault per path: re-arming replaces, which is what a test means.
  const byPath = new Map<string, Fault>();
  return {
    add(path, status, times) {
      const fault = { path, status, remaining: times };
      byPath.set(path, fault);
      return { ...fault };
    },
    take(path) {
      const fault = byPath.get(path);
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) byPath.delete(path);
      return fault.status;
    },
    list: () => [...byPath.values()].map((f) => ({ ...f })),
    clear() {
      const n = byPath.size;
      byPath.clear();
      return n;
    },
  };
}
