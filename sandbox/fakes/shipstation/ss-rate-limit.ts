import type { SimClock } from '../../clock';

/**
 * Fixed 60-second windows aligned to the clock's minutes, one budget per API key (notes §2: "40 requests per minute"
 * per key and secret; every response carries X-Rate-Limit-Limit / -Remaining / -Reset, Reset being seconds until the
 * next window). A request over the budget is refused and does not consume anything.
 */
export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface RateLimiter {
  take(key: string): RateLimitDecision;
}

const WINDOW_MS = 60_000;

export function createRateLimiter(clock: SimClock, limitPerMinute: number): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(key) {
      const now = clock.now();
      const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
      let w = windows.get(key);
      if (!w || w.start !== start) {
        w = { start, used: 0 };
        windows.set(key, w);
      }
      const allowed = w.used < limitPerMinute;
      if (allowed) w.used += 1;
      const reset = Math.ceil((start + WINDOW_MS - now) / 1000);
      return {
        allowed,
        headers: {
          'X-Rate-Limit-Limit': String(limitPerMinute),
          'X-Rate-Limit-Remaining': String(Math.max(0, limitPerMinute - w.used)),
          'X-Rate-Limit-Reset': String(reset),
        },
      };
    },
  };
}
