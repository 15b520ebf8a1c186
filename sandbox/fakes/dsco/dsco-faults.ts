import type { FakeHttpResponse } from '../../http';

export interface DscoFault {
  /** Matches the path after '/api/v3' (exact string, or a RegExp tested against it). Any path when absent. */
  path?: string | RegExp;
  /** Upper-case HTTP method; any when absent. */
  method?: string;
  /** Default 500. */
  status?: number;
  /** Raw body, sent as is (HTML error page, truncated JSON...). Default ''. */
  body?: string;
  headers?: Record<string, string>;
  /** How many matching requests get this response. Default 1. */
  count?: number;
  /**
   * Extension: when true the request is still processed (its effects happen) and only the response is replaced,
   * like a gateway timeout after the backend did the work. Default false: the request has no effect.
   */
  applyRequest?: boolean;
}

export interface DscoFaultQueue {
  enqueue(f: DscoFault): void;
  /** Removes one use of the first fault matching the request, and returns it. */
  take(method: string, path: string): DscoFault | undefined;
  pending(): number;
  clear(): void;
}

export function createFaultQueue(): DscoFaultQueue {
  const queue: { fault: DscoFault; left: number }[] = [];
  const matches = (f: DscoFault, method: string, path: string): boolean =>
    (f.method === undefined || f.method.toUpperCase() === method) &&
    (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path)));
  return {
    enqueue(fault) {
      queue.push({ fault, left: fault.count ?? 1 });
    },
    take(method, path) {
      const i = queue.findIndex((q) => matches(q.fault, method, path));
      if (i < 0) return undefined;
      const q = queue[i] as { fault: DscoFault; left: number };
      q.left -= 1;
      if (q.left <= 0) queue.splice(i, 1);
      return q.fault;
    },
    pending: () => queue.reduce((n, q) => n + q.left, 0),
    clear() {
      queue.length = 0;
    },
  };
}

export function faultResponse(f: DscoFault): FakeHttpResponse {
  return { status: f.status ?? 500, headers: { ...(f.headers ?? {}) }, body: f.body ?? '' };
}
