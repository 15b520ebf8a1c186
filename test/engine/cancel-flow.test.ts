import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness';

const MIN = 60_000;

function created(n = 1) {
  const h = createHarness();
  h.install();
  const orders = Array.from({ length: n }, () => h.dsco.seedOrder({ lineItems: [{ quantity: 2, sku: 'A' }, { quantity: 1, sku: 'B' }] }));
  h.clock.advance(MIN);
  h.call('syncNow');
  h.clock.advance(10 * MIN);
  const ssId = (id: string) => [...h.ss.orders.values()].find((x) => x.orderKey === id)!.orderId;
  return { h, orders, ssId };
}

const cancelCalls = (h: ReturnType<typeof createHarness>) =>
  h.dsco.requests.filter((r) => r.path === '/order/item/cancel') as { body: { id: string; lineItems: { lineNumber: number; cancelledQuantity: number; cancelCode: string }[] } }[];

describe('cancellations', () => {
  it('DSCO → ShipStation: an order the retailer cancelled is cancelled in ShipStation and the row says Cancelled', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('cancelled');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', flow: 'DSCO → SS' });
    expect(cancelCalls(h)).toHaveLength(0);
    // the full order was re-sent, not a partial one
    const update = h.ss.requests.filter((r) => r.path === '/orders/createorder').pop()!.body as { items: unknown[]; shipTo: { name: string } };
    expect(update.items).toHaveLength(2);
    expect(update.shipTo.name).toBe('Jane Doe');
  });

  it('ShipStation → DSCO: an order cancelled in ShipStation has every open line cancelled in DSCO with the configured code', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.ss.cancelOrder(ssId(o.dscoOrderId));
    h.clock.advance(MIN);
    h.call('syncNow');
    const calls = cancelCalls(h);
    expect(calls).toHaveLength(1);
    expect(calls[0].body.lineItems.map((l) => [l.lineNumber, l.cancelledQuantity, l.cancelCode])).toEqual([
      [1, 2, 'CXSO'],
      [2, 1, 'CXSO'],
    ]);
    expect(h.dsco.orders.get(o.dscoOrderId)!.dscoStatus).toBe('cancelled');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', flow: 'SS → DSCO' });
    h.clock.advance(60 * MIN);
    h.call('syncNow');
    expect(cancelCalls(h)).toHaveLength(1);
  });

  it('a retailer cancel request before shipping is accepted in both systems with CXSC', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('cancelled');
    expect(cancelCalls(h)[0].body.lineItems.every((l) => l.cancelCode === 'CXSC')).toBe(true);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled' });
    expect(h.dsco.violations).toEqual([]);
  });

  it('a retailer cancel request after shipping is flagged for a person, and nothing is cancelled', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.ss.shipOrder(ssId(o.dscoOrderId), { trackingNumber: '1ZSHIPPED', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)!.status).toBe('Shipped');
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(cancelCalls(h)).toHaveLength(0);
    expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('shipped');
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    expect(h.row(o.dscoOrderId)!.error).toMatch(/asked to cancel \(code CXRR\), but the order has already shipped. Answer the request in DSCO/);
    h.call('retryFailed'); // the person answered it in DSCO
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', error: '' });
  });

  it('a retailer cancel request on an order shipped in ShipStation but not yet reported is flagged, not cancelled', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.ss.shipOrder(ssId(o.dscoOrderId), { trackingNumber: '1ZRACE', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(cancelCalls(h)).toHaveLength(0);
    expect(h.row(o.dscoOrderId)!.tracking).toBe('1ZRACE');
    // Sending the tracking updated the DSCO order after this cycle's window; the next cycle sees the request.
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(cancelCalls(h)).toHaveLength(0);
    expect(h.row(o.dscoOrderId)!.error).toMatch(/asked to cancel .*already shipped/);
  });
});

describe('retrying a failed ShipStation cancel', () => {
  it('after a cancel request, Retry failed orders cancels in ShipStation and answers the request in DSCO', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.ss.faults.enqueue({ path: '/orders/createorder', status: 400, body: '{"Message":"The request is invalid."}', count: 1 });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Error' });
    expect(h.row(o.dscoOrderId)!.error).toMatch(/Could not cancel the ShipStation order \(retailer cancel request CXRR\)/);
    expect(cancelCalls(h)).toHaveLength(0);
    h.call('retryFailed');
    expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('cancelled');
    expect(cancelCalls(h)).toHaveLength(1);
    expect(cancelCalls(h)[0].body.lineItems.every((l) => l.cancelCode === 'CXSC')).toBe(true);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
    expect(h.dsco.orders.get(o.dscoOrderId)!.dscoStatus).toBe('cancelled');
  });

  it('after a retailer cancel, Retry failed orders cancels in ShipStation and sends nothing to DSCO', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    h.ss.faults.enqueue({ path: '/orders/createorder', status: 400, body: '{"Message":"The request is invalid."}', count: 1 });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    h.call('retryFailed');
    expect(h.ss.orders.get(ssId(o.dscoOrderId))!.orderStatus).toBe('cancelled');
    expect(cancelCalls(h)).toHaveLength(0);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
  });
});
