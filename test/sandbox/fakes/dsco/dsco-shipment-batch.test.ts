import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createDscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';
import type { Order } from '../../../../sandbox/fakes/dsco/dsco-types';
import { client } from './dsco-test-requests';

function setup() {
  const clock = createClock('2026-03-02T15:00:00Z');
  const fake = createDscoFake({ clock });
  return { clock, fake, api: client(fake) };
}

function shipmentFor(order: Order, tracking: string, quantity = 1, extra: Record<string, unknown> = {}) {
  const line = order.lineItems[0];
  return {
    dscoOrderId: order.dscoOrderId,
    shipments: [{
      trackingNumber: tracking,
      shipDate: '2026-03-02T18:00:00Z',
      shippingServiceLevelCode: 'UPCG',
      lineItems: [{ lineNumber: 1, sku: line?.sku, dscoItemId: line?.dscoItemId, quantity }],
      ...extra,
    }],
  };
}

describe('DSCO fake: POST /order/shipment/batch/small', () => {
  it('answers 202 pending with a requestId, applies each object once due, and reports each in /order/log', () => {
    const { clock, fake, api } = setup();
    const a = fake.seedOrder();
    const b = fake.seedOrder({ lineItems: [{ quantity: 2 }] });
    const bad = fake.seedOrder();
    const res = api('POST', '/order/shipment/batch/small', {
      body: [shipmentFor(a, 'TRK-A'), shipmentFor(b, 'TRK-B', 1), shipmentFor(bad, 'TRK-BAD', 5)],
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'pending', requestId: expect.any(String), eventDate: expect.any(String) });
    const requestId = res.json.requestId as string;

    // not applied yet: the log says PROCESSING with pending entries
    const early = api('GET', '/order/log', { query: { requestId } });
    expect(early.json.status).toBe('PROCESSING');
    expect(early.json.logs.map((l: { status: string }) => l.status)).toEqual(['pending', 'pending', 'pending']);
    expect(fake.orders.get(a.dscoOrderId)!.packages ?? []).toHaveLength(0);

    clock.advance(5_000);
    const done = api('GET', '/order/log', { query: { requestId } });
    expect(done.json.status).toBe('COMPLETED');
    const byTracking = new Map(done.json.logs.map((l: { payload: { shipments: { trackingNumber: string }[] } }) => [l.payload.shipments[0].trackingNumber, l]));
    expect(byTracking.get('TRK-A')).toMatchObject({ status: 'success', requestId, requestMethodDetail: 'createShipmentSmallBatch' });
    expect(byTracking.get('TRK-B')).toMatchObject({ status: 'success' });
    expect(byTracking.get('TRK-BAD')).toMatchObject({
      status: 'failure',
      results: [{ code: 'VALIDATION_FAILED', severity: 'error', description: expect.stringMatching(/exceeds the quantity still open/) }],
    });
    expect(fake.orders.get(a.dscoOrderId)!.packages!.map((p) => p.trackingNumber)).toEqual(['TRK-A']);
    expect(fake.orders.get(a.dscoOrderId)!.dscoStatus).toBe('shipped');
    expect(fake.orders.get(b.dscoOrderId)!.lineItems[0]!.shippedQuantity).toBe(1);
    expect(fake.orders.get(bad.dscoOrderId)!.packages ?? []).toHaveLength(0);
    expect(fake.violations).toEqual([]);
  });

  it('finds the entries of a batch by date range too, as a client recovering from a lost answer would', () => {
    const { clock, fake, api } = setup();
    const a = fake.seedOrder();
    api('POST', '/order/shipment/batch/small', { body: [shipmentFor(a, 'TRK-RANGE')] });
    clock.advance(10_000);
    const res = api('GET', '/order/log', { query: { startDate: '2026-03-02T14:59:00Z', endDate: '2026-03-02T15:01:00Z' } });
    expect(res.json.logs.map((l: { payload: { shipments?: { trackingNumber: string }[] } }) => l.payload.shipments?.[0]?.trackingNumber)).toContain('TRK-RANGE');
    expect(fake.violations).toEqual([]);
  });

  it('refuses a body that breaks the contract, or is over 5 MB, and applies nothing', () => {
    const { fake, api } = setup();
    const a = fake.seedOrder();
    const notArray = api('POST', '/order/shipment/batch/small', { body: shipmentFor(a, 'X') });
    expect(notArray.status).toBe(400);
    expect(notArray.json.messages[0].code).toBe('CONTRACT_VIOLATION');
    const huge = Array.from({ length: 12_000 }, () => shipmentFor(a, 'X'.repeat(400)));
    const tooBig = api('POST', '/order/shipment/batch/small', { body: huge });
    expect(tooBig.status).toBe(413);
    fake.processAsync();
    expect(fake.orders.get(a.dscoOrderId)!.packages ?? []).toHaveLength(0);
  });
});
