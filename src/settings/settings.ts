import type { DscoEnvironment } from '../dsco/dsco-environment';

/** Everything a user sets in the sidebar. Secrets are write-only: saved, never sent back. */
export interface Settings {
  dscoClientId: string;
  dscoClientSecret: string;
  ssApiKey: string;
  ssApiSecret: string;
  ssStoreId: number | null;
  pollIntervalHours: number;
  lookbackDays: number;
  dscoEnvironment: DscoEnvironment;
  includeTestOrders: boolean;
  cancelCode: string;
  /** Shipped and cancelled orders older than this move to the Archive tab. */
  archiveAfterDays: number;
}

export const SECRET_FIELDS = ['dscoClientSecret', 'ssApiKey', 'ssApiSecret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const DEFAULT_SETTINGS: Settings = {
  dscoClientId: '',
  dscoClientSecret: '',
  ssApiKey: '',
  ssApiSecret: '',
  ssStoreId: null,
  pollIntervalHours: 1,
  lookbackDays: 7,
  dscoEnvironment: 'production',
  includeTestOrders: false,
  cancelCode: 'CXSO',
  archiveAfterDays: 7,
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
  const { dscoClientSecret, ssApiKey, ssApiSecret, ...rest } = s;
  return { ...rest, secretsSet: { dscoClientSecret: dscoClientSecret !== '', ssApiKey: ssApiKey !== '', ssApiSecret: ssApiSecret !== '' } };
}
