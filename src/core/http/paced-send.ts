import { ApiError, type ApiService } from '../errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../ports/http-port';
import { sendWithRetry, type RetryContext } from './send-with-retry';

/** What an API's rate limiter tells the sender (ShipStation V1's headers, V2's Retry-After). */
export interface RequestPacer {
  /** How long to wait before the next request may go. */
  waitBeforeNextMs(): number;
  /** Learns from each answer (the remaining budget, the reset). */
  record(response: HttpResponse): void;
  /** How long a 429 asks to wait. */
  retryAfterMs(response: HttpResponse): number;
}

/**
 * One request through sendWithRetry, paced by the API's limiter: it waits for the rate budget
 * when the run has time left, and otherwise stops with a 429 so the next sync continues.
 */
export function sendPaced(
  ctx: RetryContext,
  pacer: RequestPacer,
  service: ApiService,
  limit: string,
  action: string,
  request: HttpRequest,
  idempotent: boolean,
): HttpResponse {
  const http: HttpPort = {
    send: (req) => {
      const wait = pacer.waitBeforeNextMs();
      if (wait > 0) {
        if (!ctx.budget.canWait(wait)) {
          throw new ApiError(service, 429, `${service} ${action} postponed: the ${limit} limit is spent and this run has no time left to wait; the next sync will continue.`);
        }
        ctx.clock.sleep(wait);
      }
      const res = ctx.http.send(req);
      pacer.record(res);
      return res;
    },
  };
  return sendWithRetry({ ...ctx, http }, request, { idempotent, retryAfterMs: (res: HttpResponse) => (res.status === 429 ? pacer.retryAfterMs(res) : undefined) });
}
