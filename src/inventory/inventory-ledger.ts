import type { Tab } from '../core/ports/workbook';
import { cellText } from '../sync/book/sheet-text';
import { inventoryKey } from './inventory-line';
import { INVENTORY_STATE_WIDTH } from './inventory-tabs';

/** What DSCO holds (or was asked to hold) for one SKU in one warehouse. Values are "quantity|status". */
export interface InventoryState {
  sku: string;
  warehouse: string;
  /** The values DSCO last accepted, and when they were sent. */
  accepted?: string;
  acceptedAt?: number;
  /** The values DSCO last refused, and why: not sent again until they change (or the daily full resend). */
  refused?: string;
  refusedReason?: string;
  /** The update sent and not yet confirmed in DSCO's inventory change log. */
  requestId?: string;
  pending?: string;
  pendingAt?: number;
}

const num = (v: unknown): number | undefined => {
  if (v instanceof Date) return v.getTime();
  const n = Number(v);
  return v === '' || v === null || v === undefined || !Number.isFinite(n) ? undefined : n;
};
const opt = (v: unknown): string | undefined => cellText(v) || undefined;

/**
 * The hidden _Inventory tab: one row per SKU and warehouse. Read once a run, written once (only
 * when something changed), so the number of Sheets calls does not grow with the number of SKUs.
 */
export class InventoryLedger {
  private readonly states = new Map<string, InventoryState>();
  private readonly loadedJson: string;
  private readonly loadedRows: number;

  private constructor(private readonly tab: Tab) {
    const rows = tab.readAll().slice(1);
    this.loadedRows = rows.length;
    for (const row of rows) {
      const sku = cellText(row[0]);
      if (!sku) continue;
      const s: InventoryState = { sku, warehouse: cellText(row[1]) };
      const fields: [keyof InventoryState, unknown][] = [
        ['accepted', opt(row[2])],
        ['acceptedAt', num(row[3])],
        ['refused', opt(row[4])],
        ['refusedReason', opt(row[5])],
        ['requestId', opt(row[6])],
        ['pending', opt(row[7])],
        ['pendingAt', num(row[8])],
      ];
      for (const [k, v] of fields) if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
      this.states.set(inventoryKey(s), s);
    }
    this.loadedJson = JSON.stringify([...this.states.values()]);
  }

  static load(tab: Tab): InventoryLedger {
    return new InventoryLedger(tab);
  }

  get(key: string): InventoryState | undefined {
    return this.states.get(key);
  }

  getOrAdd(sku: string, warehouse: string): InventoryState {
    const key = inventoryKey({ sku, warehouse });
    let s = this.states.get(key);
    if (!s) {
      s = { sku, warehouse };
      this.states.set(key, s);
    }
    return s;
  }

  all(): InventoryState[] {
    return [...this.states.values()];
  }

  save(): void {
    const list = this.all();
    if (JSON.stringify(list) === this.loadedJson) return;
    const rows = list.map((s) => [
      s.sku,
      s.warehouse,
      s.accepted ?? '',
      s.acceptedAt ? new Date(s.acceptedAt) : '',
      s.refused ?? '',
      s.refusedReason ?? '',
      s.requestId ?? '',
      s.pending ?? '',
      s.pendingAt ?? '',
    ]);
    if (rows.length) this.tab.writeRows(2, rows);
    if (this.loadedRows > rows.length) this.tab.clearRows(rows.length + 2, this.loadedRows - rows.length, INVENTORY_STATE_WIDTH);
  }
}
