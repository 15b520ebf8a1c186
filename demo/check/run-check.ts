/**
 * `npm start -- --check`: read-only calls to the real DSCO and ShipStation APIs with credentials
 * from environment variables, through the product's own clients (src/dsco, src/shipstation) over a
 * synchronous Node HTTP bridge. One line per check, OK / FAIL / SKIP; exit code 0 only when all
 * passed. Secret values are never printed.
 */
import { ApiError, errorMessage, NetworkError, TimeBudgetExceeded } from '../../src/core/errors';
import type { BackoffPolicy } from '../../src/core/http/backoff';
import { redact } from '../../src/core/redact';
import { TimeBudget } from '../../src/core/time/time-budget';
import { type ClientDeps, createDscoConnection, createShipStationClient } from '../../src/app/client-factory';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/settings';
import type { ShipStationV2Client } from '../../src/shipstation-v2/shipstation-v2-client';
import { isoSeconds } from '../../src/sync/cycle/cycle-context';
import { UNTIL_LAG_MS } from '../../src/dsco/dsco-consistency';
import { createSyncHttp, type SyncHttp } from '../../sandbox/loopback';
import { colourWanted, painter, wrap } from '../terminal';
import { readCheckEnv, type DscoCheckConfig, type ShipStationCheckConfig } from './check-env';
import { memoryCache, nodeClock, NodeSyncHttpPort } from './node-http';

/** A check answers quickly or fails: one retry, short waits (the sync itself is more patient). */
const CHECK_BACKOFF: BackoffPolicy = { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 2_000 };
const SERVICE_BUDGET_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
const DAY = 86_400_000;

/** NOTE: not a failure; something the check could not verify (ShipStation API V2 cannot list stores). */
export type Outcome = 'OK' | 'FAIL' | 'SKIP' | 'NOTE';

export interface CheckLine {
  outcome: Outcome;
  name: string;
  message: string;
}

export interface CheckOptions {
  env?: NodeJS.ProcessEnv;
  write?: (line: string) => void;
  /** Reuse a bridge (tests); otherwise one is started and stopped. */
  http?: SyncHttp;
  colour?: boolean;
  width?: number;
}

export interface CheckReport {
  lines: CheckLine[];
  exitCode: 0 | 1;
}

/** The product's client factory, over Node's HTTP, with the check's own base URL and retries. */
function clientDeps(http: SyncHttp, baseUrl: string | undefined): ClientDeps {
  return {
    http: new NodeSyncHttpPort(http, REQUEST_TIMEOUT_MS),
    clock: nodeClock,
    cache: memoryCache(nodeClock),
    baseUrlOverride: () => baseUrl,
    policy: CHECK_BACKOFF,
  };
}

const budget = () => new TimeBudget(nodeClock, SERVICE_BUDGET_MS);

/** What went wrong, in words that name what to change. */
function explain(e: unknown, service: 'DSCO' | 'ShipStation', baseVariable: string, overridden: boolean): string {
  if (e instanceof NetworkError) {
    return `${e.message} Check the internet connection (and any proxy or firewall)${overridden ? `, and ${baseVariable}` : ''}.`;
  }
  if (e instanceof TimeBudgetExceeded) return `${service} did not answer within ${SERVICE_BUDGET_MS / 1000} s; try again later.`;
  if (e instanceof ApiError && service === 'DSCO' && e.status === 401 && e.code === 'invalid_client') {
    return (
      'DSCO refused the client ID and secret (HTTP 401 invalid_client). Check DSCO_CLIENT_ID and DSCO_CLIENT_SECRET, ' +
      'and DSCO_ENVIRONMENT: credentials made for staging do not work in production, and the other way round.'
    );
  }
  if (e instanceof ApiError && service === 'ShipStation' && e.status === 401 && baseVariable === 'SHIPSTATION_V2_BASE_URL') {
    return 'ShipStation refused the API V2 key (HTTP 401). Check SHIPSTATION_V2_API_KEY: a V2 key, from ShipStation → Settings → Account → API Settings, "V2 API".';
  }
  if (e instanceof ApiError && service === 'ShipStation' && e.status === 401) {
    return (
      'ShipStation refused the API key and secret (HTTP 401). Check SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET: ' +
      'V1 API keys, from ShipStation → Settings → Account → API Settings (they can expire).'
    );
  }
  if (e instanceof ApiError && service === 'ShipStation' && e.status === 403) {
    return (
      'ShipStation answered 403 Forbidden: no API access on this ShipStation plan or account. ' +
      'API access must be part of the plan; check the subscription, or use the keys of an account that has it.'
    );
  }
  return errorMessage(e);
}

