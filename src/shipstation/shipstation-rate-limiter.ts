import { headerSeconds } from '../core/http/backoff';
import type { Clock } from '../core/ports/clock';
import type { HttpResponse } from '../core/ports/http-port';

/**
 * ShipStation V1 allows 40 requests a minute per API key and reports the window on every response
 * (X-Rate-Limit-Limit, -Remaining, -Reset in seconds). The documented rule: "When the limit is
 * reached, your application should stop making requests until X-Rate-Limit-Reset seconds have
 * elapsed." This pacer waits before a request when the window is spent, and tells the retry loop
 * how long to wait after a 429 (Reset, or 60 s when the header is missing, plus a 1 s margin).
 */
export class ShipStationRateLimiter {
  private remaining: number | undefined;
  private resetAt = 0;

  constructor(
    private readonly clock: Clock,
    /** Requests kept in hand for other systems that share the same API key. */
    private readonly reserve = 0,
  ) {}

  /** How long to wait before the next request may go out (0 when it may go now). */
  waitBeforeNextMs(): number {
    const now = this.clock.now();
    if (this.remaining === undefined || now >= this.resetAt) return 0;
    return this.remaining <= this.reserve ? this.resetAt - now : 0;
  }

  record(response: HttpResponse): void {
    const remaining = headerSeconds(response.headers['x-rate-limit-remaining']);
    const reset = headerSeconds(response.headers['x-rate-limit-reset']);
    if (remaining !== undefined) this.remaining = remaining;
    if (reset !== undefined) this.resetAt = this.clock.now() + (reset + 1) * 1000;
    if (response.status === 429) {
      this.remaining = 0;
      if (reset === undefined) this.resetAt = this.clock.now() + 60_000;
    }
  }

  /** After a 429: wait until the window resets. */
  retryAfterMs(response: HttpResponse): number {
    const reset = headerSeconds(response.headers['x-rate-limit-reset']);
    return ((reset ?? 60) + 1) * 1000;
  }
}
