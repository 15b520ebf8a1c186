import { describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../support/engine-harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
const step = (h: EngineHarness, ms: number, mode: 'manual' | 'retry' = 'manual') => {
  h.clock.advance(ms);
  return h.sync(mode);
};

/** Defects a review of the merged engine found, each shown failing before its fix. */
describe('rows that must not stay in Error for good', () => {
  it('a refused acknowledgement is cleared once the order has shipped (no acknowledgement is needed any more), so it is invoiced', () => {
    const h = createEngineHarness({ settings: { sendInvoices: true } });
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A', expectedCost: 5 }] });
    h.dsco.faults.enqueue({ path: '/order/acknowledge', method: 'POST', status: 400, body: JSON.stringify({ status: 'failure', messages: [{ code: 'X', description: 'Order is locked' }] }), count: 1 });
    step(h, MIN);
    expect(h.row(o.dscoOrderId)!.status).toBe('Error');
    h.dsco.failNextAcknowledge([o.dscoOrderId], 'Order is already shipped');
    h.ss.shipOrder(h.ss.findByOrderKey(o.dscoOrderId)!.orderId!, { trackingNumber: '1ZACK', carrierCode: 'ups', serviceCode: 'ups_ground' });
    step(h, MIN);
    step(h, HOUR);
    step(h, HOUR);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', error: '' });
    expect(h.record(o.dscoOrderId)!.invoices?.length).toBe(1);
  });

  it('partly cancelled by the retailer and the rest shipped: Shipped, not a false "already shipped" conflict', () => {
    const h = createEngineHarness({ settings: { sendInvoices: true } });
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A', expectedCost: 5 }, { quantity: 1, sku: 'B', expectedCost: 7 }] });
    step(h, MIN);
    h.clock.advance(10 * MIN);
    h.dsco.retailerCancelLines(o.dscoOrderId, [{ lineNumber: 2, quantity: 1 }]);
    step(h, MIN);
    const ss = h.ss.findByOrderKey(o.dscoOrderId)!;
    // The person does what the row says: removes line 2 in ShipStation, then Retry failed orders.
    h.ss.editOrder(ss.orderId!, { items: ss.items.filter((i) => i.lineItemKey === '1') });
    step(h, MIN, 'retry');
    h.ss.shipOrder(ss.orderId!, { trackingNumber: '1ZREST', carrierCode: 'ups', serviceCode: 'ups_ground' });
    step(h, MIN);
    step(h, HOUR);
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Shipped', error: '', units: expect.stringMatching(/^2 ordered · 1 shipped · 1 cancelled/) });
  });

  it('a label that ships units the retailer cancelled is put to a person', () => {
    const h = createEngineHarness();
    const o = h.dsco.seedOrder({ lineItems: [{ quantity: 1, sku: 'A' }, { quantity: 1, sku: 'B' }] });
    step(h, MIN);
    h.clock.advance(10 * MIN);
    h.dsco.retailerCancelLines(o.dscoOrderId, [{ lineNumber: 2, quantity: 1 }]);
    step(h, MIN);
    step(h, MIN, 'retry'); // the person dismissed the row without removing line 2
    h.ss.shipOrder(h.ss.findByOrderKey(o.dscoOrderId)!.orderId!, { trackingNumber: '1ZBOTH', carrierCode: 'ups', serviceCode: 'ups_ground' });
    step(h, MIN);
    expect(h.row(o.dscoOrderId)!.error).toMatch(/1ZBOTH ships line 2 × 1 that the retailer cancelled/);
  });
});

describe('ShipStation API V2', () => {
  it('an address correction is put to a person, whom Retry failed orders then clears', () => {
    const h = createEngineHarness({ shipstation: 'v2' });
    const o = h.dsco.seedOrder();
    step(h, MIN);
    h.clock.advance(10 * MIN);
    h.dsco.retailerChangeAddress(o.dscoOrderId, { address: ['77 New Street'], city: 'Springfield', postal: '62704' });
    step(h, MIN);
    expect(h.row(o.dscoOrderId)!.error).toMatch(/corrected the ship-to address \(now 77 New Street, Springfield, 62704\)\. ShipStation API V2 cannot update it/);
    step(h, MIN, 'retry');
    expect(h.row(o.dscoOrderId)).toMatchObject({ status: 'Sent to SS', error: '' });
  });

  it('without a default ship-from location, creation stops but tracking of orders already in ShipStation still goes out', () => {
    const h = createEngineHarness({ shipstation: 'v2' });
    const first = h.dsco.seedOrder();
    step(h, MIN);
    const shipment = h.ssV2.byExternalId(first.dscoOrderId)!;
    h.ssV2.buyLabel(shipment.shipment_id, { trackingNumber: '1ZV2OK', carrierCode: 'ups', serviceCode: 'ups_ground' });
    // Someone adds a second warehouse without making either the default.
    h.ssV2.warehouses.push({ ...(h.ssV2.warehouses[0] as object), warehouse_id: 'se-502', name: 'Second' });
    for (const w of h.ssV2.warehouses) (w as { is_default?: boolean }).is_default = false;
    const second = h.dsco.seedOrder();
    const result = step(h, MIN);
    expect(result.fatal).toMatch(/default ship-from location|ship-from location/);
    expect(h.row(first.dscoOrderId)).toMatchObject({ status: 'Shipped', tracking: '1ZV2OK' });
    expect(h.row(second.dscoOrderId)!.status).toBe('Received');
  });
});

describe('calls that scale with a failure, not with the book', () => {
  it('a whole refused acknowledgement batch is checked against DSCO a few orders a run, the rest in later runs', () => {
    const h = createEngineHarness();
    const ids = Array.from({ length: 30 }, () => h.dsco.seedOrder().dscoOrderId);
    step(h, MIN);
    h.dsco.failNextAcknowledge(ids, 'Acknowledgement refused');
    step(h, MIN); // the refusal lands; the acknowledgements go out again
    const before = h.dsco.requests.length;
    h.dsco.failNextAcknowledge(ids, 'Acknowledgement refused');
    step(h, 20 * MIN);
    const byId = h.dsco.requests.slice(before).filter((r) => r.path === '/order/');
    // 25 for the refusals (the cap), and the re-check's share of 30 open orders (2).
    expect(byId.length).toBeLessThanOrEqual(27);
    expect(h.dashboard().filter((r) => r.status === 'Error')).toHaveLength(30);
  });
});
