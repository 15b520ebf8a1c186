import { describe, expect } from 'vitest';
import { dscoPackages, expectNoDuplicates, expectNoLostOrders, ssOrderOf } from './support/invariants';
import { MIN, type Rig } from './support/rig';
import { checkAfterFault, faultScenario, reliabilityTest, settleAndCheck, stageWorkload, UPS } from './support/scenario';

/** Refusals and late answers that belong to the business, not the network: they must end as a clear row. */

const ssIdOf = (r: Rig, id: string) => ssOrderOf(r, id)!.orderId;
const isCreateorders = (req: { url: string; method: string }) => req.method === 'POST' && /\/orders\/createorders$/.test(req.url);

describe('createorders batches with refused orders', () => {
  reliabilityTest('faults', 'an order already shipped in ShipStation (a run died after creating it; the warehouse shipped it before the next run)', ({ rig }) => {
    const r = rig();
    r.install();
    const a = r.seedOrder().dscoOrderId;
    const b = r.seedOrder().dscoOrderId;
    r.clock.advance(MIN);
    r.killAfter(isCreateorders);
    expect(r.sync().killed).toBe(true);
    expect(r.dashboard()).toEqual([]); // nothing reached the sheet
    r.ss.shipOrder(ssIdOf(r, a), { trackingNumber: `1Z${a}`, ...UPS });
    r.clock.advance(5 * MIN);
    r.sync();
    checkAfterFault(r);
    settleAndCheck(r);
    expect(r.row(a)).toMatchObject({ status: 'Shipped', tracking: `1Z${a}` });
    expect(r.row(b)!.status).toBe('Sent to SS');
    expect(r.dsco.orders.get(a)!.dscoLifecycle).not.toBe('created');
    expect(r.logs().some((l) => l.dscoOrderId === a && /Already in ShipStation/.test(l.message))).toBe(true);
  });

  reliabilityTest('faults', 'an order already cancelled in ShipStation (a run died after creating it; someone cancelled it before the next run)', ({ rig }) => {
    const r = rig();
    r.install();
    const a = r.seedOrder().dscoOrderId;
    const b = r.seedOrder().dscoOrderId;
    r.clock.advance(MIN);
    r.killAfter(isCreateorders);
    expect(r.sync().killed).toBe(true);
    r.ss.cancelOrder(ssIdOf(r, a));
    r.clock.advance(5 * MIN);
    r.sync();
    checkAfterFault(r);
    settleAndCheck(r);
    expect(r.row(a)!.status).toBe('Cancelled');
    expect(r.dsco.orders.get(a)!.dscoStatus).toBe('cancelled');
    expect(r.row(b)!.status).toBe('Sent to SS');
  });

  reliabilityTest('faults', 'one order ShipStation refuses (400 for the whole batch): only that one becomes an Error row', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    const bad = r.seedOrder({ shipping: { region: 'ZZ' } }).dscoOrderId;
    const others = Array.from({ length: 150 }, () => r.seedOrder().dscoOrderId);
    r.clock.advance(MIN);
    // ShipStation's model validation refuses the whole request when one order in it is invalid.
    const keys = (body: string) => (JSON.parse(body) as { orderKey: string }[]).map((o) => o.orderKey);
    r.wire.enqueue({
      kind: 'ss-batch-400',
      service: 'ss',
      method: 'POST',
      path: '/orders/createorders',
      count: 1000,
      when: (req) => keys(req.body).includes(bad),
      answer: (req) => ({
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Message: 'The request is invalid.', ModelState: { [`apiOrders[${keys(req.body).indexOf(bad)}].shipTo.state`]: ['State ZZ is not a valid state.'] } }),
      }),
    });
    const before = r.ss.orders.size;
    r.sync();
    // Orders of refused requests were never created by that request; the good ones went through in smaller ones.
    expect(r.ss.orders.size - before).toBeGreaterThanOrEqual(others.length);
    expect(r.row(bad)).toMatchObject({ status: 'Error' });
    expect(r.row(bad)!.error).toMatch(/State ZZ is not a valid state/);
    expect(others.every((id) => r.row(id)?.status === 'Sent to SS')).toBe(true);
    // The person corrects the order; Retry failed orders creates it.
    r.wire.clear();
    r.clock.advance(MIN);
    r.sync('retryFailed');
    settleAndCheck(r);
    expect(r.row(bad)!.status).toBe('Sent to SS');
    for (const [id, status] of w.expected) expect(r.row(id)!.status).toBe(status);
  });
});

