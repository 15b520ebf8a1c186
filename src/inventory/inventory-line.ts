import type { DscoInventoryStatus } from '../dsco/dsco-inventory-types';

/** One SKU's stock in one warehouse, ready to send. */
export interface InventoryLine {
  /** Where the line came from, for reporting back (a row number of the Inventory tab, or a source's own reference). */
  ref: number;
  sku: string;
  warehouse: string;
  quantity: number;
  status: DscoInventoryStatus;
}

/** A line that cannot be sent, and why (shown on its row). */
export interface RefusedLine {
  ref: number;
  problem: string;
}

export const inventoryKey = (l: { sku: string; warehouse: string }): string => `${l.sku}\u0001${l.warehouse}`;
/** What DSCO holds for a key: a change of either is sent. */
export const inventoryValues = (l: InventoryLine): string => `${l.quantity}|${l.status}`;

const STATUSES: Record<string, DscoInventoryStatus> = {
  'in stock': 'in-stock',
  'in-stock': 'in-stock',
  'out of stock': 'out-of-stock',
  'out-of-stock': 'out-of-stock',
  discontinued: 'discontinued',
  hidden: 'hidden',
};
/** DSCO's SKU: at most 90 characters (spec Item.sku). */
const SKU_MAX = 90;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Reads one row of the Inventory tab (SKU, quantity available, status, warehouse code), pure. A
 * blank row is skipped (undefined). Bad cells are refused with a message a person can act on, and
 * the row is never sent. A blank status follows the quantity (in stock above 0, out of stock at 0);
 * a blank warehouse code takes the default from Settings.
 */
export function parseInventoryRow(ref: number, row: unknown[], defaultWarehouse: string): InventoryLine | RefusedLine | undefined {
  const [skuCell, qtyCell, statusCell, warehouseCell] = row;
  const sku = text(skuCell);
  const qtyText = text(qtyCell);
  const statusText = text(statusCell).toLowerCase();
  const warehouse = text(warehouseCell) || defaultWarehouse.trim();
  if (!sku && !qtyText && !statusText && !text(warehouseCell)) return undefined;
  if (!sku) return { ref, problem: 'the SKU is blank: enter the SKU as DSCO knows it' };
  if (sku.length > SKU_MAX) return { ref, problem: `the SKU is longer than DSCO allows (${SKU_MAX} characters)` };
  if (qtyText === '') return { ref, problem: 'the quantity available is blank: enter a whole number, 0 or more' };
  const quantity = typeof qtyCell === 'number' ? qtyCell : Number(qtyText.replace(/,/g, ''));
  if (!Number.isFinite(quantity)) return { ref, problem: `the quantity "${qtyText.slice(0, 30)}" is not a number: enter a whole number, 0 or more` };
  if (quantity < 0) return { ref, problem: `the quantity ${quantity} is negative: enter 0 or more` };
  if (!Number.isInteger(quantity)) return { ref, problem: `the quantity ${quantity} is not a whole number` };
  let status: DscoInventoryStatus;
  if (statusText === '') status = quantity > 0 ? 'in-stock' : 'out-of-stock';
  else if (STATUSES[statusText]) status = STATUSES[statusText];
  else return { ref, problem: `the status "${text(statusCell).slice(0, 30)}" is not one DSCO knows: use in stock, out of stock, discontinued or hidden (or leave it blank)` };
  if (status === 'discontinued' && quantity > 0) return { ref, problem: 'a discontinued SKU must have quantity 0 (DSCO puts it back in stock otherwise)' };
  if (status === 'out-of-stock' && quantity > 0) return { ref, problem: 'out of stock with a quantity above 0: set the quantity to 0, or the status to in stock' };
  // DSCO turns in-stock with nothing available into out-of-stock itself; send what it will hold.
  if (status === 'in-stock' && quantity === 0) status = 'out-of-stock';
  if (!warehouse) return { ref, problem: 'no warehouse code: enter the DSCO warehouse code, or set a default one in Settings' };
  return { ref, sku, warehouse, quantity, status };
}

export function isRefused(l: InventoryLine | RefusedLine): l is RefusedLine {
  return 'problem' in l;
}
