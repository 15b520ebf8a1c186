import { describe, expect, it } from 'vitest';
import type { Tab, Workbook } from '../../../src/core/ports/workbook';
import { OrderBook } from '../../../src/sync/book/order-book';
import type { OrderRecord } from '../../../src/sync/orders/order-record';
import type { KeyValueStore } from '../../../src/core/ports/key-value-store';
import { PROPERTIES, TABS } from '../../../src/storage/storage-map';

const ORDERS_TAB = TABS.orders.name;
const DASHBOARD_TAB = TABS.dashboard.name;
const SHIPMENTS_TAB = TABS.shipments.name;

function memoryStore(): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (k) => values.get(k) ?? null,
    getAll: () => Object.fromEntries(values),
    set: (k, v) => void values.set(k, v),
    setAll: (o) => Object.entries(o).forEach(([k, v]) => values.set(k, v)),
    delete: (k) => void values.delete(k),
  };
}

/** An in-memory tab that records the rows each write covered. */
function memoryTab(name: string, rows: unknown[][] = [['header']]) {
  const values = rows.map((r) => [...r]);
  const writes: { start: number; count: number }[] = [];
  const reads = { count: 0 };
  const tab = {
    name,
    readAll: () => {
      reads.count++;
      return values.map((r) => [...r]);
    },
    writeRows(start: number, block: unknown[][]) {
      writes.push({ start, count: block.length });
      block.forEach((r, i) => (values[start - 1 + i] = [...r]));
    },
    clearRows(start: number, count: number) {
      for (let i = 0; i < count; i++) values[start - 1 + i] = [];
    },
    lastRow: () => values.length,
  } as unknown as Tab;
  return { tab, values, writes, reads };
}

function record(id: string, status: OrderRecord['status'] = 'Sent to SS'): OrderRecord {
  return { dscoOrderId: id, poNumber: `PO-${id}`, retailer: 'R', status, flow: 'DSCO → SS', lines: [], tracking: [], receivedAt: 1_000, updatedAt: 2_000 };
}

function setup(ids: string[]) {
  const orders = memoryTab(ORDERS_TAB);
  const dashboard = memoryTab(DASHBOARD_TAB);
  const shipments = memoryTab(SHIPMENTS_TAB);
  const tabs = new Map([orders, dashboard, shipments].map((t) => [t.tab.name, t.tab]));
  const workbook = { tab: (n: string) => tabs.get(n), createTab: () => { throw new Error('no'); } } as unknown as Workbook;
  const store = memoryStore();
  const first = OrderBook.load(workbook, store);
  for (const id of ids) first.add(record(id));
  first.save();
  orders.writes.length = 0;
  dashboard.writes.length = 0;
  shipments.writes.length = 0;
  return { workbook, orders, dashboard, shipments, store };
}

