/** No HTTP response arrived (DNS failure, timeout, connection refused). Always safe to report, never contains secrets. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export type ApiService = 'DSCO' | 'ShipStation';

/** An API answered with an error status, or with a body this integration cannot read. */
export class ApiError extends Error {
  constructor(
    readonly service: ApiService,
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get retriable(): boolean {
    return isRetriableStatus(this.status);
  }
}

/** A setting is missing or invalid; the message tells the person what to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** DSCO lists 408, 429 and 5xx as retriable (spec "Retriable Http errors"); ShipStation's 429 and 5xx likewise. */
export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** This run's time budget is spent: no new request starts; the next sync continues the work. */
export class TimeBudgetExceeded extends Error {
  constructor() {
    super('Time is up for this run; the next sync continues.');
    this.name = 'TimeBudgetExceeded';
  }
}

/** OAuth 2 error codes (RFC 6749 §5.2): the token request itself failed. */
const SIGN_IN_ERRORS = new Set(['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope']);

/** DSCO refused the sign-in (the token request): every call of the run would fail the same way. */
export function isSignInFailure(e: unknown): boolean {
  return e instanceof ApiError && e.service === 'DSCO' && e.code !== undefined && SIGN_IN_ERRORS.has(e.code);
}

/**
 * Whether a failure belongs to one order (the API refused that order's data) rather than to the
 * run (credentials, rate limits, outages, time). Only order-specific failures become Error rows;
 * the others stop the stage, and the next sync retries the work.
 */
export function isOrderSpecific(e: unknown): boolean {
  return e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 403, 408, 429].includes(e.status) && !isSignInFailure(e);
}

/** Failures that concern the whole run: bad credentials, missing settings, no time left. */
export function isRunLevel(e: unknown): boolean {
  return e instanceof TimeBudgetExceeded || e instanceof ConfigError || (e instanceof ApiError && (e.status === 401 || e.status === 403)) || isSignInFailure(e);
}
