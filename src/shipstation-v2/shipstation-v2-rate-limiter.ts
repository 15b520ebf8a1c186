import { headerSeconds } from '../core/http/backoff';
import type { Clock } from '../core/ports/clock';
import type { HttpResponse } from '../core/ports/http-port';

/** "By default, ShipStation allows you to send up to 200 requests per minute" (V2 Usage & Rate Limits). */
export const V2_REQUESTS_PER_MINUTE = 200;
const WINDOW_MS = 60_000;

/**
 * V2 answers 429 with Retry-After (seconds) over the limit. Whether it sends V1's X-Rate-Limit-*
 * headers is unknown, so this pacer counts its own requests in a sliding minute and waits before
 * the 201st; after a 429 nothing goes out until Retry-After (60 s when the header is missing) has
 * passed. The budget is per account (shared by every integration), so another app's traffic can
 * still cause a 429: the retry loop then waits as asked.
 */
export class ShipStationV2RateLimiter {
  private readonly sent: number[] = [];
  private blockedUntil = 0;

  constructor(
    private readonly clock: Clock,
    private readonly perMinute = V2_REQUESTS_PER_MINUTE,
  ) {}

  waitBeforeNextMs(): number {
    const now = this.clock.now();
    while (this.sent.length && this.sent[0] <= now - WINDOW_MS) this.sent.shift();
    const full = this.sent.length >= this.perMinute ? this.sent[0] + WINDOW_MS - now : 0;
    return Math.max(0, full, this.blockedUntil - now);
  }

  record(response: HttpResponse): void {
    const now = this.clock.now();
    this.sent.push(now);
    if (response.status === 429) this.blockedUntil = now + this.retryAfterMs(response);
  }

  retryAfterMs(response: HttpResponse): number {
    return ((headerSeconds(response.headers['retry-after']) ?? 60) + 1) * 1000;
  }
}
