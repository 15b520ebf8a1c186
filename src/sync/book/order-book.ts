import { ConfigError } from '../../core/errors';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import type { Tab, Workbook } from '../../core/ports/workbook';
import { CELL_CHAR_LIMIT, capRow, capText, jsonWithStringsCut } from '../../storage/cap-text';
import { PROPERTIES, TABS } from '../../storage/storage-map';
import { dashboardRow } from './dashboard-row';
import { isFinished, type OrderRecord, type RecordView } from '../orders/order-record';
import { cellText, sheetText } from './sheet-text';

/** One ShipStation shipment (or fulfillment) already sent to DSCO: never sent again. */
export interface LedgerEntry {
  /** "S<shipmentId>" for a label, "F<fulfillmentId>" for an order marked shipped without one. */
  key: string;
  dscoOrderId: string;
  tracking: string;
  pushedAt: number;
  note: string;
}

/** An _Orders row that could not be read back: kept as it is, shown as an Error row for a person. */
export interface DamagedRow {
  /** 1-based row of the _Orders tab when loaded. */
  sheetRow: number;
  dscoOrderId: string;
  problem: string;
}

/** A row of the working book: a record, or a damaged row kept verbatim. */
interface Slot {
  id: string;
  record?: OrderRecord;
  /** Handed out to be changed since the last checkpoint (get, select, add): save() serialises it again. */
  touched?: boolean;
  damaged?: { raw: unknown[]; problem: string };
}

/** Two changed blocks closer than this are written as one (a Sheets call costs about as much as this many rows). */
const MERGE_GAP_ROWS = 150;
const ORDERS = TABS.orders;
const DASHBOARD = TABS.dashboard;
const SHIPMENTS = TABS.shipments;

function damagedDashboardRow(slot: Slot, sheetRow: number): unknown[] {
  const row: unknown[] = new Array(DASHBOARD.width).fill('');
  row[DASHBOARD.col.dscoOrderId - 1] = sheetText(slot.id);
  row[DASHBOARD.col.status - 1] = 'Error';
  row[DASHBOARD.col.error - 1] = capText(
    `Row ${sheetRow} of the hidden _Orders tab cannot be read (${slot.damaged?.problem}). It is kept as it is and this order is not synced. ` +
      'Undo the edit that damaged it (File → Version history), or delete that row and the order is pulled again if DSCO still lists it.',
  );
  return row;
}

