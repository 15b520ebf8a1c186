import { ConfigError } from '../core/errors';
import type { Tab, Workbook } from '../core/ports/workbook';
import { isFinished, type OrderRecord } from './order-record';
import { dashboardRow } from './dashboard-row';
import { cellText, sheetText } from './sheet-text';
import { DASHBOARD_TAB, DASHBOARD_WIDTH, ORDERS_TAB, ORDERS_WIDTH, SHIPMENTS_TAB, SHIPMENTS_WIDTH } from './tabs';

/** One ShipStation shipment (or fulfillment) already sent to DSCO: never sent again. */
export interface LedgerEntry {
  /** "S<shipmentId>" for a label, "F<fulfillmentId>" for an order marked shipped without one. */
  key: string;
  dscoOrderId: string;
  tracking: string;
  pushedAt: number;
  note: string;
}

const CELL_LIMIT = 50_000;

function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const ta = a instanceof Date ? a.getTime() : typeof a === 'object' && a && 'getTime' in a ? (a as Date).getTime() : NaN;
    const tb = b instanceof Date ? b.getTime() : typeof b === 'object' && b && 'getTime' in b ? (b as Date).getTime() : NaN;
    return ta === tb;
  }
  if (a !== null && typeof a === 'object' && typeof (a as Date).getTime === 'function' && b !== null && typeof b === 'object') {
    return (a as Date).getTime() === (b as Date).getTime();
  }
  return cellText(a) === cellText(b);
}

/** Index range [first, last] of rows that differ, or undefined when all match. */
function changedSpan(before: unknown[][], after: unknown[][]): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < after.length; i++) {
    const b = before[i];
    const same = b !== undefined && (b === after[i] || after[i].every((v, j) => sameCell(b[j], v)));
    if (!same) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? undefined : [first, last];
}

/**
 * The engine's record, kept in the spreadsheet. Each tab is read once when loaded; save() writes
 * only the contiguous block of rows that changed (one Sheets call per tab), so the number of
 * Sheets calls per cycle does not grow with the number of orders.
 */
export class OrderBook {
  private readonly records = new Map<string, OrderRecord>();
  private readonly sequence: string[] = [];
  private readonly ledger = new Map<string, LedgerEntry>();
  private pendingLedger: LedgerEntry[] = [];
  private ordersRows: unknown[][];
  private dashboardRows: unknown[][];
  /**
   * Each record's JSON as of the last save, by position. A record whose JSON (and position) has not
   * changed since then still matches its two rows, so save() neither rebuilds nor compares them:
   * only the first save of a run compares every row (which also repairs a Dashboard a stopped run
   * left behind), later ones cost what changed.
   */
  private savedJson: string[] | undefined;
  private ledgerRowCount: number;

  private constructor(
    private readonly ordersTab: Tab,
    private readonly dashboardTab: Tab,
    private readonly shipmentsTab: Tab,
  ) {
    this.ordersRows = ordersTab.readAll().slice(1);
    this.dashboardRows = dashboardTab.readAll().slice(1);
    const ledgerRows = shipmentsTab.readAll().slice(1);
    this.ledgerRowCount = ledgerRows.length;
    for (const row of this.ordersRows) {
      const id = cellText(row[0]);
      if (!id) continue;
      try {
        const record = JSON.parse(cellText(row[1])) as OrderRecord;
        if (record && record.dscoOrderId === id && !this.records.has(id)) {
          this.records.set(id, record);
          this.sequence.push(id);
        }
      } catch {
        // A damaged row is rewritten from what the next pull brings; nothing else depends on it.
      }
    }
    for (const row of ledgerRows) {
      const key = cellText(row[0]);
      if (key) {
        this.ledger.set(key, {
          key,
          dscoOrderId: cellText(row[1]),
          tracking: cellText(row[2]),
          pushedAt: row[3] instanceof Date ? row[3].getTime() : Number(row[3]) || 0,
          note: cellText(row[4]),
        });
      }
    }
  }

