import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createDscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';
import type { Order } from '../../../../sandbox/fakes/dsco/dsco-types';
import { client } from './dsco-test-requests';

function setup(cancelMode?: 'sync' | 'async') {
  const clock = createClock('2026-03-02T15:00:00Z');
  const fake = createDscoFake({ clock, ...(cancelMode ? { cancelMode } : {}) });
  return { clock, fake, api: client(fake) };
}

describe('DSCO fake: POST /order/item/cancel', () => {
  it('cancels part of a line (200 SyncUpdateResponse), then everything → cancelled/completed', () => {
    const { clock, fake, api } = setup();
    const o = fake.seedOrder({ lineItems: [{ quantity: 3 }, { quantity: 1 }] });
    clock.advance(1000);
    const r1 = api('POST', '/order/item/cancel', {
      body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 2, cancelCode: 'CXSS', cancelledReason: 'out of stock' }] },
    });
    expect(r1.status).toBe(200);
    expect(r1.json).toEqual({ status: 'success', requestId: expect.any(String), eventDate: '2026-03-02T15:00:01+00:00' });
    let order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order.lineItems[0]).toMatchObject({ cancelledQuantity: 2, cancelCode: 'CXSS', cancelledReason: 'out of stock', remainingQuantity: 1 });
    expect(order.lineItems[0]?.activity?.at(-1)).toMatchObject({ action: 'cancel', quantity: 2 });
    expect(order).toMatchObject({ dscoStatus: 'created', dscoLifecycle: 'created', dscoLastUpdate: '2026-03-02T15:00:01+00:00' });

    const r2 = api('POST', '/order/item/cancel', {
      body: { id: o.poNumber, type: 'PO_NUMBER', lineItems: [{ sku: o.lineItems[0]?.sku, cancelledQuantity: 1, cancelCode: 'CXSS' }, { dscoItemId: o.lineItems[1]?.dscoItemId, cancelledQuantity: 1, cancelCode: 'CXSD' }] },
    });
    expect(r2.status).toBe(200);
    order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order).toMatchObject({ dscoStatus: 'cancelled', dscoLifecycle: 'completed' });
    expect(order.lineItems.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
    expect(fake.violations).toEqual([]);
  });

  it('answers 400 VALIDATION_FAILED when cancelling more than is open or an unknown order', () => {
    const { fake, api } = setup();
    const o = fake.seedOrder({ lineItems: [{ quantity: 2 }] });
    const over = api('POST', '/order/item/cancel', { body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 3, cancelCode: 'CXSS' }] } });
    expect(over.status).toBe(400);
    expect(over.json).toMatchObject({ status: 'failure', messages: [{ code: 'VALIDATION_FAILED', severity: 'error', description: expect.stringMatching(/exceeds the quantity still open \(2\)/) }] });
    const unknown = api('POST', '/order/item/cancel', { body: { id: '1', type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1, cancelCode: 'CXSS' }] } });
    expect(unknown.json.messages[0].description).toMatch(/Order not found/);
    const noCode = api('POST', '/order/item/cancel', { body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1, cancelCode: null }] } });
    expect(noCode.json.messages[0].description).toMatch(/cancelCode is required/);
    // schema: cancelCode is required (nullable), id is a string
    expect(api('POST', '/order/item/cancel', { body: { id: Number(o.dscoOrderId), type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1 }] } }).json.messages[0].code).toBe('CONTRACT_VIOLATION');
    expect(fake.orders.get(o.dscoOrderId)?.lineItems[0]?.cancelledQuantity).toBe(0);
  });

  it('cancels what is left after a partial shipment: status stays shipped, lifecycle completed', () => {
    const { fake, api } = setup();
    const o = fake.seedOrder({ lineItems: [{ quantity: 2 }] });
    api('POST', '/order/singleShipment', { body: { dscoOrderId: o.dscoOrderId, shipments: [{ trackingNumber: 'T1', shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] }] } });
    const r = api('POST', '/order/item/cancel', { body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 2, cancelCode: 'CXSS' }] } });
    expect(r.status).toBe(400);
    expect(api('POST', '/order/item/cancel', { body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1, cancelCode: 'CXSS' }] } }).status).toBe(200);
    expect(fake.orders.get(o.dscoOrderId)).toMatchObject({ dscoStatus: 'shipped', dscoLifecycle: 'completed' });
  });

  it('async mode answers 202 pending and reports through /order/log', () => {
    const { fake, api } = setup('async');
    const o = fake.seedOrder();
    const r = api('POST', '/order/item/cancel', { body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1, cancelCode: 'CXSS' }] } });
    expect(r.status).toBe(202);
    expect(r.json.status).toBe('pending');
    expect(fake.orders.get(o.dscoOrderId)?.dscoStatus).toBe('created');
    fake.processAsync();
    expect(fake.orders.get(o.dscoOrderId)?.dscoStatus).toBe('cancelled');
    expect(api('GET', '/order/log', { query: { requestId: r.json.requestId } }).json).toMatchObject({ status: 'COMPLETED', logs: [{ status: 'success' }] });
    expect(fake.violations).toEqual([]);
  });
});

describe('DSCO fake: retailer-side changes', () => {
  it('retailerCancel cancels every line and bumps dscoLastUpdate', () => {
    const { clock, fake } = setup();
    const o = fake.seedOrder({ lineItems: [{ quantity: 2 }, { quantity: 1 }] });
    clock.advance(30_000);
    fake.retailerCancel(o.dscoOrderId, 'CXRF');
    const order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order).toMatchObject({ dscoStatus: 'cancelled', dscoLifecycle: 'completed', dscoLastUpdate: '2026-03-02T15:00:30+00:00' });
    expect(order.lineItems.map((l) => [l.status, l.cancelledQuantity, l.cancelCode])).toEqual([['cancelled', 2, 'CXRF'], ['cancelled', 1, 'CXRF']]);
  });

  it('retailerCancelRequest sets cancelRequested/cancelRequestedCode on the order and its lines; cancelling clears them', () => {
    const { clock, fake, api } = setup();
    const o = fake.seedOrder();
    clock.advance(10_000);
    fake.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    let order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order).toMatchObject({ cancelRequested: true, cancelRequestedCode: 'CXRR', dscoLastUpdate: '2026-03-02T15:00:10+00:00', dscoStatus: 'created' });
    expect(order.lineItems[0]).toMatchObject({ cancelRequested: true, cancelRequestedCode: 'CXRR' });
    api('POST', '/order/item/cancel', { body: { id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1, cancelCode: 'CXSC' }] } });
    order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order).toMatchObject({ cancelRequested: false, dscoStatus: 'cancelled' });
    expect(order.lineItems[0]?.cancelRequested).toBe(false);
  });

  it('releaseOrder moves received → created', () => {
    const { fake } = setup();
    const o = fake.seedOrder({ dscoLifecycle: 'received' });
    fake.releaseOrder(o.dscoOrderId);
    expect(fake.orders.get(o.dscoOrderId)?.dscoLifecycle).toBe('created');
    expect(() => fake.releaseOrder(o.dscoOrderId)).toThrow(/not received/);
  });
});
