import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../src/core/ports/key-value-store';
import type { Tab, Workbook } from '../../../src/core/ports/workbook';
import { SHEET_TEMPLATE } from '../../../src/sheet/sheet-template';
import { ARCHIVE_MAX_ROWS, isKnownProperty, PROPERTIES, TABS } from '../../../src/storage/storage-map';
import { ActivityLog } from '../../../src/sync/cycle/activity-log';
import { archiveFinished } from '../../../src/sync/book/archive-finished';
import { INVOICES_SINCE_KEY } from '../../../src/invoices/send-invoices';
import type { CycleContext } from '../../../src/sync/cycle/cycle-context';
import { OrderBook } from '../../../src/sync/book/order-book';
import type { OrderRecord } from '../../../src/sync/orders/order-record';

const DAY = 86_400_000;

function memoryTab(name: string, rows: unknown[][]) {
  const values = rows;
  const calls: string[] = [];
  const tab = {
    name,
    readAll: () => values.map((r) => [...r]),
    readRows: (start: number, count: number) => values.slice(start - 1, start - 1 + count),
    writeRows(start: number, block: unknown[][]) {
      calls.push(`write ${start} ${block.length}`);
      block.forEach((r, i) => (values[start - 1 + i] = [...r]));
    },
    clearRows(start: number, count: number) {
      calls.push(`clear ${start} ${count}`);
      for (let i = 0; i < count; i++) values[start - 1 + i] = [];
    },
    deleteRows(start: number, count: number) {
      calls.push(`delete ${start} ${count}`);
      values.splice(start - 1, count);
    },
    lastRow: () => values.length,
    gridSize: () => ({ rows: Math.max(1000, values.length), columns: 10 }),
  } as unknown as Tab;
  return { tab, values, calls };
}

function record(id: string, status: OrderRecord['status'], updatedAt: number): OrderRecord {
  return { dscoOrderId: id, poNumber: `PO-${id}`, retailer: 'R', status, flow: 'DSCO → SS', lines: [], tracking: [], receivedAt: 0, updatedAt };
}

describe('the Archive stays bounded', () => {
  it('appends the day\'s finished orders in one block and removes its oldest rows in one call above ARCHIVE_MAX_ROWS', () => {
    const archiveRows: unknown[][] = [TABS.archive.columns.map(String)];
    for (let i = 0; i < ARCHIVE_MAX_ROWS - 1; i++) archiveRows.push(['DSCO → SS', `old-${i}`, '', '', 'Shipped', '', '', '', '', '']);
    const archive = memoryTab(TABS.archive.name, archiveRows);
    const orders = memoryTab(TABS.orders.name, [['h']]);
    const tabs = new Map([archive, orders, memoryTab(TABS.dashboard.name, [['h']]), memoryTab(TABS.shipments.name, [['h']]), memoryTab(TABS.help.name, [['h']])].map((t) => [t.tab.name, t.tab]));
    const workbook = { tab: (n: string) => tabs.get(n), tabNames: () => [...tabs.keys()] } as unknown as Workbook;
    const props = new Map<string, string>([[PROPERTIES.housekeepingLastRun, '1']]);
    const store = { get: (k: string) => props.get(k) ?? null, set: (k: string, v: string) => void props.set(k, v), delete: (k: string) => void props.delete(k) } as KeyValueStore;
    const book = OrderBook.load(workbook, store);
    const now = 100 * DAY;
    ['a', 'b', 'c'].forEach((id) => book.add(record(id, 'Shipped', now - 10 * DAY)));
    book.add(record('open', 'Sent to SS', now - 10 * DAY));
    book.save();
    const log = new ActivityLog(() => now, () => []);
    const ctx = { clock: { now: () => now }, store, settings: { archiveAfterDays: 7 }, book, log } as unknown as CycleContext;
    archiveFinished(ctx, workbook, () => book.save());
    expect(archive.calls).toEqual([`write ${ARCHIVE_MAX_ROWS + 1} 3`, 'delete 2 2']);
    expect(archive.values.length - 1).toBe(ARCHIVE_MAX_ROWS);
    expect(archive.values.slice(-3).map((r) => r[1])).toEqual(['a', 'b', 'c']);
    expect(archive.values[1][1]).toBe('old-2');
    expect(orders.values.slice(1).filter((r) => r.length).map((r) => r[0])).toEqual(['open']);
    expect(log.lines.map((l) => l.message).join('\n')).toMatch(/latest 100,000 orders: the 2 oldest left it/);
    expect(props.get(PROPERTIES.housekeepingLastRun)).toBe(String(now));
    // once a day: an hour later nothing moves
    archive.calls.length = 0;
    book.add(record('d', 'Cancelled', now - 10 * DAY));
    const later = { ...ctx, clock: { now: () => now + 3_600_000 } } as CycleContext;
    archiveFinished(later, workbook, () => book.save());
    expect(archive.calls).toEqual([]);
  });
});

