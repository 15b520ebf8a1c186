import { describe, expect, it } from 'vitest';
import { createEngineHarness as createHarness } from '../../support/engine-harness';
import { type Backend, BACKENDS } from '../../../sandbox/shipstation-backend';
import { ordersInShipStation } from '../../support/orders-in-shipstation';

const MIN = 60_000;

const createdOn = ordersInShipStation;

const cancelCalls = (h: ReturnType<typeof createHarness>) =>
  h.dsco.requests.filter((r) => r.path === '/order/item/cancel') as { body: { id: string; lineItems: { lineNumber: number; cancelledQuantity: number; cancelCode: string }[] } }[];

describe.each(BACKENDS)('cancellations (API %s)', (backend: Backend) => {
  const created = (n = 1) => createdOn(backend, n);

  it('DSCO → ShipStation: an order the retailer cancelled is cancelled in ShipStation and the row says Cancelled', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.shop.order(o.dscoOrderId).status).toBe('cancelled');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', flow: 'DSCO → SS' });
    expect(cancelCalls(h)).toHaveLength(0);
    if (backend === 'v1') {
      // the full order was re-sent, not a partial one
      const update = h.ss.requests.filter((r) => r.path === '/orders/createorder').pop()!.body as { items: unknown[]; shipTo: { name: string } };
      expect(update.items).toHaveLength(2);
      expect(update.shipTo.name).toBe('Jane Doe');
    } else {
      // V2's own cancel call, the order kept as it was
      expect(h.ssV2.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([`/v2/shipments/se-${ssId(o.dscoOrderId)}/cancel`]);
    }
    expect(h.shop.violations()).toEqual([]);
  });

  it('ShipStation → DSCO: an order cancelled in ShipStation has every open line cancelled in DSCO with the configured code', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.shop.cancelInUi(ssId(o.dscoOrderId));
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
    const { h, orders } = created();
    const o = orders[0];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.shop.order(o.dscoOrderId).status).toBe('cancelled');
    expect(cancelCalls(h)[0].body.lineItems.every((l) => l.cancelCode === 'CXSC')).toBe(true);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled' });
    expect(h.dsco.violations).toEqual([]);
  });

  it('a retailer cancel request after shipping is flagged for a person, and nothing is cancelled', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.shop.ship(ssId(o.dscoOrderId), { trackingNumber: '1ZSHIPPED', carrierCode: 'ups', serviceCode: 'ups_ground' });
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)!.status).toBe('Shipped');
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(cancelCalls(h)).toHaveLength(0);
    expect(h.shop.order(o.dscoOrderId).status).toBe('shipped');
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    expect(h.row(o.dscoOrderId)!.error).toMatch(/asked to cancel \(code CXRR\), but the order has already shipped. Answer the request in DSCO/);
    h.call('retryFailed'); // the person answered it in DSCO
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', error: '' });
  });

  it('a retailer cancel request on an order shipped in ShipStation but not yet reported is flagged, not cancelled', () => {
    const { h, orders, ssId } = created();
    const o = orders[0];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.shop.ship(ssId(o.dscoOrderId), { trackingNumber: '1ZRACE', carrierCode: 'ups', serviceCode: 'ups_ground' });
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

describe.each(BACKENDS)('retrying a failed ShipStation cancel (API %s)', (backend: Backend) => {
  const created = (n = 1) => createdOn(backend, n);

  it('after a cancel request, Retry failed orders cancels in ShipStation and answers the request in DSCO', () => {
    const { h, orders } = created();
    const o = orders[0];
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXRR');
    h.shop.refuseNextCancel();
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Error' });
    expect(h.row(o.dscoOrderId)!.error).toMatch(/Could not cancel the ShipStation order \(retailer cancel request CXRR\)/);
    expect(cancelCalls(h)).toHaveLength(0);
    h.call('retryFailed');
    expect(h.shop.order(o.dscoOrderId).status).toBe('cancelled');
    expect(cancelCalls(h)).toHaveLength(1);
    expect(cancelCalls(h)[0].body.lineItems.every((l) => l.cancelCode === 'CXSC')).toBe(true);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
    expect(h.dsco.orders.get(o.dscoOrderId)!.dscoStatus).toBe('cancelled');
  });

  it('after a retailer cancel, Retry failed orders cancels in ShipStation and sends nothing to DSCO', () => {
    const { h, orders } = created();
    const o = orders[0];
    h.dsco.retailerCancel(o.dscoOrderId, 'CXRR');
    h.shop.refuseNextCancel();
    h.clock.advance(MIN);
    h.call('syncNow');
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    h.call('retryFailed');
    expect(h.shop.order(o.dscoOrderId).status).toBe('cancelled');
    expect(cancelCalls(h)).toHaveLength(0);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
  });
});
