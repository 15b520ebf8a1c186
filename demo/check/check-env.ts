import type { DscoEnvironment } from '../../src/dsco/dsco-environment';
import { DEFAULT_SETTINGS } from '../../src/settings/settings';
import { validateSettingsForm } from '../../src/settings/validate-settings-form';

/** The environment variables `npm start -- --check` reads. */
export const CHECK_VARIABLES = {
  DSCO_CLIENT_ID: 'your DSCO API client ID',
  DSCO_CLIENT_SECRET: 'your DSCO API client secret',
  DSCO_ENVIRONMENT: 'production (default) or staging',
  SHIPSTATION_API_VERSION: 'optional: v1 (default) or v2, the ShipStation API the sync will use',
  SHIPSTATION_API_KEY: 'your ShipStation V1 API key',
  SHIPSTATION_API_SECRET: 'your ShipStation V1 API secret',
  SHIPSTATION_V2_API_KEY: 'your ShipStation API V2 key (with SHIPSTATION_API_VERSION=v2)',
  SHIPSTATION_STORE_ID: 'the ShipStation store the orders go to',
  LOOKBACK_DAYS: 'optional: how many days back to count DSCO orders (default 7)',
  DSCO_BASE_URL: 'optional: another DSCO API address (sandboxes, tests)',
  SHIPSTATION_BASE_URL: 'optional: another ShipStation API address (sandboxes, tests)',
  SHIPSTATION_V2_BASE_URL: 'optional: another ShipStation API V2 address (sandboxes, tests)',
} as const;

export type CheckVariable = keyof typeof CHECK_VARIABLES;

export interface DscoCheckConfig {
  clientId: string;
  clientSecret: string;
  environment: DscoEnvironment;
  lookbackDays: number;
  /** Set when DSCO_BASE_URL overrides the environment's address. */
  baseUrl?: string;
}

export interface ShipStationCheckConfig {
  apiVersion: 'v1' | 'v2';
  apiKey: string;
  apiSecret: string;
  /** With apiVersion v2. */
  v2ApiKey: string;
  /** Null when SHIPSTATION_STORE_ID is not given (V1): the check then lists the stores to choose from. */
  storeId: number | null;
  /** SHIPSTATION_BASE_URL, or SHIPSTATION_V2_BASE_URL with v2. */
  baseUrl?: string;
}

export interface EnvProblem {
  service: 'DSCO' | 'ShipStation';
  variable: CheckVariable;
  message: string;
}

export interface CheckConfig {
  /** Undefined when a DSCO variable is missing or invalid (see problems). */
  dsco?: DscoCheckConfig;
  shipstation?: ShipStationCheckConfig;
  problems: EnvProblem[];
  /** Every secret value given, for redaction. */
  secrets: string[];
}

/** Which variable each settings field comes from, so the product's own validation messages can name it. */
const FIELD_VARIABLE: Record<string, { variable: CheckVariable; service: 'DSCO' | 'ShipStation' }> = {
  dscoClientId: { variable: 'DSCO_CLIENT_ID', service: 'DSCO' },
  dscoClientSecret: { variable: 'DSCO_CLIENT_SECRET', service: 'DSCO' },
  dscoEnvironment: { variable: 'DSCO_ENVIRONMENT', service: 'DSCO' },
  lookbackDays: { variable: 'LOOKBACK_DAYS', service: 'DSCO' },
  ssApiKey: { variable: 'SHIPSTATION_API_KEY', service: 'ShipStation' },
  ssApiSecret: { variable: 'SHIPSTATION_API_SECRET', service: 'ShipStation' },
  ssApiVersion: { variable: 'SHIPSTATION_API_VERSION', service: 'ShipStation' },
  ssV2ApiKey: { variable: 'SHIPSTATION_V2_API_KEY', service: 'ShipStation' },
  ssStoreId: { variable: 'SHIPSTATION_STORE_ID', service: 'ShipStation' },
};

/** Variables whose value may appear in a message (never a key, secret or client ID). */
const SHOWN = new Set<CheckVariable>(['DSCO_ENVIRONMENT', 'SHIPSTATION_STORE_ID', 'LOOKBACK_DAYS', 'SHIPSTATION_API_VERSION']);

/** V1: SHIPSTATION_STORE_ID is optional, without it the check lists the account's stores to choose from. V2 cannot list stores, so it needs one. */
const REQUIRED_V1: CheckVariable[] = ['DSCO_CLIENT_ID', 'DSCO_CLIENT_SECRET', 'SHIPSTATION_API_KEY', 'SHIPSTATION_API_SECRET'];
const REQUIRED_V2: CheckVariable[] = ['DSCO_CLIENT_ID', 'DSCO_CLIENT_SECRET', 'SHIPSTATION_V2_API_KEY', 'SHIPSTATION_STORE_ID'];