/** Consecutive runs of changed positions, merged when the gap between them is small. */
function blocks(changed: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of changed) {
    const last = out[out.length - 1];
    if (last && i - last[1] <= MERGE_GAP_ROWS) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

/**
 * The engine's working book, kept in the spreadsheet: open orders and recently finished ones
 * (finished orders leave for the Archive once a day). `_Orders` and `_Shipments` are read once when
 * loaded; the Dashboard is never read, only written.
 *
 * Contract for save(): records are plain objects the engine changes in place; it never has to say
 * which ones it changed. A record handed out to be changed (get, select, add) is marked, and
 * stays marked until the next checkpoint (between two steps of the cycle), so a reference a step
 * keeps across its own write-ahead saves is still covered.
 * Scans that only look (view, peek) hand out read-only types and mark nothing. save() serialises
 * the marked records and compares the JSON with what their row of the sheet holds (as loaded or
 * last saved); only rows that differ, or moved, are written, to _Orders and the Dashboard, in a
 * few blocks. A run serialises what it touched, not the whole book, and no change can be missed:
 * an unmarked record was only ever reachable through read-only types.
 *
 * save() never throws for one order: a record too large for a cell is stored with its long strings
 * cut and marked Error for a person; a row that cannot be read back is kept verbatim.
 */
export class OrderBook {
  private readonly records = new Map<string, OrderRecord>();
  private readonly bySlot = new Map<string, Slot>();
  private slots: Slot[] = [];
  /** What each row of _Orders (by position below the header) holds: the slot, and its JSON. */
  private sheetSlots: (Slot | undefined)[] = [];
  private sheetJson: string[] = [];
  private readonly damagedRows: DamagedRow[] = [];
  private readonly ledger = new Map<string, LedgerEntry>();
  private ledgerRows: LedgerEntry[] = [];
  private pendingLedger: LedgerEntry[] = [];
  private ledgerRowCount: number;
  /** The Dashboard may not match _Orders (a run died between the two writes): redraw it whole once. */
  private dashboardStale: boolean;
  private readonly oversize = new Set<string>();
  /** Damaged rows whose Error row the Dashboard does not show yet (drawn by the first save). */
  private readonly redraw = new Set<Slot>();

  private constructor(
    private readonly ordersTab: Tab,
    private readonly dashboardTab: Tab,
    private readonly shipmentsTab: Tab,
    private readonly store: KeyValueStore | undefined,
  ) {
    this.dashboardStale = store?.get(PROPERTIES.dashboardPending) === '1';
    const orderRows = ordersTab.readAll().slice(1);
    let lastUsed = orderRows.length;
    while (lastUsed > 0 && orderRows[lastUsed - 1].every((v) => v === '' || v === null || v === undefined)) lastUsed--;
    this.sheetSlots = new Array<Slot | undefined>(lastUsed);
    this.sheetJson = new Array<string>(lastUsed).fill('');
    for (let i = 0; i < lastUsed; i++) {
      const row = orderRows[i];
      const id = cellText(row[0]);
      const text = cellText(row[1]);
      // A row emptied by hand holds nothing to keep: it is dropped (the rows below move up once).
      if (!id && !text) continue;
      // A second row of the same order is the stale copy a stopped save left below (rows only move
      // up, and blocks are written top down, so the first one is the newer): dropped likewise.
      if (id && this.records.has(id)) continue;
      const slot = this.readSlot(id, text, row);
      if (slot.damaged) {
        this.damagedRows.push({ sheetRow: i + 2, dscoOrderId: id, problem: slot.damaged.problem });
        this.redraw.add(slot);
      } else {
        this.records.set(id, slot.record as OrderRecord);
        this.bySlot.set(id, slot);
      }
      this.slots.push(slot);
      this.sheetSlots[i] = slot;
      this.sheetJson[i] = text;
    }
    const ledgerRows = shipmentsTab.readAll().slice(1);
    this.ledgerRowCount = ledgerRows.length;
    for (const row of ledgerRows) {
      const key = cellText(row[0]);
      if (!key) continue;
      const entry: LedgerEntry = {
        key,
        dscoOrderId: cellText(row[1]),
        tracking: cellText(row[2]),
        pushedAt: row[3] instanceof Date ? row[3].getTime() : Number(row[3]) || 0,
        note: cellText(row[4]),
      };
      this.ledger.set(key, entry);
      this.ledgerRows.push(entry);
    }
  }

  private readSlot(id: string, text: string, raw: unknown[]): Slot {
    const damaged = (problem: string): Slot => ({ id, damaged: { raw: raw.slice(0, ORDERS.width), problem } });
    if (!id) return damaged('the order ID is missing');
    let record: OrderRecord;
    try {
      record = JSON.parse(text) as OrderRecord;
    } catch {
      return damaged('its record is not valid JSON');
    }
    if (!record || typeof record !== 'object' || record.dscoOrderId !== id) return damaged('its record belongs to another order');
    return { id, record };
  }

  static load(workbook: Workbook, store?: KeyValueStore): OrderBook {
    const tab = (name: string) => {
      const t = workbook.tab(name);
      if (!t) throw new ConfigError(`The "${name}" tab is missing: use DSCO Sync → Set up sheet, then sync again.`);
      return t;
    };
    return new OrderBook(tab(ORDERS.name), tab(DASHBOARD.name), tab(SHIPMENTS.name), store);
  }

  /** The order's record, to change: marked for the next saves. */
  get(dscoOrderId: string): OrderRecord | undefined {
    const slot = this.bySlot.get(dscoOrderId);
    if (!slot) return undefined;
    slot.touched = true;
    return slot.record;
  }

  /** The order's record, to read only. */
  peek(dscoOrderId: string): RecordView | undefined {
    return this.records.get(dscoOrderId);
  }

  has(dscoOrderId: string): boolean {
    return this.records.has(dscoOrderId);
  }

  add(record: OrderRecord): void {
    if (this.records.has(record.dscoOrderId)) throw new Error(`order ${record.dscoOrderId} is already recorded`);
    const slot: Slot = { id: record.dscoOrderId, record, touched: true };
    this.records.set(record.dscoOrderId, record);
    this.bySlot.set(record.dscoOrderId, slot);
    this.slots.push(slot);
  }

  /** The records a read-only test picks, to change: only those are marked. */
  select(pick: (record: RecordView) => boolean): OrderRecord[] {
    const out: OrderRecord[] = [];
    for (const s of this.slots) {
      if (!s.record || !pick(s.record)) continue;
      s.touched = true;
      out.push(s.record);
    }
    return out;
  }

  /** Every record, to read only (a scan that changes nothing costs no serialising at the next save). */
  view(): RecordView[] {
    const out: RecordView[] = [];
    for (const s of this.slots) if (s.record) out.push(s.record);
    return out;
  }

  count(): number {
    return this.records.size;
  }

  /** _Orders rows that could not be read when loaded; they are kept and shown as Error rows. */
  damaged(): readonly DamagedRow[] {
    return this.damagedRows;
  }

  /**
   * Removes Shipped and Cancelled orders last updated before `cutoff`, and the oldest finished ones
   * beyond `keepAtMost`, and returns their Dashboard rows, for the Archive tab, in the book's order.
   * Orders `stays` names are kept whatever their age. The next save() rewrites the rows below the
   * first one removed, in one block per tab.
   */
  takeFinishedBefore(cutoff: number, keepAtMost = Infinity, stays: (r: RecordView) => boolean = () => false): unknown[][] {
    const finished = this.slots.filter((s) => s.record && isFinished(s.record) && !stays(s.record)).map((s) => s.record as OrderRecord);
    const leaving = new Set(finished.filter((r) => r.updatedAt < cutoff));
    const staying = finished.filter((r) => !leaving.has(r)).sort((a, b) => a.updatedAt - b.updatedAt);
    for (const r of staying.slice(0, Math.max(0, staying.length - keepAtMost))) leaving.add(r);
    const moved: OrderRecord[] = [];
    const keep: Slot[] = [];
    for (const s of this.slots) {
      if (s.record && leaving.has(s.record)) moved.push(s.record);
      else keep.push(s);
    }
    if (!moved.length) return [];
    for (const r of moved) {
      this.records.delete(r.dscoOrderId);
      this.bySlot.delete(r.dscoOrderId);
    }
    this.slots = keep;
    return moved.map((r) => capRow(dashboardRow(r)));
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

  /**
   * Keeps the ledger entries still needed: those of open orders (a later label of a partly shipped
   * order must not resend the earlier one), and those pushed since `keepSince` (a margin over the
   * shipments' overlap window). A shipment of a finished order, or of one no longer in the working
   * book, is never sent whatever the ledger says (it covers no open quantity). Rewrites the tab in
   * one block and empties the rest; returns how many entries left.
   */
  trimLedger(keepSince: number): number {
    if (this.pendingLedger.length) this.save();
    const open = (id: string) => {
      const r = this.records.get(id);
      return r !== undefined && !isFinished(r);
    };
    const keep = this.ledgerRows.filter((e) => e.pushedAt >= keepSince || open(e.dscoOrderId));
    const dropped = this.ledgerRowCount - keep.length;
    if (dropped <= 0) return 0;
    if (keep.length) this.shipmentsTab.writeRows(2, keep.map(ledgerRow));
    this.shipmentsTab.clearRows(keep.length + 2, this.ledgerRowCount - keep.length, SHIPMENTS.width);
    this.ledger.clear();
    for (const e of keep) this.ledger.set(e.key, e);
    this.ledgerRows = keep;
    this.ledgerRowCount = keep.length;
    return dropped;
  }

  /** Writes what changed: the ledger first (it guards against resending), then _Orders, then the Dashboard. */
  save(): void {
    if (this.pendingLedger.length) {
      const rows = this.pendingLedger.map(ledgerRow);
      this.shipmentsTab.writeRows(this.ledgerRowCount + 2, rows);
      this.ledgerRowCount += rows.length;
      this.ledgerRows.push(...this.pendingLedger);
      this.pendingLedger = [];
    }
    const n = this.slots.length;
    const jsons: string[] = new Array(n);
    const changed: number[] = [];
    const redrawn: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = this.slots[i];
      // A record no one could change this run is where it was: its row holds its JSON already.
      if (s.record && !s.touched && this.sheetSlots[i] === s) {
        jsons[i] = this.sheetJson[i];
        if (this.redraw.has(s)) redrawn.push(i);
        continue;
      }
      const json = s.record ? this.storable(s.record, i) : cellText(s.damaged?.raw[1]);
      // An unchanged row keeps the string it already holds: the new copy dies young instead of
      // being kept until the next save (most rows are unchanged; keeping the copies doubled the
      // garbage collector's work on a large book).
      jsons[i] = this.sheetSlots[i] === s && this.sheetJson[i] === json ? this.sheetJson[i] : json;
      if (this.sheetSlots[i] !== s || this.sheetJson[i] !== jsons[i]) {
        changed.push(i);
        redrawn.push(i);
      } else if (this.redraw.has(s)) redrawn.push(i);
    }
    this.redraw.clear();
    const before = this.sheetSlots.length;
    const orderBlocks = blocks(changed);
    const dashBlocks = this.dashboardStale && n ? [[0, n - 1] as [number, number]] : blocks(redrawn);
    const dirty = dashBlocks.length > 0 || before > n || this.dashboardStale;
    if (dirty) this.store?.set(PROPERTIES.dashboardPending, '1');
    for (const [a, b] of orderBlocks) {
      const rows: unknown[][] = [];
      for (let i = a; i <= b; i++) {
        const s = this.slots[i];
        rows.push(s.record ? [s.id, jsons[i]] : (s.damaged as { raw: unknown[] }).raw);
      }
      this.ordersTab.writeRows(a + 2, rows);
    }
    if (before > n) this.ordersTab.clearRows(n + 2, before - n, ORDERS.width);
    for (const [a, b] of dashBlocks) {
      const rows: unknown[][] = [];
      for (let i = a; i <= b; i++) {
        const s = this.slots[i];
        rows.push(s.record ? capRow(dashboardRow(s.record)) : damagedDashboardRow(s, this.damagedRows.find((d) => d.dscoOrderId === s.id)?.sheetRow ?? i + 2));
      }
      this.dashboardTab.writeRows(a + 2, rows);
    }
    // After a stopped save the Dashboard may hold rows below the working book's (archived orders): its length is asked once.
    const dashboardRows = this.dashboardStale ? Math.max(before, this.dashboardTab.lastRow() - 1) : before;
    if (dashboardRows > n) this.dashboardTab.clearRows(n + 2, dashboardRows - n, DASHBOARD.width);
    if (dirty || this.dashboardStale) this.store?.delete(PROPERTIES.dashboardPending);
    this.dashboardStale = false;
    this.sheetSlots = [...this.slots];
    this.sheetJson = jsons;
  }

  /**
   * save(), then forgets which records were handed out: the next saves serialise only records
   * handed out after this. Only where nothing handed out before is changed afterwards without being
   * handed out again: between two steps of the cycle (a step keeps no record past its end; what
   * passes from one step to the next passes by order ID). A save inside a step (write-ahead) keeps
   * the marks, since the step goes on changing the records it holds.
   */
  checkpoint(): void {
    this.save();
    for (const s of this.slots) s.touched = false;
  }

  /**
   * The record's JSON, small enough for one cell. A record that has grown past the cell limit
   * (a very long PO or refusal text, hundreds of lines) is stored with its long strings cut and
   * becomes an Error row for a person, so the cycle and every other order go on.
   */
  private storable(record: OrderRecord, position: number): string {
    const json = JSON.stringify(record);
    if (json.length <= CELL_CHAR_LIMIT) return json;
    if (!this.oversize.has(record.dscoOrderId)) {
      this.oversize.add(record.dscoOrderId);
      record.status = 'Error';
      record.error = capText(
        `This order's record is too large to store in one cell (${json.length.toLocaleString('en-US')} characters; Google allows ${CELL_CHAR_LIMIT.toLocaleString('en-US')}). ` +
          'Its longest texts were shortened and it is no longer synced: handle it by hand in DSCO and ShipStation.',
        1_000,
      );
    }
    for (const max of [1_000, 100, 20]) {
      const cut = jsonWithStringsCut(record, max);
      if (cut.length <= CELL_CHAR_LIMIT) return cut;
    }
    // Even cut it does not fit (thousands of lines): keep what the sheet holds for it, if anything.
    const previous = this.sheetSlots[position]?.record === record ? this.sheetJson[position] : undefined;
    return previous ?? JSON.stringify({ dscoOrderId: record.dscoOrderId, status: 'Error', receivedAt: record.updatedAt, updatedAt: record.updatedAt, error: record.error, lines: [], tracking: [] });
  }
}

function ledgerRow(e: LedgerEntry): unknown[] {
  return [e.key, e.dscoOrderId, capText(e.tracking, 1_000), new Date(e.pushedAt), sheetText(capText(e.note, 1_000))];
}

export const SHIPMENTS_WIDTH = SHIPMENTS.width;
