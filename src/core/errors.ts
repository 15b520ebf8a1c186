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