describe('acknowledgements', () => {
  reliabilityTest('faults', 'DSCO applies acknowledgements 40 minutes late', ({ rig }) => {
    faultScenario(rig({ dscoAsyncDelayMs: 40 * MIN }), (r) => r.jumpAfter(() => true, 0, 'dsco-ack-late'), { faultCycles: 3 });
  });

  reliabilityTest('faults', 'DSCO reports an acknowledgement as failed, once', ({ rig }) => {
    let target = '';
    faultScenario(rig(), (r) => {
      target = r.seeded.at(-1)!;
      r.dsco.failNextAcknowledge([target], 'Order is locked by another process');
      r.jumpAfter((req) => /\/order\/acknowledge/.test(req.url), 0, 'dsco-ack-failed');
    }, { faultCycles: 2 });
    expect(target).not.toBe('');
  });

  reliabilityTest('faults', 'DSCO reports an acknowledgement as failed every time: the row says so until DSCO accepts', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    const target = r.seeded.at(-1)!;
    for (let i = 0; i < 5; i++) {
      r.dsco.failNextAcknowledge([target], 'Order is locked by another process');
      r.jumpAfter((req) => /\/order\/acknowledge/.test(req.url), 0, 'dsco-ack-failed');
      r.sync();
      checkAfterFault(r);
      r.clock.advance(16 * MIN);
    }
    r.dsco.processAsync();
    expect(r.row(target)).toMatchObject({ status: 'Error' });
    expect(r.row(target)!.error).toMatch(/DSCO did not accept the acknowledgement: Order is locked by another process/);
    expectNoLostOrders(r);
    expect(ssOrderOf(r, target)).toBeDefined();
    settleAndCheck(r);
    expect(r.row(target)!.status).toBe('Sent to SS');
  });

  reliabilityTest('faults', 'a cancel request accepted in the same cycle as the acknowledgement: DSCO refusing the acknowledgement of the cancelled order leaves the row Cancelled', ({ rig }) => {
    const r = rig();
    r.install();
    const id = r.seedOrder().dscoOrderId;
    r.clock.advance(MIN);
    r.dsco.retailerCancelRequest(id);
    r.clock.advance(MIN);
    r.jumpAfter((req) => /\/order\/acknowledge/.test(req.url), 0, 'dsco-ack-refused-order-cancelled');
    r.sync(); // creates, acknowledges, then accepts the cancel request: DSCO then refuses the acknowledgement
    expect(r.row(id)!.status).toBe('Cancelled');
    for (let i = 0; i < 3; i++) {
      r.clock.advance(MIN);
      r.sync();
      expect(r.row(id)!.status).toBe('Cancelled');
    }
    expect(r.dsco.requests.filter((q) => q.path === '/order/acknowledge')).toHaveLength(1);
    settleAndCheck(r);
  });

  reliabilityTest('faults', 'a late acknowledgement failure does not overwrite a row flagged for a person', ({ rig }) => {
    const r = rig({ dscoAsyncDelayMs: 40 * MIN });
    r.install();
    const id = r.seedOrder().dscoOrderId;
    r.clock.advance(MIN);
    r.sync();
    const label = r.ss.shipOrder(ssIdOf(r, id), { trackingNumber: '1ZVOID', ...UPS });
    r.figures.shipments++;
    r.clock.advance(MIN);
    r.sync();
    expect(r.row(id)!.status).toBe('Shipped');
    r.ss.voidShipment(label.shipmentId);
    r.clock.advance(MIN);
    r.sync();
    const flag = r.row(id)!.error;
    expect(flag).toMatch(/1ZVOID was voided after its tracking number was sent/);
    r.dsco.failNextAcknowledge([id], 'Acknowledgement failed in DSCO');
    r.jumpAfter(() => true, 0, 'dsco-ack-failed-late');
    r.clock.advance(45 * MIN);
    r.sync();
    expect(r.row(id)).toMatchObject({ status: 'Error', error: flag });
    expect(r.logs().some((l) => l.dscoOrderId === id && /Acknowledgement failed in DSCO\. None is needed any more: nothing is left open on the order/.test(l.message))).toBe(true);
    settleAndCheck(r, { allowError: (x, e) => x === id && e === flag });
  });

  reliabilityTest('faults', 'DSCO refuses the acknowledgement request (400)', ({ rig }) => {
    faultScenario(rig(), (r) =>
      r.wire.enqueue({ kind: 'dsco-ack-400', service: 'dsco', path: '/order/acknowledge', status: 400, body: '{"messages":[{"code":"VALIDATION_FAILED","severity":"error","description":"supplierOrderNumber is invalid"}]}', count: 2 }),
    );
  });
});

