import type { SimClock } from '../../clock';

/**
 * OAuth2 client credentials (spec operationId getAccessToken, POST /oauth2/token): form-encoded grant_type,
 * client_id, client_secret → 200 {access_token, token_type: "Bearer", expires_in}; 400 {error: "invalid_request"}
 * for "missing required param, a bad grant type or an invalid scope"; 401 {error: "invalid_client"} for bad
 * credentials. "it's OK to have multiple access tokens that are valid at the same time for the same clientId".
 * Other APIs take `Authorization: bearer <token>`; the spec writes lowercase "bearer", working clients send
 * "Bearer" [observed], so any case is accepted.
 */
export interface DscoAuth {
  issue(form: Record<string, string>): { status: 200 | 400 | 401; body: Record<string, unknown> };
  isAuthorized(authorization: string | undefined): boolean;
  revokeAll(): void;
}

export function createDscoAuth(opts: {
  clock: SimClock;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  newToken: () => string;
}): DscoAuth {
  const tokens = new Map<string, number>(); // token -> expiry (epoch ms)
  return {
    issue(form) {
      const missing = ['grant_type', 'client_id', 'client_secret'].filter((k) => !form[k]);
      if (missing.length > 0) {
        return { status: 400, body: { error: 'invalid_request', error_description: `Missing required parameter(s): ${missing.join(', ')}` } };
      }
      if (form.grant_type !== 'client_credentials') {
        return { status: 400, body: { error: 'invalid_request', error_description: `Unsupported grant_type '${form.grant_type}'` } };
      }
      if (form.client_id !== opts.clientId || form.client_secret !== opts.clientSecret) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'The client credentials are invalid' } };
      }
      const token = opts.newToken();
      tokens.set(token, opts.clock.now() + opts.tokenTtlSeconds * 1000);
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: opts.tokenTtlSeconds } };
    },
    isAuthorized(authorization) {
      const m = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!m) return false;
      const expiry = tokens.get(m[1] as string);
      return expiry !== undefined && opts.clock.now() < expiry;
    },
    revokeAll() {
      tokens.clear();
    },
  };
}
