import { describe, expect, it } from 'vitest';
import { createEngineHarness as createHarness } from '../../support/engine-harness';

const MIN = 60_000;

/** 15 orders created and acknowledged; returns the harness, the DSCO orders and their ShipStation IDs. */
function day() {
  const h = createHarness();
  h.install();
  const orders = Array.from({ length: 15 }, () => h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A' }, { quantity: 2, sku: 'B' }] }));
  h.clock.advance(MIN);
  h.call('syncNow');
  h.clock.advance(10 * MIN);
  const ssId = (id: string) => [...h.ss.orders.values()].find((o) => o.orderKey === id)!.orderId!;
  return { h, orders, ssId };
}

const calls = (h: ReturnType<typeof createHarness>, path: string | RegExp) =>
  h.ss.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))).length;

describe('many retailer cancellations at once', () => {
  it('cancels them in ShipStation in bulk (createorders), each written back as read, so a person\'s edits stay', () => {
    const { h, orders, ssId } = day();
    const cancelled = orders.slice(0, 12);
    // Someone added notes and a tag in ShipStation: a cancel must not wipe them (a rebuilt order would).
    h.ss.editOrder(ssId(cancelled[0].dscoOrderId), { internalNotes: 'call the customer first', tagIds: [7] });
    for (const o of cancelled) h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    const before = { many: calls(h, '/orders/createorders'), one: calls(h, '/orders/createorder'), read: calls(h, /^\/orders\/\d+$/) };
    h.clock.advance(MIN);
    h.call('syncNow');
    for (const o of cancelled) {
      expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('cancelled');
      expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', flow: 'DSCO → SS' });
    }
    for (const o of orders.slice(12)) expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('awaiting_shipment');
    expect(calls(h, '/orders/createorders') - before.many).toBe(1);
    expect(calls(h, '/orders/createorder') - before.one).toBe(0);
    // 12 orders to cancel cost more single reads than one page of the store's open orders: they are
    // read as ShipStation has them by listing (the sweep's own reads aside), and none is written alone
    const reads = calls(h, /^\/orders\/\d+$/) - before.read;
    expect(reads).toBeLessThanOrEqual(2);
    expect(h.ss.requests.some((r) => r.path === '/orders' && r.query.orderStatus === 'awaiting_shipment')).toBe(true);
    // the same ShipStation orders, not new ones, and still with their items and address
    expect(h.ss.orders.size).toBe(15);
    const o = h.ss.orders.get(ssId(cancelled[0].dscoOrderId))!;
    expect(o.items).toHaveLength(2);
    expect(o.shipTo.name).toBe('Jane Doe');
    expect(o).toMatchObject({ internalNotes: 'call the customer first', tagIds: [7] });
  });

  it('falls back to one by one for an order ShipStation refuses (already shipped), and flags it', () => {
    const { h, orders, ssId } = day();
    const cancelled = orders.slice(0, 12);
    h.ss.shipOrder(ssId(cancelled[3].dscoOrderId), { trackingNumber: '1ZRACE', carrierCode: 'ups', serviceCode: 'ups_ground' });
    for (const o of cancelled) h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    const racing = cancelled[3].dscoOrderId;
    expect(h.ss.orders.get(ssId(racing))!.orderStatus).toBe('shipped');
    expect(h.row(racing)!.error).toMatch(/cancelled this order in DSCO, but it has already shipped/);
    for (const o of cancelled.filter((x) => x.dscoOrderId !== racing)) expect(h.row(o.dscoOrderId)!.status).toBe('Cancelled');
  });

  it('an outage during the bulk cancel stops the stage without Error rows; the next sync finishes it', () => {
    const { h, orders, ssId } = day();
    const cancelled = orders.slice(0, 12);
    for (const o of cancelled) h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    h.ss.faults.enqueue({ path: '/orders/createorders', status: 504, count: 6 });
    h.clock.advance(MIN);
    h.call('syncNow');
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    for (const o of cancelled) {
      expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('cancelled');
      expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
    }
    expect(h.ss.orders.size).toBe(15);
  });
});
