import type { ApiResponseMessage } from './dsco-types';

/** An item's stock as the fake holds it (spec ItemInventory, the fields the supplier sends). */
export interface FakeInventoryItem {
  sku: string;
  status?: string;
  quantityAvailable?: number;
  warehouses: { code: string; quantity?: number | null }[];
}

/** A rule DSCO applies to an item: the refusal's description, or undefined to accept. */
export type InventoryRule = (item: FakeInventoryItem) => string | undefined;

export interface InventoryStore {
  /** By SKU: the catalog the supplier has in DSCO, with the last accepted stock. */
  items: Map<string, FakeInventoryItem>;
  seedItem(sku: string, warehouses?: string[]): void;
  /** Applies one item of an update; returns the failure messages, or [] on success. */
  apply(item: FakeInventoryItem): ApiResponseMessage[];
  addRule(rule: InventoryRule): void;
}

/**
 * Inventory behind POST /inventory/batch/small and GET /inventory/log (spec operationIds updateInventorySmallBatch,
 * getInventoryChangeLog). Items are matched by supplier SKU [confirmed]. An unknown SKU fails in the change log: DSCO
 * would try to create the item and refuse it without upc/ean/gtin [observed, notes §3d]; the fake's message shape is
 * the observed 404 body's ("sku X not found"). A warehouse code the supplier does not have fails likewise [inferred].
 * `quantityAvailable` must be the sum of the warehouses' quantities [confirmed text]: a mismatch fails.
 */
export function createInventoryStore(warehouseCodes: string[]): InventoryStore {
  const items = new Map<string, FakeInventoryItem>();
  const rules: InventoryRule[] = [];
  const fail = (code: string, description: string): ApiResponseMessage[] => [{ code, severity: 'error', description }];
  return {
    items,
    seedItem(sku, warehouses = [warehouseCodes[0] ?? 'WH1']) {
      items.set(sku, { sku, status: 'out-of-stock', quantityAvailable: 0, warehouses: warehouses.map((code) => ({ code, quantity: 0 })) });
    },
    apply(item) {
      const known = items.get(item.sku);
      if (!known) return fail('NOT_FOUND', `sku ${item.sku} not found`);
      const unknownWarehouse = item.warehouses.find((w) => !warehouseCodes.includes(w.code));
      if (unknownWarehouse) return fail('VALIDATION_FAILED', `warehouse code ${unknownWarehouse.code} is not one of the supplier's warehouses`);
      const sum = item.warehouses.reduce((n, w) => n + (w.quantity ?? 0), 0);
      if (item.quantityAvailable !== undefined && item.quantityAvailable !== sum) {
        return fail('VALIDATION_FAILED', `quantityAvailable ${item.quantityAvailable} is not the sum of the warehouse quantities (${sum})`);
      }
      for (const rule of rules) {
        const refusal = rule(item);
        if (refusal) return fail('VALIDATION_FAILED', refusal);
      }
      for (const w of item.warehouses) {
        const mine = known.warehouses.find((k) => k.code === w.code);
        if (mine) mine.quantity = w.quantity;
        else known.warehouses.push({ code: w.code, quantity: w.quantity });
      }
      known.quantityAvailable = known.warehouses.reduce((n, w) => n + (w.quantity ?? 0), 0);
      // DSCO infers the status from the quantity (support "Inventory Overview"): 0 in stock → out of stock, and back.
      const status = item.status ?? known.status;
      known.status = status === 'in-stock' && known.quantityAvailable === 0 ? 'out-of-stock' : status !== 'hidden' && status !== 'in-stock' && known.quantityAvailable > 0 ? 'in-stock' : status;
      return [];
    },
    addRule(rule) {
      rules.push(rule);
    },
  };
}