function checkDsco(config: DscoCheckConfig, http: SyncHttp, add: (line: CheckLine) => void): void {
  const settings: Settings = { ...DEFAULT_SETTINGS, dscoClientId: config.clientId, dscoClientSecret: config.clientSecret, dscoEnvironment: config.environment };
  const { client, tokens } = createDscoConnection(settings, clientDeps(http, config.baseUrl), budget());
  const why = (e: unknown) => explain(e, 'DSCO', 'DSCO_BASE_URL', config.baseUrl !== undefined);
  try {
    tokens.getToken();
    add({ outcome: 'OK', name: 'DSCO sign-in', message: `DSCO (${config.environment}) issued an access token for the client ID.` });
  } catch (e) {
    add({ outcome: 'FAIL', name: 'DSCO sign-in', message: why(e) });
    add({ outcome: 'SKIP', name: 'DSCO /hello', message: 'not checked: sign-in failed.' });
    add({ outcome: 'SKIP', name: 'DSCO orders', message: 'not checked: sign-in failed.' });
    return;
  }
  try {
    const hello = client.hello();
    if (hello) add({ outcome: 'OK', name: 'DSCO /hello', message: `DSCO answered "${hello}": the token works.` });
    else add({ outcome: 'FAIL', name: 'DSCO /hello', message: 'DSCO answered, but not as expected: check DSCO_ENVIRONMENT (and DSCO_BASE_URL if set).' });
  } catch (e) {
    add({ outcome: 'FAIL', name: 'DSCO /hello', message: why(e) });
  }
  try {
    // The sync's own query (src/sync/pull-new-orders.ts): status created, then lifecycle created.
    const now = nodeClock.now();
    const orders = client
      .listOrders({
        createdSince: isoSeconds(now - config.lookbackDays * DAY),
        until: isoSeconds(now - UNTIL_LAG_MS),
        statuses: ['created'],
        ordersPerPage: 1000,
      })
      .filter((o) => o.dscoLifecycle === 'created');
    const ids = new Set(orders.map((o) => o.dscoOrderId));
    const oldest = orders.map((o) => o.dscoCreateDate ?? '').filter(Boolean).sort()[0];
    add({
      outcome: 'OK',
      name: 'DSCO orders',
      message:
        `${ids.size} order${ids.size === 1 ? '' : 's'} awaiting acknowledgement (lifecycle "created", created in the last ${config.lookbackDays} day${config.lookbackDays === 1 ? '' : 's'})` +
        `${oldest ? `; the oldest was created ${oldest}` : ''}.`,
    });
  } catch (e) {
    add({ outcome: 'FAIL', name: 'DSCO orders', message: why(e) });
  }
}

/**
 * ShipStation API V2: the key, the ship-from location every V2 order needs, and the store. V2 has
 * no stores endpoint: the store is checked against the stores seen on the account's latest
 * orders, and when it is not among them the check says it could not verify it (NOTE, not FAIL).
 */
