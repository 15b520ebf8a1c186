/** Statuses DSCO's ItemInventory allows (spec: in-stock, out-of-stock, discontinued, hidden). */
export type DscoInventoryStatus = 'in-stock' | 'out-of-stock' | 'discontinued' | 'hidden';

/**
 * One item of an inventory update (spec schema "ItemInventory"): the supplier's SKU, its status and
 * quantity, and the warehouse it is in. `quantityAvailable` "must be the accurate sum of quantity
 * across the designated warehouses".
 */
export interface DscoInventoryItem {
  sku: string;
  status: DscoInventoryStatus;
  quantityAvailable: number;
  warehouses: { code: string; quantity: number }[];
  [extra: string]: unknown;
}
