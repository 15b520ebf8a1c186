import { isRetriableStatus, NetworkError, TimeBudgetExceeded } from '../errors';
import type { Clock } from '../ports/clock';
import type { HttpPort, HttpRequest, HttpResponse } from '../ports/http-port';
import type { TimeBudget } from '../time/time-budget';
import { backoffDelayMs, type BackoffPolicy } from './backoff';

export interface RetryContext {
  http: HttpPort;
  clock: Clock;
  budget: TimeBudget;
  policy: BackoffPolicy;
}

export interface SendOptions {
  /**
   * Whether sending the request twice is harmless. A request that is not idempotent is retried
   * only when the server said it did not process it (429); after a network error or a 5xx it may
   * have been applied, so the caller must find out instead of sending it again.
   */
  idempotent: boolean;
  /** How long the server asked us to wait before retrying this response, if it said so. */
  retryAfterMs?: (response: HttpResponse) => number | undefined;
}

/**
 * Sends a request, retrying 408/429/5xx and network failures with exponential backoff while the
 * time budget allows. Returns the last response (successful or not); throws NetworkError when no
 * response ever arrived, and TimeBudgetExceeded when the budget was spent before a request.
 */
export function sendWithRetry(ctx: RetryContext, request: HttpRequest, options: SendOptions): HttpResponse {
  for (let attempt = 1; ; attempt++) {
    // Checked before every request, so a stage that started in time cannot run past Apps Script's limit.
    if (ctx.budget.expired()) throw new TimeBudgetExceeded();
    let response: HttpResponse;
    try {
      response = ctx.http.send(request);
    } catch (e) {
      if (!(e instanceof NetworkError) || !options.idempotent) throw e;
      const delay = backoffDelayMs(ctx.policy, attempt);
      if (attempt >= ctx.policy.maxAttempts || !ctx.budget.canWait(delay)) throw e;
      ctx.clock.sleep(delay);
      continue;
    }
    if (!isRetriableStatus(response.status)) return response;
    if (!options.idempotent && response.status !== 429) return response;
    const delay = options.retryAfterMs?.(response) ?? backoffDelayMs(ctx.policy, attempt);
    if (attempt >= ctx.policy.maxAttempts || !ctx.budget.canWait(delay)) return response;
    ctx.clock.sleep(delay);
  }
}
