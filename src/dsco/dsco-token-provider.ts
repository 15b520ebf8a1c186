import { ApiError } from '../core/errors';
import { sendWithRetry, type RetryContext } from '../core/http/send-with-retry';
import type { Cache } from '../core/ports/cache';
import { formEncode } from '../core/text/form-encode';
import { tryParseJson } from '../core/text/parse-json';
import { fnv1a } from '../core/text/fnv1a';
import { describeDscoError } from './describe-dsco-error';

export interface DscoCredentials {
  clientId: string;
  clientSecret: string;
}

/** Refetch this long before DSCO says the token expires (clock skew, long requests). */
const EXPIRY_MARGIN_SECONDS = 120;

/**
 * OAuth2 client credentials for DSCO (spec operation getAccessToken): a form-encoded
 * `POST /oauth2/token`. The token is kept in memory and in the script cache until shortly before
 * `expires_in`, so one token serves many executions; `invalidate()` after a 401 forces a new one.
 */
export class DscoTokenProvider {
  private token: { value: string; expiresAt: number } | undefined;
  private readonly cacheKey: string;

  constructor(
    private readonly ctx: RetryContext,
    private readonly cache: Cache,
    private readonly baseUrl: string,
    private readonly credentials: DscoCredentials,
  ) {
    // The key changes with the credentials and the environment, and reveals neither.
    this.cacheKey = `dsco.token.${fnv1a(`${baseUrl}\n${credentials.clientId}\n${credentials.clientSecret}`)}`;
  }

  getToken(): string {
    const now = this.ctx.clock.now();
    if (this.token && this.token.expiresAt > now) return this.token.value;
    const cached = this.readCache(now);
    if (cached) {
      this.token = cached;
      return cached.value;
    }
    this.token = this.fetchToken();
    return this.token.value;
  }

  /** What an error body must never quote: the client secret and the current token. */
  secrets(): string[] {
    return [this.credentials.clientSecret, this.token?.value ?? ''].filter(Boolean);
  }

  invalidate(): void {
    this.token = undefined;
    this.cache.remove(this.cacheKey);
  }

  private readCache(now: number): { value: string; expiresAt: number } | undefined {
    const parsed = tryParseJson(this.cache.get(this.cacheKey) ?? '') as { value?: unknown; expiresAt?: unknown } | undefined;
    if (parsed && typeof parsed.value === 'string' && typeof parsed.expiresAt === 'number' && parsed.expiresAt > now) {
      return { value: parsed.value, expiresAt: parsed.expiresAt };
    }
    return undefined;
  }

  private fetchToken(): { value: string; expiresAt: number } {
    const response = sendWithRetry(
      this.ctx,
      {
        url: `${this.baseUrl}/oauth2/token`,
        method: 'POST',
        headers: { Accept: 'application/json' },
        contentType: 'application/x-www-form-urlencoded',
        body: formEncode({
          grant_type: 'client_credentials',
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
        }),
      },
      { idempotent: true },
    );
    if (response.status !== 200) throw describeDscoError(response.status, response.body, 'sign-in (token request)', [this.credentials.clientSecret]);
    const json = tryParseJson(response.body) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!json || typeof json.access_token !== 'string' || !json.access_token) {
      throw new ApiError('DSCO', response.status, 'DSCO sign-in answered without an access token; try again later.');
    }
    const lifetime = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600;
    const ttl = Math.max(1, lifetime - EXPIRY_MARGIN_SECONDS);
    const token = { value: json.access_token, expiresAt: this.ctx.clock.now() + ttl * 1000 };
    this.cache.put(this.cacheKey, JSON.stringify(token), Math.min(ttl, 21_600));
    return token;
  }
}