  static load(workbook: Workbook): OrderBook {
    const tab = (name: string) => {
      const t = workbook.tab(name);
      if (!t) throw new ConfigError(`The "${name}" tab is missing: use DSCO Sync → Set up sheet, then sync again.`);
      return t;
    };
    return new OrderBook(tab(ORDERS_TAB), tab(DASHBOARD_TAB), tab(SHIPMENTS_TAB));
  }

  get(dscoOrderId: string): OrderRecord | undefined {
    return this.records.get(dscoOrderId);
  }

  has(dscoOrderId: string): boolean {
    return this.records.has(dscoOrderId);
  }

  add(record: OrderRecord): void {
    if (this.records.has(record.dscoOrderId)) throw new Error(`order ${record.dscoOrderId} is already recorded`);
    this.records.set(record.dscoOrderId, record);
    this.sequence.push(record.dscoOrderId);
  }

  all(): OrderRecord[] {
    return this.sequence.map((id) => this.records.get(id) as OrderRecord);
  }

  count(): number {
    return this.sequence.length;
  }

  /**
   * Removes Shipped and Cancelled orders last updated before `cutoff` and returns their Dashboard
   * rows, for the Archive tab. The shipment ledger keeps their entries.
   */
  takeFinishedBefore(cutoff: number): unknown[][] {
    const moved = this.all().filter((r) => isFinished(r) && r.updatedAt < cutoff);
    if (!moved.length) return [];
    const gone = new Set(moved.map((r) => r.dscoOrderId));
    for (const id of gone) this.records.delete(id);
    const keep = this.sequence.filter((id) => !gone.has(id));
    this.sequence.length = 0;
    this.sequence.push(...keep);
    return moved.map(dashboardRow);
  }

  wasPushed(key: string): boolean {
    return this.ledger.has(key);
  }

  ledgerEntry(key: string): LedgerEntry | undefined {
    return this.ledger.get(key);
  }

  recordPush(entry: LedgerEntry): void {
    if (this.ledger.has(entry.key)) return;
    this.ledger.set(entry.key, entry);
    this.pendingLedger.push(entry);
  }

  /** Writes what changed: the ledger first (it guards against resending), then _Orders, then the Dashboard. */
  save(): void {
    if (this.pendingLedger.length) {
      const rows = this.pendingLedger.map((e) => [e.key, e.dscoOrderId, e.tracking, new Date(e.pushedAt), sheetText(e.note)]);
      this.shipmentsTab.writeRows(this.ledgerRowCount + 2, rows);
      this.ledgerRowCount += rows.length;
      this.pendingLedger = [];
    }
    const records = this.all();
    const saved = this.savedJson;
    const jsons: string[] = new Array(records.length);
    const orders: unknown[][] = new Array(records.length);
    const dashboard: unknown[][] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const json = JSON.stringify(r);
      if (json.length > CELL_LIMIT) throw new Error(`order ${r.dscoOrderId} is too large to record (${json.length} characters)`);
      jsons[i] = json;
      const unchanged = saved !== undefined && saved[i] === json && this.ordersRows[i] !== undefined && this.dashboardRows[i] !== undefined;
      orders[i] = unchanged ? this.ordersRows[i] : [r.dscoOrderId, json];
      dashboard[i] = unchanged ? this.dashboardRows[i] : dashboardRow(r);
    }
    this.ordersRows = this.writeChanged(this.ordersTab, this.ordersRows, orders, ORDERS_WIDTH);
    this.dashboardRows = this.writeChanged(this.dashboardTab, this.dashboardRows, dashboard, DASHBOARD_WIDTH);
    this.savedJson = jsons;
  }

  private writeChanged(tab: Tab, before: unknown[][], after: unknown[][], width: number): unknown[][] {
    const span = changedSpan(before, after);
    if (span) tab.writeRows(span[0] + 2, after.slice(span[0], span[1] + 1));
    if (before.length > after.length) tab.clearRows(after.length + 2, before.length - after.length, width);
    return after;
  }
}

export { SHIPMENTS_WIDTH };