describe('shipments', () => {
  reliabilityTest('faults', 'a label voided after its tracking was sent is flagged for a person, and never sent again', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    r.sync();
    const [full] = [...w.tracking.keys()];
    const shipment = r.ss.shipments.find((s) => s.orderKey === full && !s.voided)!;
    expect(dscoPackages(r.dsco.orders.get(full!)).has(shipment.trackingNumber)).toBe(true);
    r.ss.voidShipment(shipment.shipmentId);
    r.jumpAfter(() => true, 0, 'ss-label-voided-after-push');
    r.clock.advance(MIN);
    r.sync();
    checkAfterFault(r);
    const flagged = (id: string, error: string) => id === full && error.includes(shipment.trackingNumber) && /voided after its tracking number was sent/.test(error);
    settleAndCheck(r, { allowError: flagged });
    expect(r.row(full!)!.status).toBe('Error');
    expect(r.row(full!)!.error).toMatch(/Correct the shipment in DSCO, then use Retry failed orders/);
    expectNoDuplicates(r);
  });

  // Regression "fulfillment-after-label" (fixed in push-tracking.ts: quantities planned earlier in the cycle are not claimed twice).
  reliabilityTest(
    'faults',
    'a label for one unit and "Mark as shipped" for the rest, seen in one cycle, both reach DSCO',
    ({ rig }) => {
      const r = rig();
      r.install();
      r.sim.spreadsheet.getSheetByName('Carrier Map')!.appendRow(['ups', '', 'UPS', 'Ground', 'UPCG']);
      const id = r.seedOrder({ lineItems: [{ quantity: 2 }] }).dscoOrderId;
      r.clock.advance(MIN);
      r.sync();
      r.ss.shipOrder(ssIdOf(r, id), { trackingNumber: '1ZONE', ...UPS, items: [{ lineItemKey: '1', quantity: 1 }] });
      r.ss.markShippedWithoutLabel(ssIdOf(r, id), { trackingNumber: '1ZREST', carrierCode: 'ups' });
      r.figures.shipments += 2;
      r.clock.advance(MIN);
      r.sync();
      expect(r.row(id)!.error).toBe('');
      expect(r.row(id)).toMatchObject({ status: 'Shipped', tracking: '1ZONE, 1ZREST' });
    },
  );

  reliabilityTest('faults', 'a label voided before it was sent is never sent; its replacement is', ({ rig }) => {
    const r = rig();
    r.install();
    const id = r.seedOrder().dscoOrderId;
    r.clock.advance(MIN);
    r.sync();
    const first = r.ss.shipOrder(ssIdOf(r, id), { trackingNumber: 'VOIDED-1', ...UPS });
    r.ss.voidShipment(first.shipmentId);
    r.ss.shipOrder(ssIdOf(r, id), { trackingNumber: 'GOOD-2', ...UPS });
    r.figures.shipments += 2;
    r.jumpAfter(() => true, 0, 'ss-label-voided-before-push');
    r.clock.advance(MIN);
    r.sync();
    settleAndCheck(r);
    expect(r.row(id)).toMatchObject({ status: 'Shipped', tracking: 'GOOD-2' });
    expect(dscoPackages(r.dsco.orders.get(id))).toEqual(new Set(['GOOD-2']));
  });

  reliabilityTest('faults', 'DSCO refuses a shipment (a retailer rule): Error row, then Retry failed orders once fixed', ({ rig }) => {
    const r = rig();
    const w = stageWorkload(r);
    let strict = true;
    r.dsco.requireShipFields((s) => (strict && !s.shipCost ? 'shipCost is required by this retailer' : null));
    r.jumpAfter((req) => /hipment/i.test(req.url), 0, 'dsco-shipment-400');
    r.sync();
    checkAfterFault(r);
    const refused = [...w.tracking.keys()].filter((id) => r.row(id)!.status === 'Error');
    expect(refused.length).toBeGreaterThan(0);
    for (const id of refused) expect(r.row(id)!.error).toMatch(/DSCO refused tracking .*shipCost is required by this retailer/);
    strict = false;
    r.clock.advance(MIN);
    r.sync('retryFailed');
    settleAndCheck(r);
    for (const [id, status] of w.expected) expect(r.row(id)!.status, id).toBe(status);
  });
});

