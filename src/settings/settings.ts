import type { DscoEnvironment } from '../dsco/dsco-environment';

/** Everything a user sets in the sidebar. Secrets are write-only: saved, never sent back. */
export interface Settings {
  dscoClientId: string;
  dscoClientSecret: string;
  ssApiKey: string;
  ssApiSecret: string;
  /** Which ShipStation API the sync uses: V1 (key and secret) or V2 (one key). */
  ssApiVersion: ShipStationApiVersion;
  /** The ShipStation API V2 key (a secret). */
  ssV2ApiKey: string;
  ssStoreId: number | null;
  pollIntervalHours: number;
  lookbackDays: number;
  dscoEnvironment: DscoEnvironment;
  includeTestOrders: boolean;
  cancelCode: string;
  /** Shipped and cancelled orders older than this move to the Archive tab. */
  archiveAfterDays: number;
  /** Every open order is re-read from both systems at least this often (the reconciliation sweep). */
  reconcileHours: number;
  /** Who gets the alert e-mails: addresses separated by ", "; empty = no e-mail (the default). */
  alertEmails: string;
  /** Send an invoice to DSCO for each shipped order (off by default). */
  sendInvoices: boolean;
  /** One invoice per order once nothing is open, or one per shipment (the retailer's invoicing policy decides). */
  invoicePer: InvoicePer;
  /** Send the Inventory tab's quantities to DSCO (off by default). */
  sendInventory: boolean;
  /** Hour of the day (US Pacific, 0–23) at which every Inventory row is sent again, changed or not. */
  inventoryFullHour: number;
  /** The DSCO warehouse code for Inventory rows that leave theirs blank ('' = none). */
  inventoryWarehouseCode: string;
}

export type InvoicePer = 'order' | 'shipment';

export type ShipStationApiVersion = 'v1' | 'v2';

export const SECRET_FIELDS = ['dscoClientSecret', 'ssApiKey', 'ssApiSecret', 'ssV2ApiKey'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const DEFAULT_SETTINGS: Settings = {
  dscoClientId: '',
  dscoClientSecret: '',
  ssApiKey: '',
  ssApiSecret: '',
  ssApiVersion: 'v1',
  ssV2ApiKey: '',
  ssStoreId: null,
  pollIntervalHours: 1,
  lookbackDays: 7,
  dscoEnvironment: 'production',
  includeTestOrders: false,
  cancelCode: 'CXSO',
  archiveAfterDays: 7,
  reconcileHours: 24,
  alertEmails: '',
  sendInvoices: false,
  invoicePer: 'order',
  sendInventory: false,
  inventoryFullHour: 5,
  inventoryWarehouseCode: '',
};

/** Supplier cancel codes DSCO defines (support article "Cancel Codes"); the retailer decides which it accepts. */
export const SUPPLIER_CANCEL_CODES: Record<string, string> = {
  CXSS: 'Out of stock',
  CXSD: 'Discontinued',
  CXSN: 'Not enough stock',
  CXSB: 'Bad address',
  CXSI: 'Invalid ship instructions',
  CXST: "Can't ship on time",
  CXSC: 'Cancelled at retailer request',
  CXSO: 'Other',
};

/** What the browser may see: every setting except secret values, plus whether each secret is set. */
export type PublicSettings = Omit<Settings, SecretField> & { secretsSet: Record<SecretField, boolean> };

export function toPublicSettings(s: Settings): PublicSettings {
  const { dscoClientSecret, ssApiKey, ssApiSecret, ssV2ApiKey, ...rest } = s;
  return {
    ...rest,
    secretsSet: { dscoClientSecret: dscoClientSecret !== '', ssApiKey: ssApiKey !== '', ssApiSecret: ssApiSecret !== '', ssV2ApiKey: ssV2ApiKey !== '' },
  };
}

/** The secrets the chosen ShipStation API needs (the other API's may stay empty). */
export function requiredSecrets(s: Pick<Settings, 'ssApiVersion'>): SecretField[] {
  return s.ssApiVersion === 'v2' ? ['dscoClientSecret', 'ssV2ApiKey'] : ['dscoClientSecret', 'ssApiKey', 'ssApiSecret'];
}
