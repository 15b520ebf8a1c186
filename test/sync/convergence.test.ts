import { describe, expect, it } from 'vitest';
import { createEngineHarness as createHarness, ENGINE_STORE_ID as STORE_ID } from '../support/engine-harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
type H = ReturnType<typeof createHarness>;

function setup(opts: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(opts);
  h.install();
  return h;
}
const ssOrder = (h: H, id: string) => [...h.ss.orders.values()].find((o) => o.orderKey === id)!;
const sync = (h: H, after = 15 * MIN, fn: 'syncNow' | 'retryFailed' = 'syncNow') => {
  h.clock.advance(after);
  return h.call<{ message: string }>(fn);
};
const shipmentsFor = (h: H, id: string) =>
  h.dsco.requests
    .filter((r) => r.path === '/order/singleShipment' && (r.body as { dscoOrderId: string }).dscoOrderId === id)
    .map((r) => (r.body as { shipments: { trackingNumber: string; lineItems: { lineNumber: number; quantity: number; packageSpanFlag?: boolean }[] }[] }).shipments[0]);
const cancelsFor = (h: H, id: string) => h.dsco.requests.filter((r) => r.path === '/order/item/cancel' && (r.body as { id: string }).id === id);

/** One explicit test for each problem of the convergence issue, on the built bundle. */
describe('convergence', () => {
  it('1. a row flagged for a person still gets its tracking sent; Retry hours later clears it to Shipped', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A' }, { quantity: 1, sku: 'B' }] });
    sync(h, MIN);
    h.dsco.retailerCancelLines(o.dscoOrderId, [{ lineNumber: 2, quantity: 1 }]);
    sync(h);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Error', error: expect.stringMatching(/retailer cancelled line 2 × 1/) });
    // The warehouse removes line 2 and ships line 1 while the row waits for a person.
    h.ss.shipOrder(ssOrder(h, o.dscoOrderId).orderId!, { trackingNumber: '1ZFLAGGED', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '1', quantity: 1 }] });
    sync(h);
    expect(shipmentsFor(h, o.dscoOrderId).map((s) => s.trackingNumber)).toEqual(['1ZFLAGGED']);
    expect(h.dsco.orders.get(o.dscoOrderId)!.lineItems[0].shippedQuantity).toBe(1);
    expect(h.row(o.dscoOrderId)!.status).toBe('Error'); // still waiting for the person
    sync(h, 3 * HOUR, 'retryFailed');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', error: '', units: '2 ordered · 1 shipped · 1 cancelled' });
    expect(shipmentsFor(h, o.dscoOrderId)).toHaveLength(1);
  });

  it('1b. a flagged order cancelled in ShipStation gets its open lines cancelled in DSCO', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1 }, { quantity: 2 }] });
    sync(h, MIN);
    h.dsco.retailerCancelLines(o.dscoOrderId, [{ lineNumber: 1, quantity: 1 }]);
    sync(h);
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    h.ss.cancelOrder(ssOrder(h, o.dscoOrderId).orderId!);
    sync(h);
    const line2 = h.dsco.orders.get(o.dscoOrderId)!.lineItems[1];
    expect(line2).toMatchObject({ cancelledQuantity: 2, cancelCode: 'CXSO' });
    sync(h, 3 * HOUR, 'retryFailed');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
  });

  it('2. units the retailer cancelled before import are not sent to ship; an order with nothing open is not created', () => {
    const h = setup();
    const partly = h.dsco.seedOrder({ lineItems: [{ quantity: 3, sku: 'A', cancelledQuantity: 1 }, { quantity: 2, sku: 'B', cancelledQuantity: 2 }] });
    const gone = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'C', cancelledQuantity: 1 }] });
    sync(h, MIN);
    expect(ssOrder(h, partly.dscoOrderId).items.map((i) => [i.lineItemKey, i.quantity])).toEqual([['1', 2]]);
    expect(h.row(partly.dscoOrderId)).toMatchObject({ status: 'Sent to SS', units: '5 ordered · 3 cancelled' });
    expect(ssOrder(h, gone.dscoOrderId)).toBeUndefined();
    expect(h.row(gone.dscoOrderId)).toMatchObject({ status: 'Cancelled', units: '1 ordered · 1 cancelled' });
  });

  it('3. a cancellation that becomes searchable minutes late, or never, is still carried to ShipStation', () => {
    const h = setup();
    const late = h.dsco.seedOrder();
    const never = h.dsco.seedOrder();
    const other = h.dsco.seedOrder();
    sync(h, 10 * MIN);
    h.clock.advance(MIN); // DSCO has applied the acknowledgements
    h.dsco.retailerCancel(late.dscoOrderId);
    h.dsco.delayUpdateSearch(late.dscoOrderId, 5 * MIN);
    h.dsco.hideUpdatesFromSearch(never.dscoOrderId);
    h.dsco.retailerCancel(never.dscoOrderId);
    h.clock.advance(MIN);
    h.dsco.retailerChangeAddress(other.dscoOrderId, { phone: '555-0100' }); // a later change, searchable at once
    sync(h, MIN); // late's change is not searchable yet; the watermark moves past it, to other's
    expect(ssOrder(h, late.dscoOrderId).orderStatus).toBe('awaiting_shipment');
    sync(h, 15 * MIN); // the overlap reads it again
    expect(ssOrder(h, late.dscoOrderId).orderStatus).toBe('cancelled');
    expect(h.row(late.dscoOrderId)!.status).toBe('Cancelled');
    // never: only the reconciliation sweep (by ID) can see it; within reconcileHours it does.
    for (let t = 0; t < 24 * HOUR && ssOrder(h, never.dscoOrderId).orderStatus !== 'cancelled'; t += HOUR) sync(h, HOUR);
    expect(ssOrder(h, never.dscoOrderId).orderStatus).toBe('cancelled');
    expect(h.row(never.dscoOrderId)!.status).toBe('Cancelled');
    expect(h.logs().some((l) => l.dscoOrderId === never.dscoOrderId && /^Repaired by the daily check: the retailer cancelled/.test(l.message))).toBe(true);
    expect(h.dsco.violations).toEqual([]);
  });

  it('4. a corrected ship-to address reaches the unshipped ShipStation order, keeping a person\'s edits', () => {
    const h = setup();
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    const ss = ssOrder(h, o.dscoOrderId);
    h.ss.editOrder(ss.orderId!, { internalNotes: 'fragile', tagIds: [3] });
    h.dsco.retailerChangeAddress(o.dscoOrderId, { address: ['77 New Street'], city: 'Springfield', postal: '62704' });
    sync(h);
    expect(ssOrder(h, o.dscoOrderId)).toMatchObject({ shipTo: expect.objectContaining({ street1: '77 New Street', city: 'Springfield', postalCode: '62704' }), internalNotes: 'fragile', tagIds: [3] });
    expect(h.ss.orders.size).toBe(1);
    expect(h.row(o.dscoOrderId)!.status).toBe('Sent to SS');
  });

  it('4b. an address corrected after the order shipped is put to a person', () => {
    const h = setup();
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    h.ss.shipOrder(ssOrder(h, o.dscoOrderId).orderId!, { trackingNumber: '1ZADDR', carrierCode: 'ups', serviceCode: 'ups_ground' });
    sync(h);
    h.dsco.retailerChangeAddress(o.dscoOrderId, { city: 'Elsewhere' });
    sync(h);
    expect(h.row(o.dscoOrderId)!.error).toMatch(/corrected the ship-to address after the order shipped/);
  });

  it('5. cancelled in ShipStation after one of two lines shipped: DSCO gets the shipment and the line cancel, the row says Shipped', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1 }, { quantity: 1 }] });
    sync(h, MIN);
    const id = ssOrder(h, o.dscoOrderId).orderId!;
    h.ss.shipOrder(id, { trackingNumber: '1ZHALF', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '1', quantity: 1 }] });
    h.ss.cancelOrder(id);
    sync(h);
    const lines = h.dsco.orders.get(o.dscoOrderId)!.lineItems;
    expect(lines.map((l) => [l.shippedQuantity ?? 0, l.cancelledQuantity ?? 0])).toEqual([[1, 0], [0, 1]]);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', units: '2 ordered · 1 shipped · 1 cancelled' });
  });

  it('6. one line shipped in several packages sets packageSpanFlag on each package', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 3 }] });
    sync(h, MIN);
    const id = ssOrder(h, o.dscoOrderId).orderId!;
    h.ss.shipOrder(id, { trackingNumber: '1ZP1', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '1', quantity: 2 }] });
    sync(h);
    h.ss.shipOrder(id, { trackingNumber: '1ZP2', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '1', quantity: 1 }] });
    sync(h);
    const sent = shipmentsFor(h, o.dscoOrderId);
    expect(sent.map((s) => [s.trackingNumber, s.lineItems[0].quantity, s.lineItems[0].packageSpanFlag])).toEqual([['1ZP1', 2, true], ['1ZP2', 1, true]]);
    expect(h.row(o.dscoOrderId)!.status).toBe('Shipped');
  });

  it('6b. a whole line in one package does not set packageSpanFlag', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 2 }] });
    sync(h, MIN);
    h.ss.shipOrder(ssOrder(h, o.dscoOrderId).orderId!, { trackingNumber: '1ZWHOLE', carrierCode: 'ups', serviceCode: 'ups_ground' });
    sync(h);
    expect(shipmentsFor(h, o.dscoOrderId)[0].lineItems[0].packageSpanFlag).toBeUndefined();
  });

  it('7. a 202 line cancel is confirmed in /order/log before it counts', () => {
    const h = setup({ dsco: { cancelMode: 'async' } });
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    h.ss.cancelOrder(ssOrder(h, o.dscoOrderId).orderId!);
    sync(h);
    expect(cancelsFor(h, o.dscoOrderId)).toHaveLength(1);
    expect(h.row(o.dscoOrderId)!.status).toBe('Sent to SS'); // sent, not yet confirmed
    sync(h);
    expect(h.dsco.requests.some((r) => r.path === '/order/log' && r.query.requestId)).toBe(true);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
    expect(h.logs().some((l) => /DSCO confirmed the cancellation \(code CXSO\)/.test(l.message))).toBe(true);
    expect(cancelsFor(h, o.dscoOrderId)).toHaveLength(1);
  });

  it('7b. after a lost answer, DSCO is read before any resend: no second cancel, no false Error row', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 2 }] });
    sync(h, MIN);
    h.ss.cancelOrder(ssOrder(h, o.dscoOrderId).orderId!);
    h.dsco.faults.enqueue({ path: '/order/item/cancel', status: 504, count: 1, applyRequest: true });
    sync(h);
    expect(h.dsco.orders.get(o.dscoOrderId)!.lineItems[0].cancelledQuantity).toBe(2);
    expect(h.row(o.dscoOrderId)!.status).not.toBe('Error');
    sync(h);
    expect(cancelsFor(h, o.dscoOrderId)).toHaveLength(1);
    expect(h.dsco.requests.some((r) => r.path === '/order/' && r.query.value?.[0] === o.dscoOrderId)).toBe(true);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
  });

  it('7c. a retried DSCO cancel uses the code of the first attempt', () => {
    const h = setup();
    const o = h.dsco.seedOrder();
    sync(h, MIN);
    h.dsco.retailerCancelRequest(o.dscoOrderId, 'CXSD');
    h.dsco.faults.enqueue({ path: '/order/item/cancel', status: 400, body: JSON.stringify({ status: 'failure', messages: [{ code: 'VALIDATION_FAILED', description: 'try later' }] }), count: 1 });
    sync(h);
    expect(h.row(o.dscoOrderId)!.error).toMatch(/code CXSD/);
    sync(h, 2 * HOUR, 'retryFailed');
    const codes = cancelsFor(h, o.dscoOrderId).map((r) => (r.body as { lineItems: { cancelCode: string }[] }).lineItems[0].cancelCode);
    expect(codes).toEqual(['CXSD', 'CXSD']);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Cancelled', error: '' });
  });

  it('8. the bulk retailer-cancel path keeps a person\'s edits in ShipStation (see also bulk-cancel.test.ts)', () => {
    const h = setup();
    const orders = Array.from({ length: 10 }, () => h.dsco.seedOrder());
    sync(h, MIN);
    const first = ssOrder(h, orders[0].dscoOrderId);
    h.ss.editOrder(first.orderId!, { internalNotes: 'gift wrap', customerNotes: 'leave at door' });
    for (const o of orders) h.dsco.retailerCancel(o.dscoOrderId);
    sync(h);
    expect(h.ss.requests.filter((r) => r.path === '/orders/createorders').length).toBe(2); // the create, then one bulk cancel
    expect(ssOrder(h, orders[0].dscoOrderId)).toMatchObject({ orderStatus: 'cancelled', internalNotes: 'gift wrap', customerNotes: 'leave at door', advancedOptions: expect.objectContaining({ storeId: STORE_ID }) });
  });

  it('a quiet book: the sweep verifies every open order within reconcileHours, at a bounded cost a run', () => {
    const h = setup();
    const orders = Array.from({ length: 30 }, () => h.dsco.seedOrder());
    sync(h, MIN);
    const before = h.dsco.requests.filter((r) => r.path === '/order/').length;
    for (let i = 0; i < 24; i++) sync(h, HOUR);
    const byId = h.dsco.requests.filter((r) => r.path === '/order/').slice(before).map((r) => r.query.value?.[0]);
    for (const o of orders) expect(byId).toContain(o.dscoOrderId);
    // 30 open orders over 24 hourly runs: ceil(30 / 24) = 2 a run
    expect(byId.length).toBeLessThanOrEqual(24 * 2);
  });

  it('the sweep reads by order only the ShipStation orders ShipStation shows changed; one list call covers the rest', () => {
    const h = setup();
    const orders = Array.from({ length: 30 }, () => h.dsco.seedOrder());
    sync(h, MIN);
    // Later, a person puts a note on one order (modifyDate moves); nothing happens to the others.
    h.clock.advance(10 * MIN);
    const edited = ssOrder(h, orders[0].dscoOrderId);
    h.ss.editOrder(edited.orderId!, { internalNotes: 'call the customer' });
    const before = h.ss.requests.length;
    for (let i = 0; i < 24; i++) sync(h, HOUR);
    const reads = h.ss.requests.slice(before);
    const byOrder = reads.filter((r) => /^\/orders\/\d+$/.test(r.path)).map((r) => Number(r.path.split('/')[2]));
    // Only the edited order is read by ID; each run's check of the others is one list page.
    expect(byOrder).toEqual([edited.orderId]);
    const lists = reads.filter((r) => r.path === '/orders' && String(r.query.orderStatus) === 'awaiting_shipment');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.length).toBeLessThanOrEqual(24);
    // DSCO's side is still read by ID for every open order within the window.
    const dscoById = h.dsco.requests.filter((r) => r.path === '/order/').map((r) => r.query.value?.[0]);
    for (const o of orders) expect(dscoById).toContain(o.dscoOrderId);
  });

  it('a label the shipments feed never shows is still found by the sweep: it moves the order\'s modifyDate', () => {
    const h = setup();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A' }, { quantity: 1, sku: 'B' }] });
    sync(h, MIN);
    const ss = ssOrder(h, o.dscoOrderId);
    // Later, part of the order ships: it stays awaiting shipment, and the label is hidden from the feed.
    h.clock.advance(10 * MIN);
    const shipment = h.ss.shipOrder(ss.orderId!, { trackingNumber: '1ZHIDDEN', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '1', quantity: 1 }] });
    h.ss.hideShipmentFromFeeds(shipment.shipmentId);
    for (let i = 0; i < 25; i++) sync(h, HOUR);
    expect(shipmentsFor(h, o.dscoOrderId).map((s) => s.trackingNumber)).toEqual(['1ZHIDDEN']);
  });
});
