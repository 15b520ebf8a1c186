import type { Clock } from '../src/core/ports/clock';
import type { HttpPort, HttpRequest, HttpResponse } from '../src/core/ports/http-port';
import { NetworkError } from '../src/core/errors';
import type { SimClock } from './clock';
import type { FakeHandler, FakeHttpRequest } from './http';

/**
 * Node-side HttpPort for client tests: routes requests straight to fake servers by URL prefix
 * (the simulator's UrlFetchApp does the same for tests of the built bundle).
 */
export function directHttp(routes: Record<string, FakeHandler>): HttpPort & { sent: FakeHttpRequest[] } {
  const sent: FakeHttpRequest[] = [];
  return {
    sent,
    send(request: HttpRequest): HttpResponse {
      const prefix = Object.keys(routes)
        .filter((p) => request.url.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      if (!prefix) throw new NetworkError(`Could not reach ${request.url} (DNS error).`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
      if (request.contentType) headers['content-type'] = request.contentType;
      const req: FakeHttpRequest = { method: request.method, url: request.url, headers, body: request.body ?? '' };
      sent.push(req);
      const res = routes[prefix](req);
      const lower: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) lower[k.toLowerCase()] = v;
      return { status: res.status, headers: lower, body: res.body };
    },
  };
}

/** The core's Clock over the simulated clock: sleeping advances it. */
export function coreClock(clock: SimClock): Clock & { slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => clock.now(), sleep: (ms) => { slept.push(ms); clock.advance(ms); } };
}

/** The core's Cache, in memory, with expiry by the simulated clock. */
export function memoryCache(clock: SimClock) {
  const data = new Map<string, { value: string; until: number }>();
  return {
    data,
    get: (k: string) => {
      const e = data.get(k);
      return e && e.until > clock.now() ? e.value : null;
    },
    put: (k: string, value: string, ttl: number) => void data.set(k, { value, until: clock.now() + ttl * 1000 }),
    remove: (k: string) => void data.delete(k),
  };
}
