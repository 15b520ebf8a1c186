import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

const MIN = 60_000;
const BATCH = '/order/shipment/batch/small';

/**
 * `n` orders created in ShipStation, then shipped there with one label each; the batch threshold is
 * set low so that the engine sends them in an asynchronous batch.
 */
function shipped(n: number, threshold = '2') {
  const h = createHarness();
  h.install();
  h.sim.properties.script.setProperty('SHIPMENT_BATCH_THRESHOLD', threshold);
  const orders = Array.from({ length: n }, () => h.dsco.seedOrder());
  h.clock.advance(MIN);
  h.call('syncNow');
  h.clock.advance(10 * MIN);
  const tracking = new Map<string, string>();
  for (const o of orders) {
    const ss = [...h.ss.orders.values()].find((x) => x.orderKey === o.dscoOrderId)!;
    const t = `1ZB${o.dscoOrderId}`;
    h.ss.shipOrder(ss.orderId!, { trackingNumber: t, carrierCode: 'ups', serviceCode: 'ups_ground' });
    tracking.set(o.dscoOrderId, t);
  }
  h.clock.advance(MIN);
  return { h, ids: orders.map((o) => o.dscoOrderId), tracking };
}

type BatchBody = { dscoOrderId: string; shipments: { trackingNumber: string; lineItems: { lineNumber: number; quantity: number }[] }[] }[];
const batchCalls = (h: Harness) => h.dsco.requests.filter((r) => r.path === BATCH).map((r) => r.body as BatchBody);
const singleCalls = (h: Harness) => h.dsco.requests.filter((r) => r.path === '/order/singleShipment');
/** Every tracking number sent to DSCO, by any endpoint, in order. */
const sentTracking = (h: Harness) =>
  h.dsco.requests
    .filter((r) => r.path === BATCH || r.path === '/order/singleShipment')
    .flatMap((r) => (r.path === BATCH ? (r.body as BatchBody) : [r.body as BatchBody[number]]))
    .map((s) => s.shipments[0].trackingNumber);
const inDsco = (h: Harness, id: string) => (h.dsco.orders.get(id)!.packages ?? []).map((p) => p.trackingNumber);
const ledger = (h: Harness) => h.sim.readSheet('_Shipments').slice(1).filter((r) => String(r[0]) !== '');

