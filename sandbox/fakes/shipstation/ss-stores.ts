import type { SsStore } from './ss-types';
import { formatPacificTimestampShort } from './ss-pacific-time';

export interface SsStoreInput {
  storeId: number;
  storeName: string;
  marketplaceName?: string;
  active?: boolean;
}

/** The store a fresh account has (S1 example). */
export const DEFAULT_STORES: SsStoreInput[] = [{ storeId: 22766, storeName: 'ShipStation Manual Store' }];

const MARKETPLACE_IDS: Record<string, number> = { ShipStation: 0, WooCommerce: 36 };

/** Stores in the GET /stores shape (S1 example; notes §11). Manual/API stores are marketplace "ShipStation", id 0. */
export function buildStores(input: SsStoreInput[], nowMs: number): SsStore[] {
  const stamp = formatPacificTimestampShort(nowMs);
  return input.map((s, i) => {
    const marketplaceName = s.marketplaceName ?? 'ShipStation';
    return {
      storeId: s.storeId,
      storeName: s.storeName,
      marketplaceId: MARKETPLACE_IDS[marketplaceName] ?? 1000 + i,
      marketplaceName,
      accountName: null,
      email: null,
      integrationUrl: null,
      active: s.active ?? true,
      companyName: '',
      phone: '',
      publicEmail: '',
      website: '',
      refreshDate: null,
      lastRefreshAttempt: null,
      createDate: stamp,
      modifyDate: stamp,
      autoRefresh: false,
    };
  });
}

/**
 * Where createorder puts an order without advancedOptions.storeId: "the first manual store on the account" (S9,
 * notes §3). The fake takes the first active store with marketplaceName "ShipStation", else the first store.
 */
export function defaultStoreId(stores: SsStore[]): number {
  const manual = stores.find((s) => s.active && s.marketplaceName === 'ShipStation');
  const store = manual ?? stores[0];
  if (!store) throw new Error('ShipStation fake: no stores configured');
  return store.storeId;
}
