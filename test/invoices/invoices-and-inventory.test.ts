import { describe, expect, it } from 'vitest';
import { fullResendDue } from '../../src/inventory/full-resend';
import { inventoryBatches } from '../../src/inventory/inventory-batches';
import { parseInventoryRow } from '../../src/inventory/inventory-line';
import { buildInvoice } from '../../src/invoices/build-invoice';
import { invoicesDue } from '../../src/invoices/invoices-due';
import type { OrderRecord } from '../../src/sync/orders/order-record';

const T = Date.parse('2026-03-02T15:00:00Z');

function record(over: Partial<OrderRecord> = {}): OrderRecord {
  return {
    dscoOrderId: '1001',
    poNumber: 'PO-1',
    retailer: 'R',
    status: 'Shipped',
    flow: 'SS → DSCO',
    ssOrderId: 5,
    lines: [
      { lineNumber: 1, sku: 'A', dscoItemId: 'i1', quantity: 1, shipped: 1, cancelled: 0, expectedCost: 7.7 },
      { lineNumber: 2, sku: 'B', dscoItemId: 'i2', quantity: 3, shipped: 3, cancelled: 0, expectedCost: 3.335 },
    ],
    tracking: ['T1', 'T2'],
    packages: [
      { key: 'S1', tracking: 'T1', lines: [[1, 1]], at: T },
      { key: 'S2', tracking: 'T2', lines: [[2, 3]], at: T + 1000 },
    ],
    receivedAt: T,
    updatedAt: T,
    ...over,
  };
}

describe('invoicesDue', () => {
  it('per order: one plan once nothing is open, with the shipped units; none while a shipment or a cancel waits', () => {
    expect(invoicesDue(record(), 'order', 0)).toEqual([{ invoiceId: 'DSCO-1001', covers: 'order', lines: [[1, 1], [2, 3]], shippedAt: T + 1000 }]);
    const open = record();
    open.lines[1]!.shipped = 2;
    expect(invoicesDue(open, 'order', 0)).toEqual([]);
    expect(invoicesDue(record({ pendingCancel: { code: 'X', reason: '', by: 'supplier', lines: [[2, 1]], sentAt: T } }), 'order', 0)).toEqual([]);
    expect(invoicesDue(record(), 'order', T + 2000)).toEqual([]); // shipped before invoicing was on
  });

  it('per shipment: one plan per package, voided labels left out', () => {
    const r = record({ packages: [...record().packages!, { key: 'S3', tracking: 'T3', lines: [[2, 1]], at: T }, { key: 'VS3', tracking: '', lines: [], at: T }] });
    expect(invoicesDue(r, 'shipment', 0).map((p) => p.invoiceId)).toEqual(['DSCO-1001-T1', 'DSCO-1001-T2']);
  });

  it('an order billed one way is never billed the other way after the setting changes', () => {
    const perOrder = record({ invoices: [{ invoiceId: 'DSCO-1001', covers: 'order', state: 'sent', totalAmount: 17.71, at: T, firstAt: T }] });
    expect(invoicesDue(perOrder, 'shipment', 0).map((p) => p.invoiceId)).toEqual(['DSCO-1001']);
    const perShipment = record({ invoices: [{ invoiceId: 'DSCO-1001-T1', covers: 'S1', state: 'sent', totalAmount: 7.7, at: T, firstAt: T }] });
    expect(invoicesDue(perShipment, 'order', 0).map((p) => p.invoiceId)).toEqual(['DSCO-1001-T1', 'DSCO-1001-T2']);
  });
});

describe('buildInvoice', () => {
  it('prices lines at DSCO cost × shipped units, rounded half up to cents', () => {
    const built = buildInvoice(record(), invoicesDue(record(), 'order', 0)[0]!);
    expect(built).toMatchObject({ ok: true, invoice: { invoiceId: 'DSCO-1001', dscoOrderId: '1001', poNumber: 'PO-1', totalAmount: 17.71, lineItemsSubtotal: 17.71, numberOfLineItems: 2 } });
    expect(built.ok && built.invoice.lineItems![1]).toEqual({ lineNumber: 2, sku: 'B', dscoItemId: 'i2', quantity: 3, unitPrice: 3.335, subtotal: 10.01 });
  });

  it('does not guess a missing cost', () => {
    const r = record();
    delete r.lines[0]!.expectedCost;
    expect(buildInvoice(r, invoicesDue(r, 'order', 0)[0]!)).toEqual({ ok: false, problem: 'line 1 (A) has no cost (expectedCost) in DSCO' });
  });
});

describe('parseInventoryRow', () => {
  it('reads quantities written with thousands separators, maps friendly statuses, and follows the quantity when the status is blank', () => {
    expect(parseInventoryRow(2, ['SKU-1', '1,200', '', ''], 'WH')).toEqual({ ref: 2, sku: 'SKU-1', warehouse: 'WH', quantity: 1200, status: 'in-stock' });
    expect(parseInventoryRow(3, [' SKU-2 ', 0, 'In Stock', 'EAST'], 'WH')).toEqual({ ref: 3, sku: 'SKU-2', warehouse: 'EAST', quantity: 0, status: 'out-of-stock' });
    expect(parseInventoryRow(4, ['', '', '', ''], 'WH')).toBeUndefined();
    expect(parseInventoryRow(5, ['SKU-3', 4, '', ''], '')).toEqual({ ref: 5, problem: expect.stringMatching(/no warehouse code/) });
    expect(parseInventoryRow(6, ['S'.repeat(91), 4, '', ''], 'WH')).toEqual({ ref: 6, problem: expect.stringMatching(/longer than DSCO allows/) });
  });
});

describe('inventoryBatches', () => {
  const item = (i: number) => ({ sku: `S${i}`, status: 'in-stock' as const, quantityAvailable: 1, warehouses: [{ code: 'W', quantity: 1 }] });
  it('splits by item count and by bytes', () => {
    expect(inventoryBatches(Array.from({ length: 7 }, (_, i) => item(i)), 3).map((b) => b.length)).toEqual([3, 3, 1]);
    const size = JSON.stringify([item(0), item(1)]).length;
    expect(inventoryBatches(Array.from({ length: 5 }, (_, i) => item(i)), 100, size).map((b) => b.length)).toEqual([2, 2, 1]);
  });
});

describe('fullResendDue', () => {
  it('is due once a day, from the set hour in US Pacific time', () => {
    // 2026-03-02T15:00Z is 07:00 PST; 2026-07-01T15:00Z is 08:00 PDT.
    expect(fullResendDue(T, 7, null)).toEqual({ due: true, today: '2026-03-02' });
    expect(fullResendDue(T, 8, null).due).toBe(false);
    expect(fullResendDue(T, 7, '2026-03-02').due).toBe(false);
    expect(fullResendDue(Date.parse('2026-07-01T15:00:00Z'), 8, '2026-06-30').due).toBe(true);
  });
});
