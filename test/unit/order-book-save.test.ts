import { describe, expect, it } from 'vitest';
import type { Tab, Workbook } from '../../src/core/ports/workbook';
import { OrderBook } from '../../src/sync/order-book';
import type { OrderRecord } from '../../src/sync/order-record';
import { DASHBOARD_TAB, ORDERS_TAB, SHIPMENTS_TAB } from '../../src/sync/tabs';

/** An in-memory tab that records the rows each write covered. */
function memoryTab(name: string, rows: unknown[][] = [['header']]) {
  const values = rows.map((r) => [...r]);
  const writes: { start: number; count: number }[] = [];
  const tab = {
    name,
    readAll: () => values.map((r) => [...r]),
    writeRows(start: number, block: unknown[][]) {
      writes.push({ start, count: block.length });
      block.forEach((r, i) => (values[start - 1 + i] = [...r]));
    },
    clearRows(start: number, count: number) {
      for (let i = 0; i < count; i++) values[start - 1 + i] = [];
    },
    lastRow: () => values.length,
  } as unknown as Tab;
  return { tab, values, writes };
}

function record(id: string, status: OrderRecord['status'] = 'Sent to SS'): OrderRecord {
  return { dscoOrderId: id, poNumber: `PO-${id}`, retailer: 'R', status, flow: 'DSCO → SS', lines: [], tracking: [], receivedAt: 1_000, updatedAt: 2_000 };
}

function setup(ids: string[]) {
  const orders = memoryTab(ORDERS_TAB);
  const dashboard = memoryTab(DASHBOARD_TAB);
  const shipments = memoryTab(SHIPMENTS_TAB);
  const tabs = new Map([orders, dashboard, shipments].map((t) => [t.tab.name, t.tab]));
  const workbook = { tab: (n: string) => tabs.get(n), createTab: () => { throw new Error('no'); } } as Workbook;
  const first = OrderBook.load(workbook);
  for (const id of ids) first.add(record(id));
  first.save();
  orders.writes.length = 0;
  dashboard.writes.length = 0;
  return { workbook, orders, dashboard };
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

  it('repairs on its first save a Dashboard row a stopped run left out of date, though the record did not change', () => {
    const { workbook, dashboard } = setup(['1', '2', '3']);
    dashboard.values[2][4] = 'Received'; // the run died after writing _Orders, before the Dashboard
    const book = OrderBook.load(workbook);
    book.save();
    expect(dashboard.writes).toEqual([{ start: 3, count: 1 }]);
    expect(dashboard.values[2][4]).toBe('Sent to SS');
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
});
