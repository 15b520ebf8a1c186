import { ConfigError } from '../core/errors';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../core/http/backoff';
import type { RetryContext } from '../core/http/send-with-retry';
import type { Cache } from '../core/ports/cache';
import type { Clock } from '../core/ports/clock';
import type { HttpPort } from '../core/ports/http-port';
import type { TimeBudget } from '../core/time/time-budget';
import { DscoClient } from '../dsco/dsco-client';
import { DSCO_BASE_URLS } from '../dsco/dsco-environment';
import { DscoTokenProvider } from '../dsco/dsco-token-provider';
import type { Settings } from '../settings/settings';
import type { BaseUrlName } from '../settings/settings-repository';
import { SHIPSTATION_BASE_URL, ShipStationClient } from '../shipstation/shipstation-client';
import type { ShipStationPort } from '../shipstation/shipstation-port';
import { SHIPSTATION_V2_BASE_URL, ShipStationV2Client } from '../shipstation-v2/shipstation-v2-client';

export interface ClientDeps {
  http: HttpPort;
  clock: Clock;
  cache: Cache;
  /** Script Properties DSCO_BASE_URL / SHIPSTATION_BASE_URL / SHIPSTATION_V2_BASE_URL, for sandboxes and tests. */
  baseUrlOverride: (name: BaseUrlName) => string | undefined;
  /** Retries and backoff (default DEFAULT_BACKOFF); the credentials check retries less. */
  policy?: BackoffPolicy;
}

function retryContext(deps: ClientDeps, budget: TimeBudget): RetryContext {
  return { http: deps.http, clock: deps.clock, budget, policy: deps.policy ?? DEFAULT_BACKOFF };
}

export function createDscoClient(settings: Settings, deps: ClientDeps, budget: TimeBudget): DscoClient {
  return createDscoConnection(settings, deps, budget).client;
}

/** The DSCO client with its token provider (the credentials check signs in on its own first). */
export function createDscoConnection(settings: Settings, deps: ClientDeps, budget: TimeBudget): { client: DscoClient; tokens: DscoTokenProvider } {
  if (!settings.dscoClientId || !settings.dscoClientSecret) {
    throw new ConfigError('DSCO is not set up: enter the DSCO Client ID and Client Secret in DSCO Sync → Settings.');
  }
  const base = deps.baseUrlOverride('DSCO_BASE_URL') ?? DSCO_BASE_URLS[settings.dscoEnvironment];
  const ctx = retryContext(deps, budget);
  const tokens = new DscoTokenProvider(ctx, deps.cache, base, {
    clientId: settings.dscoClientId,
    clientSecret: settings.dscoClientSecret,
  });
  return { client: new DscoClient(ctx, base, tokens), tokens };
}

/** The ShipStation back end the settings choose: API V1 (key and secret) or V2 (one key). */
export function createShipStationClient(settings: Settings, deps: ClientDeps, budget: TimeBudget): ShipStationPort {
  if (settings.ssApiVersion === 'v2') {
    if (!settings.ssV2ApiKey) throw new ConfigError('ShipStation is not set up: enter the ShipStation API V2 key in DSCO Sync → Settings.');
    const base = deps.baseUrlOverride('SHIPSTATION_V2_BASE_URL') ?? SHIPSTATION_V2_BASE_URL;
    return new ShipStationV2Client(retryContext(deps, budget), base, settings.ssV2ApiKey);
  }
  if (!settings.ssApiKey || !settings.ssApiSecret) {
    throw new ConfigError('ShipStation is not set up: enter the ShipStation API Key and API Secret in DSCO Sync → Settings.');
  }
  const base = deps.baseUrlOverride('SHIPSTATION_BASE_URL') ?? SHIPSTATION_BASE_URL;
  return new ShipStationClient(retryContext(deps, budget), base, { apiKey: settings.ssApiKey, apiSecret: settings.ssApiSecret });
}