function checkShipStationV2(config: ShipStationCheckConfig, http: SyncHttp, add: (line: CheckLine) => void): void {
  const settings: Settings = { ...DEFAULT_SETTINGS, ssApiVersion: 'v2', ssV2ApiKey: config.v2ApiKey };
  const client = createShipStationClient(settings, clientDeps(http, config.baseUrl), budget()) as ShipStationV2Client;
  const why = (e: unknown) => explain(e, 'ShipStation', 'SHIPSTATION_V2_BASE_URL', config.baseUrl !== undefined);
  try {
    const all = client.listWarehouses();
    const { warehouse } = client.shipFrom();
    add({ outcome: 'OK', name: 'ShipStation V2 key', message: `API V2 answered: ${all.length} ship-from location${all.length === 1 ? '' : 's'}; orders will ship from "${warehouse.name ?? warehouse.warehouse_id}".` });
  } catch (e) {
    add({ outcome: 'FAIL', name: 'ShipStation V2 key', message: why(e) });
    add({ outcome: 'SKIP', name: 'ShipStation store', message: 'not checked: API V2 did not answer as needed.' });
    return;
  }
  try {
    const seen = client.listStores();
    if (seen.some((s) => s.storeId === config.storeId)) add({ outcome: 'OK', name: 'ShipStation store', message: `Store ${config.storeId} is on the account's recent orders; orders will go to it.` });
    else {
      add({
        outcome: 'NOTE',
        name: 'ShipStation store',
        message:
          `API V2 cannot list stores, so store ${config.storeId} could not be checked` +
          ` (${seen.length ? `stores on recent orders: ${seen.map((s) => s.storeId).join(', ')}` : 'no orders yet'}). Make sure SHIPSTATION_STORE_ID is the store's number in ShipStation.`,
      });
    }
  } catch (e) {
    add({ outcome: 'FAIL', name: 'ShipStation store', message: why(e) });
  }
}

function checkShipStation(config: ShipStationCheckConfig, http: SyncHttp, add: (line: CheckLine) => void): void {
  if (config.apiVersion === 'v2') {
    checkShipStationV2(config, http, add);
    return;
  }
  const settings: Settings = { ...DEFAULT_SETTINGS, ssApiVersion: 'v1', ssApiKey: config.apiKey, ssApiSecret: config.apiSecret };
  const client = createShipStationClient(settings, clientDeps(http, config.baseUrl), budget());
  const why = (e: unknown) => explain(e, 'ShipStation', 'SHIPSTATION_BASE_URL', config.baseUrl !== undefined);
  let stores;
  try {
    stores = client.listStores(true);
  } catch (e) {
    add({ outcome: 'FAIL', name: 'ShipStation /stores', message: why(e) });
    add({ outcome: 'SKIP', name: 'ShipStation store', message: 'not checked: the store list could not be read.' });
    return;
  }
  const describe = (s: { storeId: number; storeName?: unknown; active?: boolean }) => `${s.storeId} "${String(s.storeName ?? '')}"${s.active === false ? ' (inactive)' : ''}`;
  const listed = stores.slice(0, 8).map(describe).join(', ') + (stores.length > 8 ? `, and ${stores.length - 8} more` : '');
  add({ outcome: 'OK', name: 'ShipStation /stores', message: `${stores.length} store${stores.length === 1 ? '' : 's'}${stores.length ? `: ${listed}` : ''}.` });
  const chosen = stores.find((s) => s.storeId === config.storeId);
  if (config.storeId === null) {
    add({
      outcome: 'SKIP',
      name: 'ShipStation store',
      message: stores.length
        ? 'SHIPSTATION_STORE_ID is not set: choose the store the orders go to from the list above, set SHIPSTATION_STORE_ID to its ID and run the check again.'
        : 'This ShipStation account has no stores: create one in ShipStation (Settings → Selling Channels), then run the check again.',
    });
  } else if (!chosen) {
    add({
      outcome: 'FAIL',
      name: 'ShipStation store',
      message: `Store ${config.storeId} is not one of this account's stores: set SHIPSTATION_STORE_ID to one of the IDs listed above.`,
    });
  } else if (chosen.active === false) {
    add({ outcome: 'FAIL', name: 'ShipStation store', message: `Store ${chosen.storeId} "${String(chosen.storeName ?? '')}" is inactive in ShipStation: activate it, or choose another store.` });
  } else {
    add({ outcome: 'OK', name: 'ShipStation store', message: `Orders will go to store ${describe(chosen)}.` });
  }
}