describe('tracking in asynchronous batches (above the volume threshold)', () => {
  it('sends the shipments in one batch call, then records each once DSCO’s change log confirms it', () => {
    const { h, ids, tracking } = shipped(5);
    const first = h.call<{ message: string }>('syncNow');
    expect(singleCalls(h)).toHaveLength(0);
    const calls = batchCalls(h);
    expect(calls).toHaveLength(1);
    expect(calls[0].map((s) => s.dscoOrderId).sort()).toEqual([...ids].sort());
    expect(calls[0][0].shipments[0]).toMatchObject({ shipCarrier: 'UPS', shipMethod: 'Ground', shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] });
    // sent, not yet confirmed: the rows wait, nothing is in the ledger yet
    expect(first.message).toMatch(/^0 new, 0 shipped/);
    for (const id of ids) expect(h.row(id)!.status).toBe('Sent to SS');
    expect(ledger(h)).toHaveLength(0);
    expect(h.logs().some((l) => /Sent 5 tracking number\(s\) to DSCO in one batch/.test(l.message))).toBe(true);

    h.clock.advance(15 * MIN);
    const second = h.call<{ message: string }>('syncNow');
    expect(second.message).toMatch(/5 shipped/);
    for (const id of ids) {
      expect(h.row(id)).toMatchObject({ status: 'Shipped', tracking: tracking.get(id), flow: 'SS → DSCO' });
      expect(inDsco(h, id)).toEqual([tracking.get(id)]);
    }
    expect(ledger(h)).toHaveLength(5);
    expect(h.dsco.requests.filter((r) => r.path === '/order/log' && r.query.requestId)).not.toHaveLength(0);

    for (let i = 0; i < 3; i++) {
      h.clock.advance(30 * MIN);
      h.call('syncNow');
    }
    expect(sentTracking(h)).toHaveLength(5);
    expect(h.dsco.violations).toEqual([]);
  });

  it('a shipment DSCO refuses inside the batch ends as an Error row with DSCO’s reason; Retry failed orders sends it again', () => {
    const { h, ids, tracking } = shipped(3);
    let strict = true;
    const bad = tracking.get(ids[1])!;
    h.dsco.requireShipFields((s) => (strict && s.trackingNumber === bad ? 'Retailer requires a ship weight' : null));
    h.call('syncNow');
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(h.row(ids[0])!.status).toBe('Shipped');
    expect(h.row(ids[2])!.status).toBe('Shipped');
    expect(h.row(ids[1])).toMatchObject({ status: 'Error', error: expect.stringMatching(new RegExp(`DSCO refused tracking ${bad}: .*Retailer requires a ship weight`)) });
    // not sent again by itself
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    expect(sentTracking(h).filter((t) => t === bad)).toHaveLength(1);

    strict = false;
    h.clock.advance(MIN);
    h.call('retryFailed'); // one shipment: below the threshold, sent with singleShipment
    expect(h.row(ids[1])).toMatchObject({ status: 'Shipped', error: '' });
    expect(sentTracking(h).filter((t) => t === bad)).toHaveLength(2);
    expect(inDsco(h, ids[1])).toEqual([bad]);
    expect(h.dsco.violations).toEqual([]);
  });

  it('a batch whose answer is lost (DSCO took it) is found in the change log and never sent again', () => {
    const { h, ids, tracking } = shipped(4);
    h.dsco.faults.enqueue({ path: BATCH, status: 504, applyRequest: true });
    h.call('syncNow');
    expect(batchCalls(h)).toHaveLength(1);
    expect(h.logs().some((l) => /had no clear answer/.test(l.message))).toBe(true);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    for (const id of ids) expect(h.row(id)).toMatchObject({ status: 'Shipped', tracking: tracking.get(id) });
    expect(h.dsco.requests.some((r) => r.path === '/order/log' && r.query.startDate)).toBe(true);
    for (let i = 0; i < 3; i++) {
      h.clock.advance(30 * MIN);
      h.call('syncNow');
    }
    expect(sentTracking(h)).toHaveLength(4);
    expect(ledger(h)).toHaveLength(4);
    expect(h.dsco.violations).toEqual([]);
  });

  it('a batch whose answer is lost and that never reached DSCO is held, then sent again once the change log stays silent', () => {
    const { h, ids, tracking } = shipped(3);
    h.dsco.faults.enqueue({ path: BATCH, status: 504 }); // the gateway failed: DSCO never saw it
    h.call('syncNow');
    h.clock.advance(5 * MIN);
    h.call('syncNow'); // too early to conclude: nothing is sent again
    expect(batchCalls(h)).toHaveLength(1);
    expect(singleCalls(h)).toHaveLength(0);
    h.clock.advance(15 * MIN);
    h.call('syncNow'); // silent for 20 minutes: they never arrived, sent again
    expect(batchCalls(h)).toHaveLength(2);
    expect(h.logs().some((l) => /never arrived and is sent again/.test(l.message))).toBe(true);
    h.clock.advance(15 * MIN);
    h.call('syncNow');
    for (const id of ids) {
      expect(h.row(id)!.status).toBe('Shipped');
      expect(inDsco(h, id)).toEqual([tracking.get(id)]);
    }
    expect(ledger(h)).toHaveLength(3);
  });

  it('a run that stops right after DSCO took the batch leaves it on the sheet as sent: the next run finds it, no duplicate', () => {
    const { h, ids } = shipped(4);
    h.killAfter((r) => r.url.includes(BATCH));
    expect(() => h.call('runScheduledSync')).toThrow(/Exceeded maximum execution time/);
    for (let i = 0; i < 4; i++) {
      h.clock.advance(15 * MIN);
      h.call('syncNow');
    }
    for (const id of ids) expect(h.row(id)!.status).toBe('Shipped');
    const sent = sentTracking(h);
    expect(sent).toHaveLength(4);
    expect(new Set(sent).size).toBe(4);
    expect(ledger(h)).toHaveLength(4);
  });

  it('a batch DSCO refuses as a whole is sent one by one instead, for per-order answers', () => {
    const { h, ids } = shipped(3);
    h.dsco.faults.enqueue({ path: BATCH, status: 400, body: JSON.stringify({ messages: [{ code: 'VALIDATION_FAILED', severity: 'error', description: 'bad batch' }] }) });
    h.call('syncNow');
    expect(batchCalls(h)).toHaveLength(1);
    expect(singleCalls(h)).toHaveLength(3);
    for (const id of ids) expect(h.row(id)!.status).toBe('Shipped');
    expect(h.logs().some((l) => /refused a batch of 3 tracking number\(s\) as a whole/.test(l.message))).toBe(true);
  });

  it('at or below the threshold (default 500) each shipment still goes with singleShipment', () => {
    const { h, ids } = shipped(3, '3');
    h.call('syncNow');
    expect(batchCalls(h)).toHaveLength(0);
    expect(singleCalls(h)).toHaveLength(3);
    for (const id of ids) expect(h.row(id)!.status).toBe('Shipped');
  });
});