function baseUrl(env: NodeJS.ProcessEnv, variable: 'DSCO_BASE_URL' | 'SHIPSTATION_BASE_URL' | 'SHIPSTATION_V2_BASE_URL', problems: EnvProblem[]): string | undefined {
  const value = env[variable]?.trim();
  if (!value) return undefined;
  if (!/^https?:\/\/[^/\s]+/i.test(value)) {
    problems.push({ service: variable === 'DSCO_BASE_URL' ? 'DSCO' : 'ShipStation', variable, message: `${variable} must be an http(s) address, e.g. https://api.dsco.io/api/v3.` });
    return undefined;
  }
  return value.replace(/\/+$/, '');
}

/**
 * Reads the variables and checks them with the product's own settings validation (the sidebar's),
 * naming the variable in every message. Values are never included in messages.
 */
export function readCheckEnv(env: NodeJS.ProcessEnv): CheckConfig {
  const get = (name: CheckVariable) => env[name]?.trim() ?? '';
  const problems: EnvProblem[] = [];
  const v2 = get('SHIPSTATION_API_VERSION').toLowerCase() === 'v2';
  for (const variable of v2 ? REQUIRED_V2 : REQUIRED_V1) {
    if (!get(variable)) {
      problems.push({
        service: variable.startsWith('DSCO') ? 'DSCO' : 'ShipStation',
        variable,
        message: `${variable} is not set: export it with ${CHECK_VARIABLES[variable]}.`,
      });
    }
  }
  const form = {
    dscoClientId: get('DSCO_CLIENT_ID') || 'unset',
    dscoClientSecret: get('DSCO_CLIENT_SECRET') || 'unset',
    ssApiKey: get('SHIPSTATION_API_KEY') || 'unset',
    ssApiSecret: get('SHIPSTATION_API_SECRET') || 'unset',
    ssApiVersion: (get('SHIPSTATION_API_VERSION') || 'v1').toLowerCase(),
    ssV2ApiKey: get('SHIPSTATION_V2_API_KEY') || 'unset',
    ssStoreId: get('SHIPSTATION_STORE_ID') || '1',
    pollIntervalHours: '1',
    lookbackDays: get('LOOKBACK_DAYS') || String(DEFAULT_SETTINGS.lookbackDays),
    dscoEnvironment: (get('DSCO_ENVIRONMENT') || 'production').toLowerCase(),
    includeTestOrders: false,
  };
  const validation = validateSettingsForm(form, DEFAULT_SETTINGS);
  if (!validation.ok) {
    for (const [field, message] of Object.entries(validation.errors)) {
      const source = FIELD_VARIABLE[field];
      if (!source || !get(source.variable)) continue; // missing ones are reported above
      const value = SHOWN.has(source.variable) ? ` (it is "${get(source.variable)}")` : '';
      problems.push({ ...source, message: `${source.variable}${value}: ${message}` });
    }
  }
  const dscoBase = baseUrl(env, 'DSCO_BASE_URL', problems);
  const ssBase = baseUrl(env, v2 ? 'SHIPSTATION_V2_BASE_URL' : 'SHIPSTATION_BASE_URL', problems);
  const secrets = [get('DSCO_CLIENT_SECRET'), get('SHIPSTATION_API_KEY'), get('SHIPSTATION_API_SECRET'), get('SHIPSTATION_V2_API_KEY')].filter(Boolean);
  const config: CheckConfig = { problems, secrets };
  // A side with no problem has valid values (the validation above would have named them).
  if (!problems.some((p) => p.service === 'DSCO')) {
    config.dsco = {
      clientId: form.dscoClientId,
      clientSecret: form.dscoClientSecret,
      environment: form.dscoEnvironment as DscoEnvironment,
      lookbackDays: Number(form.lookbackDays),
      ...(dscoBase ? { baseUrl: dscoBase } : {}),
    };
  }
  if (!problems.some((p) => p.service === 'ShipStation')) {
    config.shipstation = {
      apiVersion: v2 ? 'v2' : 'v1',
      apiKey: form.ssApiKey,
      apiSecret: form.ssApiSecret,
      v2ApiKey: form.ssV2ApiKey,
      storeId: get('SHIPSTATION_STORE_ID') ? Number(form.ssStoreId) : null,
      ...(ssBase ? { baseUrl: ssBase } : {}),
    };
  }
  return config;
}
