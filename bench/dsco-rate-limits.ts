import type { SimClock } from '../sandbox/clock';
import { jsonResponse, type FakeHandler } from '../sandbox/http';

/** A documented DSCO limit: "N times per second, or up to M times per minute" (dsco-api-v3.yaml). */
export interface DscoLimit {
  perSecond: number;
  perMinute: number;
}

/**
 * The published DSCO limits of the endpoints the engine calls (notes dsco-api.md §10). The async
 * `*\/batch/small` endpoints, `/order/log` and the cancel endpoints have no published rate and are
 * left unlimited; the token endpoint likewise.
 */
export const DSCO_LIMITS: Record<string, DscoLimit> = {
  'GET /order/page': { perSecond: 10, perMinute: 500 },
  'POST /order/acknowledge': { perSecond: 15, perMinute: 1000 },
  'POST /order/singleShipment': { perSecond: 15, perMinute: 300 },
};

export interface DscoRateLimiter {
  handle: FakeHandler;
  /** Requests refused with 429, by "METHOD /path". */
  refused: Record<string, number>;
}

function endpointOf(method: string, url: string): string {
  let path = new URL(url).pathname;
  const i = path.indexOf('/api/v3');
  if (i >= 0) path = path.slice(i + '/api/v3'.length);
  return `${method.toUpperCase()} ${path.replace(/\/+$/, '') || '/'}`;
}

/**
 * Wraps the DSCO fake's handler with DSCO's documented rate limits: sliding one-second and
 * one-minute windows per endpoint (DSCO does not say how it counts; a sliding window is the
 * strictest reading). A request over either limit is answered 429 with DSCO's error shape and no
 * Retry-After (whether DSCO sends one is [unknown]); it does not reach the fake and does not count.
 */
export function withDscoRateLimits(inner: FakeHandler, clock: SimClock, limits: Record<string, DscoLimit> = DSCO_LIMITS): DscoRateLimiter {
  const sent = new Map<string, number[]>();
  const refused: Record<string, number> = {};
  const handle: FakeHandler = (req) => {
    const key = endpointOf(req.method, req.url);
    const limit = limits[key];
    if (!limit) return inner(req);
    const now = clock.now();
    let times = sent.get(key);
    if (!times) sent.set(key, (times = []));
    // Drop what left the one-minute window (times are in send order).
    let drop = 0;
    while (drop < times.length && times[drop] <= now - 60_000) drop++;
    if (drop) times.splice(0, drop);
    let lastSecond = 0;
    for (let i = times.length - 1; i >= 0 && times[i] > now - 1_000; i--) lastSecond++;
    if (times.length >= limit.perMinute || lastSecond >= limit.perSecond) {
      refused[key] = (refused[key] ?? 0) + 1;
      return jsonResponse(429, {
        messages: [{ code: 'TOO_MANY_REQUESTS', severity: 'error', description: `Rate limit exceeded for ${key}: ${limit.perSecond}/s, ${limit.perMinute}/min` }],
      });
    }
    times.push(now);
    return inner(req);
  };
  return { handle, refused };
}