describe('an order that still owes DSCO an invoice', () => {
  it('stays in the working book past the archive age until it is billed', () => {
    const archive = memoryTab(TABS.archive.name, [TABS.archive.columns.map(String)]);
    const orders = memoryTab(TABS.orders.name, [['h']]);
    const tabs = new Map([archive, orders, memoryTab(TABS.dashboard.name, [['h']]), memoryTab(TABS.shipments.name, [['h']]), memoryTab(TABS.help.name, [['h']])].map((t) => [t.tab.name, t.tab]));
    const workbook = { tab: (n: string) => tabs.get(n), tabNames: () => [...tabs.keys()] } as unknown as Workbook;
    const now = 100 * DAY;
    const props = new Map<string, string>([[PROPERTIES.housekeepingLastRun, '1'], [INVOICES_SINCE_KEY, String(now - 30 * DAY)]]);
    const store = { get: (k: string) => props.get(k) ?? null, set: (k: string, v: string) => void props.set(k, v), delete: (k: string) => void props.delete(k) } as KeyValueStore;
    const book = OrderBook.load(workbook, store);
    const shipped = (id: string): OrderRecord => ({
      ...record(id, 'Shipped', now - 10 * DAY),
      lines: [{ lineNumber: 1, sku: 'A', dscoItemId: '1', quantity: 1, shipped: 1, cancelled: 0 }],
      packages: [{ key: `S${id}`, tracking: `1Z${id}`, lines: [[1, 1]], at: now - 10 * DAY }],
    });
    book.add({ ...shipped('billed'), invoices: [{ invoiceId: 'DSCO-billed-1Zbilled', covers: 'Sbilled', state: 'sent', totalAmount: 5, at: now - 10 * DAY, firstAt: now - 10 * DAY }] });
    book.add(shipped('unbilled'));
    book.save();
    const settings = { archiveAfterDays: 7, sendInvoices: true, invoicePer: 'shipment', includeTestOrders: false };
    const ctx = { clock: { now: () => now }, store, settings, book, log: new ActivityLog(() => now, () => []) } as unknown as CycleContext;
    archiveFinished(ctx, workbook, () => book.save());
    expect(archive.values.slice(1).map((r) => r[1])).toEqual(['billed']);
    expect(book.has('unbilled')).toBe(true);
  });
});

describe('the storage map', () => {
  it('declares every tab of the template with its column count, and names its own keys', () => {
    const layouts = Object.values(TABS);
    expect(layouts.map((t) => t.name).sort()).toEqual(SHEET_TEMPLATE.tabs.map((t) => t.name).sort());
    for (const t of SHEET_TEMPLATE.tabs) expect(layouts.find((l) => l.name === t.name)!.width).toBe(t.headers.length);
    expect(isKnownProperty('settings.ssApiKey')).toBe(true);
    expect(isKnownProperty('watermark.shipments')).toBe(true);
    expect(isKnownProperty('something.else')).toBe(false);
  });
});
