import { describe, expect, it } from 'vitest';
import { ordersInShipStation } from '../../support/orders-in-shipstation';
import { type Backend, BACKENDS } from '../../../sandbox/shipstation-backend';
import { DSCO_CANCEL_BATCH_MIN } from '../../../src/sync/cancellations/cancel-in-dsco-batch';

const MIN = 60_000;
const BATCH = '/order/item/cancel/batch/small';

/** n orders in ShipStation, then cancelled there by a person. */
function cancelledInShipStation(backend: Backend, n: number) {
  const { h, orders, ssId } = ordersInShipStation(backend, n);
  for (const o of orders) h.shop.cancelInUi(ssId(o.dscoOrderId));
  h.clock.advance(MIN);
  const ids = orders.map((o) => o.dscoOrderId);
  const calls = (path: string) => h.dsco.requests.filter((r) => r.method === 'POST' && r.path === path);
  return { h, ids, calls };
}

describe.each(BACKENDS)('ShipStation cancellations carried to DSCO in a batch (API %s)', (backend: Backend) => {
  it(`from ${DSCO_CANCEL_BATCH_MIN} orders, one batch call; each order counts as cancelled once DSCO's change log says so`, () => {
    const { h, ids, calls } = cancelledInShipStation(backend, DSCO_CANCEL_BATCH_MIN);
    h.call('syncNow');
    expect(calls('/order/item/cancel')).toHaveLength(0);
    expect(calls(BATCH)).toHaveLength(1);
    const body = calls(BATCH)[0].body as { id: string; lineItems: { lineNumber: number; cancelledQuantity: number; cancelCode: string }[] }[];
    expect(body.map((o) => o.id).sort()).toEqual([...ids].sort());
    expect(body[0].lineItems.map((l) => [l.lineNumber, l.cancelledQuantity, l.cancelCode])).toEqual([
      [1, 2, 'CXSO'],
      [2, 1, 'CXSO'],
    ]);
    // Submitted, not yet confirmed: the rows wait.
    for (const id of ids) expect(h.row(id)!.status).not.toBe('Cancelled');
    const requestId = h.record(ids[0])!.pendingCancel!.requestId!;
    expect(ids.map((id) => h.record(id)!.pendingCancel?.requestId)).toEqual(ids.map(() => requestId));
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    for (const id of ids) {
      expect(h.row(id)).toMatchObject({ status: 'Cancelled', flow: 'SS → DSCO', error: '' });
      expect(h.dsco.orders.get(id)!.dscoStatus).toBe('cancelled');
    }
    // One change-log read for the whole batch, and nothing sent again.
    expect(h.dsco.requests.filter((r) => r.path === '/order/log' && String(r.query.requestId) === requestId)).toHaveLength(1);
    h.clock.advance(60 * MIN);
    h.call('syncNow');
    expect(calls(BATCH)).toHaveLength(1);
    expect(h.dsco.violations).toEqual([]);
  });

  it('below the threshold, each order is cancelled on its own call', () => {
    const { h, ids, calls } = cancelledInShipStation(backend, DSCO_CANCEL_BATCH_MIN - 1);
    h.call('syncNow');
    expect(calls(BATCH)).toHaveLength(0);
    expect(calls('/order/item/cancel')).toHaveLength(ids.length);
    for (const id of ids) expect(h.row(id)!.status).toBe('Cancelled');
  });

  it('a batch whose answer was lost is not sent again until DSCO has been read, then once', () => {
    const { h, ids, calls } = cancelledInShipStation(backend, DSCO_CANCEL_BATCH_MIN);
    h.failNext('POST', BATCH, 'no answer');
    h.call('syncNow');
    expect(calls(BATCH)).toHaveLength(0); // it never reached DSCO
    h.clock.advance(5 * MIN);
    h.call('syncNow');
    expect(calls(BATCH)).toHaveLength(0); // pending: DSCO's orders are read first, within the grace period
    h.clock.advance(15 * MIN);
    h.call('syncNow'); // DSCO shows nothing: the pending cancellations are dropped...
    h.clock.advance(MIN);
    h.call('syncNow'); // ...and sent again, once
    expect(calls(BATCH)).toHaveLength(1);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    for (const id of ids) expect(h.row(id)!.status).toBe('Cancelled');
    expect(calls(BATCH)).toHaveLength(1);
  });

  it('a batch DSCO refuses as a whole is sent one order at a time, for an answer per order', () => {
    const { h, ids, calls } = cancelledInShipStation(backend, DSCO_CANCEL_BATCH_MIN);
    h.failNext('POST', BATCH, 400);
    h.call('syncNow');
    expect(calls('/order/item/cancel')).toHaveLength(DSCO_CANCEL_BATCH_MIN);
    for (const id of ids) expect(h.row(id)!.status).toBe('Cancelled');
    expect(h.logs().some((l) => l.message.includes(`refused a batch of ${DSCO_CANCEL_BATCH_MIN} cancellation(s) as a whole`))).toBe(true);
  });
});
