import { ApiError } from '../core/errors';
import type { RetryContext } from '../core/http/send-with-retry';
import { sendPaced } from '../core/http/paced-send';
import { queryString } from '../core/text/form-encode';
import { tryParseJson } from '../core/text/parse-json';
import { describeShipStationV2Error } from './describe-shipstation-v2-error';
import { ShipStationV2RateLimiter, V2_REQUESTS_PER_MINUTE } from './shipstation-v2-rate-limiter';

export type V2Query = Record<string, string | number | boolean | undefined>;
type Method = 'GET' | 'POST' | 'PUT';

/**
 * The wire of ShipStation API V2: the `API-Key` header, pacing to 200 requests a minute, retries
 * inside the time budget (429 after Retry-After; 5xx and no answer only when `idempotent`), V2's
 * error bodies made readable, and page-number paging.
 */
export class ShipStationV2Http {
  readonly rateLimiter: ShipStationV2RateLimiter;

  constructor(
    private readonly ctx: RetryContext,
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {
    this.rateLimiter = new ShipStationV2RateLimiter(ctx.clock);
  }

  getOrUndefined<T>(path: string, action: string): T | undefined {
    try {
      return this.call<T>('GET', path, undefined, undefined, action);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Page-number paging: `pages` is 0 when nothing matches; a page past the end is empty. */
  allPages<T>(path: string, key: string, action: string, query: V2Query): T[] {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const json = this.call<Record<string, unknown>>('GET', path, { ...query, page }, undefined, action);
      const items = json[key];
      if (!Array.isArray(items)) {
        throw new ApiError('ShipStation', 200, `ShipStation ${action} answered without a "${key}" list; the next sync will try again.`);
      }
      all.push(...(items as T[]));
      const pages = typeof json.pages === 'number' ? json.pages : 1;
      if (page >= pages || items.length === 0) return all;
    }
  }

  call<T>(method: Method, path: string, query: V2Query | undefined, body: unknown, action: string, idempotent = true): T {
    const response = sendPaced(
      this.ctx,
      this.rateLimiter,
      'ShipStation',
      `${V2_REQUESTS_PER_MINUTE}-requests-a-minute`,
      action,
      {
        url: `${this.baseUrl}${path}${query ? queryString(query) : ''}`,
        method,
        headers: { 'API-Key': this.apiKey, Accept: 'application/json' },
        contentType: body === undefined ? undefined : 'application/json',
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      idempotent,
    );
    if (response.status < 200 || response.status > 299) throw describeShipStationV2Error(response.status, response.body, action);
    if (response.status === 204 || response.body.trim() === '') return undefined as T;
    const json = tryParseJson(response.body);
    if (json === undefined || json === null || typeof json !== 'object') {
      throw new ApiError('ShipStation', response.status, `ShipStation ${action} answered with something that is not JSON (HTTP ${response.status}); the next sync will try again.`);
    }
    return json as T;
  }
}