describe('OrderBook.save', () => {
  it('writes only the rows whose record changed, across several saves of one run', () => {
    const { workbook, orders, dashboard } = setup(['1', '2', '3', '4', '5']);
    const book = OrderBook.load(workbook);
    book.save();
    expect(orders.writes).toEqual([]);
    expect(dashboard.writes).toEqual([]);
    book.get('2')!.status = 'Shipped';
    book.save();
    book.get('4')!.tracking.push('1Z4');
    book.save();
    expect(orders.writes).toEqual([{ start: 3, count: 1 }, { start: 5, count: 1 }]);
    expect(dashboard.writes).toEqual([{ start: 3, count: 1 }, { start: 5, count: 1 }]);
    expect(dashboard.values[2][4]).toBe('Shipped');
    expect(dashboard.values[4][5]).toBe('1Z4');
  });

  it('serialises only the records handed out to be changed: a scan through view() or peek() costs no write', () => {
    const { workbook, orders } = setup(['1', '2', '3']);
    // Row 3 holds its JSON in another layout than JSON.stringify's: serialising it again would rewrite it.
    orders.values[2][1] = JSON.stringify(JSON.parse(String(orders.values[2][1])), null, 1);
    const book = OrderBook.load(workbook);
    expect(book.view().map((r) => r.dscoOrderId)).toEqual(['1', '2', '3']);
    expect(book.peek('2')?.status).toBe('Sent to SS');
    book.save();
    expect(orders.writes).toEqual([]);
    // select() hands out only the records it picks.
    expect(book.select((r) => r.dscoOrderId === '1').map((r) => r.dscoOrderId)).toEqual(['1']);
    book.save();
    expect(orders.writes).toEqual([]);
    book.get('2');
    book.save();
    expect(orders.writes).toEqual([{ start: 3, count: 1 }]);
  });

  it('after a checkpoint (between two steps), serialises only the records handed out since', () => {
    const { workbook, orders } = setup(['1', '2']);
    const book = OrderBook.load(workbook);
    book.get('1')!.status = 'Shipped';
    const kept = book.get('2')!;
    book.checkpoint();
    expect(orders.writes).toEqual([{ start: 2, count: 1 }]);
    // The checkpoint forgot what was handed out: a record is looked at again only once handed out
    // again (which is why steps pass orders on by ID, never by record).
    kept.status = 'Shipped';
    book.save();
    expect(orders.writes).toHaveLength(1);
    book.get('2');
    book.save();
    expect(orders.writes).toEqual([{ start: 2, count: 1 }, { start: 3, count: 1 }]);
  });

  it('writes a change made after a save to a record handed out before it', () => {
    const { workbook, orders } = setup(['1', '2']);
    const book = OrderBook.load(workbook);
    const [kept] = book.select((r) => r.dscoOrderId === '2');
    book.save();
    expect(orders.writes).toEqual([]);
    kept.status = 'Shipped';
    book.save();
    expect(orders.writes).toEqual([{ start: 3, count: 1 }]);
    expect(JSON.parse(String(orders.values[2][1])).status).toBe('Shipped');
  });

  it('never reads the Dashboard; after a run that died between _Orders and the Dashboard, it redraws the Dashboard once', () => {
    const { workbook, dashboard, store } = setup(['1', '2', '3']);
    dashboard.reads.count = 0;
    const book = OrderBook.load(workbook, store);
    book.get('2')!.status = 'Shipped';
    // the run dies inside save(), after _Orders was written, before the Dashboard
    const writeRows = dashboard.tab.writeRows;
    dashboard.tab.writeRows = () => {
      throw new Error('killed');
    };
    expect(() => book.save()).toThrow('killed');
    expect(store.values.get(PROPERTIES.dashboardPending)).toBe('1');
    dashboard.tab.writeRows = writeRows;
    const next = OrderBook.load(workbook, store);
    next.save();
    expect(dashboard.writes).toEqual([{ start: 2, count: 3 }]);
    expect(dashboard.values[2][4]).toBe('Shipped');
    expect(store.values.has(PROPERTIES.dashboardPending)).toBe(false);
    next.save();
    expect(dashboard.writes).toHaveLength(1);
    expect(dashboard.reads.count).toBe(0);
  });

  it('keeps an unreadable _Orders row as it is, shows it as an Error row, and never overwrites it', () => {
    const { workbook, orders, dashboard, store } = setup(['1', '2', '3']);
    orders.values[2][1] = '{"dscoOrderId":"2", oops'; // a typo made by hand in the hidden tab
    const book = OrderBook.load(workbook, store);
    expect(book.has('2')).toBe(false);
    expect(book.damaged()).toEqual([{ sheetRow: 3, dscoOrderId: '2', problem: 'its record is not valid JSON' }]);
    book.add(record('4'));
    book.get('1')!.status = 'Shipped';
    book.get('1')!.updatedAt = 0;
    book.takeFinishedBefore(1);
    book.save();
    expect(orders.values.slice(1, 4).map((r) => r[0])).toEqual(['2', '3', '4']);
    expect(orders.values[1][1]).toBe('{"dscoOrderId":"2", oops');
    expect(dashboard.values[1][1]).toBe('2');
    expect(dashboard.values[1][4]).toBe('Error');
    expect(String(dashboard.values[1][8])).toMatch(/Row 3 of the hidden _Orders tab cannot be read/);
  });

  it('stores a record too large for a cell with its long texts cut, as an Error row, and never throws', () => {
    const { workbook, orders, dashboard, store } = setup(['1', '2']);
    const book = OrderBook.load(workbook, store);
    book.get('1')!.poNumber = 'P'.repeat(52_000);
    book.get('2')!.tracking.push('1ZOK');
    expect(() => book.save()).not.toThrow();
    const stored = String(orders.values[1][1]);
    expect(stored.length).toBeLessThanOrEqual(50_000);
    expect(JSON.parse(stored)).toMatchObject({ dscoOrderId: '1', status: 'Error' });
    expect(dashboard.values[1][4]).toBe('Error');
    expect(String(dashboard.values[1][8])).toMatch(/too large to store/);
    expect(dashboard.values[2][5]).toBe('1ZOK');
    expect(dashboard.values.every((r) => r.every((v) => typeof v !== 'string' || v.length <= 5_000))).toBe(true);
    // the next run reads the stored form back
    expect(OrderBook.load(workbook, store).get('1')!.status).toBe('Error');
  });

  it('trims the shipment ledger to open orders and recent pushes, in one block', () => {
    const { workbook, shipments, store } = setup(['1', '2']);
    const book = OrderBook.load(workbook, store);
    book.get('2')!.status = 'Shipped';
    book.recordPush({ key: 'S1', dscoOrderId: '1', tracking: 'T1', pushedAt: 10, note: '' });
    book.recordPush({ key: 'S2', dscoOrderId: '2', tracking: 'T2', pushedAt: 10, note: '' });
    book.recordPush({ key: 'S9', dscoOrderId: '9', tracking: 'T9', pushedAt: 10, note: '' });
    book.recordPush({ key: 'S8', dscoOrderId: '8', tracking: 'T8', pushedAt: 500, note: '' });
    book.save();
    shipments.writes.length = 0;
    expect(book.trimLedger(100)).toBe(2);
    expect(shipments.writes).toEqual([{ start: 2, count: 2 }]);
    expect(shipments.values.slice(1).filter((r) => r.length).map((r) => r[0])).toEqual(['S1', 'S8']);
    const next = OrderBook.load(workbook, store);
    expect(next.wasPushed('S9') || next.wasPushed('S2')).toBe(false);
    expect(next.wasPushed('S1') && next.wasPushed('S8')).toBe(true);
  });

  it('rewrites the rows that moved when finished orders leave for the Archive', () => {
    const { workbook, orders, dashboard } = setup(['1', '2', '3', '4']);
    const book = OrderBook.load(workbook);
    book.save();
    book.get('2')!.status = 'Shipped';
    book.get('2')!.updatedAt = 0;
    expect(book.takeFinishedBefore(1)).toHaveLength(1);
    book.save();
    expect(orders.values.slice(1, 4).map((r) => r[0])).toEqual(['1', '3', '4']);
    expect(dashboard.values.slice(1, 4).map((r) => r[1])).toEqual(['1', '3', '4']);
    expect(dashboard.values[4]).toEqual([]);
  });

  it('keeps at most the given number of finished orders, the most recently finished, whatever their age', () => {
    const { workbook, orders } = setup(['1', '2', '3', '4', '5']);
    const book = OrderBook.load(workbook);
    // 1, 2, 4 and 5 finished (5 most recently), 3 still open; none older than the cutoff.
    for (const [id, at] of [['1', 30], ['2', 10], ['4', 40], ['5', 50]] as const) {
      book.get(id)!.status = 'Shipped';
      book.get(id)!.updatedAt = at;
    }
    const moved = book.takeFinishedBefore(0, 2);
    expect(moved.map((r) => r[1])).toEqual(['1', '2']);
    book.save();
    expect(orders.values.slice(1, 4).map((r) => r[0])).toEqual(['3', '4', '5']);
  });
});