describe('cancellations', () => {
  reliabilityTest('faults', 'the retailer cancels the unshipped rest of a partly shipped order: ShipStation does not ship it', ({ rig }) => {
    const r = rig();
    r.install();
    const id = r.seedOrder({ lineItems: [{ quantity: 2 }] }).dscoOrderId;
    r.clock.advance(MIN);
    r.sync();
    r.ss.shipOrder(ssIdOf(r, id), { trackingNumber: '1ZHALF', ...UPS, items: [{ lineItemKey: '1', quantity: 1 }] });
    r.figures.shipments++;
    r.clock.advance(MIN);
    r.sync();
    expect(r.row(id)).toMatchObject({ status: 'Sent to SS', tracking: '1ZHALF' });
    r.dsco.retailerCancel(id);
    r.jumpAfter(() => true, 0, 'dsco-retailer-cancels-rest');
    r.clock.advance(MIN);
    r.sync();
    expect(ssOrderOf(r, id)!.orderStatus).toBe('cancelled');
    expect(r.row(id)).toMatchObject({ status: 'Shipped', tracking: '1ZHALF' });
    settleAndCheck(r);
  });

  reliabilityTest('faults', 'the retailer cancels one line of an open two-line order: the row asks a person to adjust ShipStation', ({ rig }) => {
    const r = rig();
    r.install();
    const id = r.seedOrder({ lineItems: [{ quantity: 1 }, { quantity: 2 }] }).dscoOrderId;
    r.clock.advance(MIN);
    r.sync();
    // A line-level retailer cancel (the fake cancels whole orders only): line 2 fully cancelled.
    const o = r.dsco.orders.get(id)!;
    Object.assign(o.lineItems[1]!, { cancelledQuantity: 2, remainingQuantity: 0, status: 'cancelled', cancelCode: 'CXRR' });
    o.dscoLastUpdate = new Date(r.clock.now()).toISOString().replace('.000Z', '+00:00');
    r.jumpAfter(() => true, 0, 'dsco-retailer-cancels-a-line');
    r.clock.advance(MIN);
    r.sync();
    const row = r.row(id)!;
    expect(row.status).toBe('Error');
    expect(row.error).toMatch(/The retailer cancelled line 2 × 2 in DSCO; the rest of the order is still open\. Remove the cancelled units from the ShipStation order/);
    settleAndCheck(r, { allowError: (x) => x === id });
  });

  reliabilityTest('faults', 'DSCO refuses a line cancel (400): Error row naming the reason', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    r.wire.enqueue({
      kind: 'dsco-cancel-400',
      service: 'dsco',
      path: '/order/item/cancel',
      status: 400,
      body: JSON.stringify({ status: 'failure', requestId: 'x', eventDate: '2026-03-02T15:00:00Z', messages: [{ code: 'VALIDATION_FAILED', severity: 'error', description: 'Cancel code CXSO is not accepted by this retailer' }] }),
      count: 1,
    });
    r.sync();
    checkAfterFault(r);
    const failed = r.dashboard().filter((x) => x.status === 'Error');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/Could not cancel the order in DSCO with code .*Cancel code CXSO is not accepted by this retailer/);
    r.clock.advance(MIN);
    r.sync('retryFailed');
    settleAndCheck(r);
    const id = failed[0]!.dscoOrderId;
    expect(r.row(id)!.status).toBe('Cancelled');
    // The refused cancel was the acceptance of the retailer's cancel request: the retry answers it
    // with the retailer-request code, not the code for orders cancelled in ShipStation.
    expect(r.dsco.orders.get(id)!.lineItems.map((l) => [l.cancelCode, l.cancelledReason])).toEqual([['CXSC', 'Cancelled at retailer request (CXRR)']]);
    expect(r.dsco.orders.get(id)!.cancelRequested).toBe(false);
  });
});
