import { ConfigError } from '../core/errors';
import { DEFAULT_BACKOFF } from '../core/http/backoff';
import type { RetryContext } from '../core/http/send-with-retry';
import type { Cache } from '../core/ports/cache';
import type { Clock } from '../core/ports/clock';
import type { HttpPort } from '../core/ports/http-port';
import type { TimeBudget } from '../core/time/time-budget';
import { DscoClient } from '../dsco/dsco-client';
import { DSCO_BASE_URLS } from '../dsco/dsco-environment';
import { DscoTokenProvider } from '../dsco/dsco-token-provider';
import type { Settings } from '../settings/settings';
import { SHIPSTATION_BASE_URL, ShipStationClient } from '../shipstation/shipstation-client';

export interface ClientDeps {
  http: HttpPort;
  clock: Clock;
  cache: Cache;
  /** Script Properties DSCO_BASE_URL / SHIPSTATION_BASE_URL, for sandboxes and tests. */
  baseUrlOverride: (name: 'DSCO_BASE_URL' | 'SHIPSTATION_BASE_URL') => string | undefined;
}

function retryContext(deps: ClientDeps, budget: TimeBudget): RetryContext {
  return { http: deps.http, clock: deps.clock, budget, policy: DEFAULT_BACKOFF };
}

export function createDscoClient(settings: Settings, deps: ClientDeps, budget: TimeBudget): DscoClient {
  if (!settings.dscoClientId || !settings.dscoClientSecret) {
    throw new ConfigError('DSCO is not set up: enter the DSCO Client ID and Client Secret in DSCO Sync → Settings.');
  }
  const base = deps.baseUrlOverride('DSCO_BASE_URL') ?? DSCO_BASE_URLS[settings.dscoEnvironment];
  const ctx = retryContext(deps, budget);
  const tokens = new DscoTokenProvider(ctx, deps.cache, base, {
    clientId: settings.dscoClientId,
    clientSecret: settings.dscoClientSecret,
  });
  return new DscoClient(ctx, base, tokens);
}

export function createShipStationClient(settings: Settings, deps: ClientDeps, budget: TimeBudget): ShipStationClient {
  if (!settings.ssApiKey || !settings.ssApiSecret) {
    throw new ConfigError('ShipStation is not set up: enter the ShipStation API Key and API Secret in DSCO Sync → Settings.');
  }
  const base = deps.baseUrlOverride('SHIPSTATION_BASE_URL') ?? SHIPSTATION_BASE_URL;
  return new ShipStationClient(retryContext(deps, budget), base, { apiKey: settings.ssApiKey, apiSecret: settings.ssApiSecret });
}