/** Runs every check and prints one line each. */
export async function runCheckReport(options: CheckOptions = {}): Promise<CheckReport> {
  const env = options.env ?? process.env;
  const write = options.write ?? ((line: string) => console.log(line));
  const paint = painter(options.colour ?? colourWanted(process.stdout, env));
  const width = options.width ?? Math.max(80, Math.min(120, process.stdout.columns || 120));
  const config = readCheckEnv(env);
  const lines: CheckLine[] = [];
  const nameWidth = 20;
  const add = (line: CheckLine) => {
    const clean = { ...line, message: redact(line.message, config.secrets) };
    lines.push(clean);
    const style = clean.outcome === 'OK' ? 'green' : clean.outcome === 'FAIL' ? 'red' : 'yellow'; // SKIP, NOTE
    const prefix = `  ${clean.outcome.padEnd(5)} ${clean.name.padEnd(nameWidth)} `;
    const body = wrap(clean.message, Math.max(30, width - prefix.length));
    write(`  ${paint(clean.outcome.padEnd(5), style, 'bold')} ${clean.name.padEnd(nameWidth)} ${body[0] ?? ''}`);
    for (const more of body.slice(1)) write(' '.repeat(prefix.length) + more);
  };

  const where = [
    config.dsco ? `DSCO ${config.dsco.environment}${config.dsco.baseUrl ? ` at ${config.dsco.baseUrl}` : ''}` : '',
    config.shipstation
      ? `ShipStation${config.shipstation.apiVersion === 'v2' ? ' API V2' : ''} ${config.shipstation.storeId === null ? '(no store chosen yet)' : `store ${config.shipstation.storeId}`}${config.shipstation.baseUrl ? ` at ${config.shipstation.baseUrl}` : ''}`
      : '',
  ].filter(Boolean);
  write(paint(`Credentials check (read-only)${where.length ? `: ${where.join(', ')}` : ''}`, 'bold'));
  for (const p of config.problems) add({ outcome: 'FAIL', name: `${p.service} settings`, message: p.message });

  const http = config.dsco || config.shipstation ? (options.http ?? (await createSyncHttp())) : undefined;
  try {
    if (config.dsco && http) checkDsco(config.dsco, http, add);
    else for (const name of ['DSCO sign-in', 'DSCO /hello', 'DSCO orders']) add({ outcome: 'SKIP', name, message: 'not checked: fix the DSCO variables above.' });
    if (config.shipstation && http) checkShipStation(config.shipstation, http, add);
    else {
      const names = (env.SHIPSTATION_API_VERSION ?? '').trim().toLowerCase() === 'v2' ? ['ShipStation V2 key', 'ShipStation store'] : ['ShipStation /stores', 'ShipStation store'];
      for (const name of names) add({ outcome: 'SKIP', name, message: 'not checked: fix the ShipStation variables above.' });
    }
  } finally {
    if (http && http !== options.http) await http.close();
  }

  const failed = lines.filter((l) => l.outcome === 'FAIL').length;
  const skipped = lines.filter((l) => l.outcome === 'SKIP').length;
  const notes = lines.filter((l) => l.outcome === 'NOTE').length;
  write(
    failed + skipped === 0
      ? paint(notes ? `All ${lines.length - notes} checks passed; ${notes} could not be checked (NOTE).` : `All ${lines.length} checks passed.`, 'green', 'bold')
      : paint(`${failed} failed${skipped ? `, ${skipped} not checked` : ''}: fix what the FAIL lines say and run the check again.`, 'red', 'bold'),
  );
  return { lines, exitCode: failed + skipped === 0 ? 0 : 1 };
}

/** The CLI: returns the process exit code. */
export async function runCheck(options: CheckOptions = {}): Promise<number> {
  return (await runCheckReport(options)).exitCode;
}
