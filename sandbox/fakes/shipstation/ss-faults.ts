import type { FakeHttpResponse } from '../../http';

/**
 * Injected raw responses. The first queued fault that matches a request answers it verbatim (status, headers, body),
 * before authentication and rate limiting: it stands for a failure in front of ShipStation (gateway, network) or a
 * server error, so it neither consumes the rate-limit budget nor changes any state. Every request is still logged.
 *
 * Matching: `method` case-insensitively; `path` as a string equals the request path (case-insensitive, no query);
 * `path` as a RegExp is tested against the path plus query string (e.g. `/shipments?voidDateStart=…`).
 * Defaults: any method, any path, status 500, body '', no headers, count 1 (use Infinity for "until cleared").
 */
export interface SsFault {
  path?: string | RegExp;
  method?: string;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  count?: number;
}

export interface SsFaultQueue {
  enqueue(f: SsFault): void;
  clear(): void;
  pending(): number;
  take(method: string, path: string, pathAndQuery: string): FakeHttpResponse | undefined;
}

export function createFaultQueue(): SsFaultQueue {
  const queue: { fault: SsFault; remaining: number }[] = [];
  const matches = (f: SsFault, method: string, path: string, pathAndQuery: string): boolean => {
    if (f.method && f.method.toUpperCase() !== method.toUpperCase()) return false;
    if (f.path === undefined) return true;
    if (typeof f.path === 'string') return f.path.toLowerCase() === path.toLowerCase();
    f.path.lastIndex = 0;
    return f.path.test(pathAndQuery);
  };
  return {
    enqueue(f) {
      const remaining = f.count ?? 1;
      if (remaining > 0) queue.push({ fault: f, remaining });
    },
    clear() {
      queue.length = 0;
    },
    pending() {
      return queue.length;
    },
    take(method, path, pathAndQuery) {
      const i = queue.findIndex((q) => matches(q.fault, method, path, pathAndQuery));
      if (i < 0) return undefined;
      const entry = queue[i];
      entry.remaining -= 1;
      if (entry.remaining <= 0) queue.splice(i, 1);
      return { status: entry.fault.status ?? 500, headers: { ...(entry.fault.headers ?? {}) }, body: entry.fault.body ?? '' };
    },
  };
}
