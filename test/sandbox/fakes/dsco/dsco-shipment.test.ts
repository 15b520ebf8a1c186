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

function shipmentFor(order: Order, lines: { lineNumber: number; quantity: number }[], extra: Record<string, unknown> = {}) {
  return {
    dscoOrderId: order.dscoOrderId,
    poNumber: order.poNumber,
    shipments: [{
      trackingNumber: '1Z999AA10123456784',
      shipDate: '2026-03-02T18:00:00Z',
      shipCarrier: 'UPS',
      shipMethod: 'Ground',
      shippingServiceLevelCode: 'UPCG',
      lineItems: lines.map((l) => {
        const line = order.lineItems.find((x) => x.lineNumber === l.lineNumber);
        return { lineNumber: l.lineNumber, sku: line?.sku, dscoItemId: line?.dscoItemId, quantity: l.quantity };
      }),
      ...extra,
    }],
  };
}

describe('DSCO fake: POST /order/singleShipment', () => {
  it('answers 400 VALIDATION_FAILED for missing carrier/service level, empty tracking, unknown order, unknown line', () => {
    const { fake, api } = setup();
    const o = fake.seedOrder({ lineItems: [{ quantity: 2 }] });
    const noCarrier = shipmentFor(o, [{ lineNumber: 1, quantity: 1 }]);
    delete (noCarrier.shipments[0] as Record<string, unknown>).shippingServiceLevelCode;
    delete (noCarrier.shipments[0] as Record<string, unknown>).shipMethod;
    const r1 = api('POST', '/order/singleShipment', { body: noCarrier });
    expect(r1.status).toBe(400);
    expect(r1.json).toEqual({ messages: [{ code: 'VALIDATION_FAILED', severity: 'error', description: expect.stringMatching(/^Ship carrier is required/) }] });

    const r2 = api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 1, quantity: 1 }], { trackingNumber: '' }) });
    expect(r2.json.messages[0].description).toMatch(/Tracking number is required/);

    const r3 = api('POST', '/order/singleShipment', { body: { ...shipmentFor(o, [{ lineNumber: 1, quantity: 1 }]), dscoOrderId: '42', poNumber: undefined } });
    expect(r3.status).toBe(400);
    expect(r3.json.messages[0].description).toMatch(/Order not found/);

    const r4 = api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 7, quantity: 1 }]) });
    expect(r4.json.messages[0].description).toMatch(/No line item/);

    const r5 = api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 1, quantity: 3 }]) });
    expect(r5.json.messages[0].description).toMatch(/exceeds the quantity still open \(2\)/);

    // schema-level problems are contract violations
    const noTracking = shipmentFor(o, [{ lineNumber: 1, quantity: 1 }]);
    delete (noTracking.shipments[0] as Record<string, unknown>).trackingNumber;
    const r6 = api('POST', '/order/singleShipment', { body: noTracking });
    expect(r6.json.messages[0]).toMatchObject({ code: 'CONTRACT_VIOLATION', description: expect.stringMatching(/trackingNumber/) });

    expect(fake.orders.get(o.dscoOrderId)).toMatchObject({ dscoStatus: 'created', dscoLifecycle: 'created' });
    expect(fake.orders.get(o.dscoOrderId)?.packages).toBeUndefined();
    expect(fake.violations).toHaveLength(1);
  });

  it('applies requireShipFields rules (e.g. a retailer rejecting the generic GCG code)', () => {
    const { fake, api } = setup();
    const o = fake.seedOrder();
    fake.requireShipFields((s) => (s.shippingServiceLevelCode === 'GCG' ? 'Generic ship code GCG is not valid for shipments' : null));
    fake.requireShipFields((s) => (s.lineItems.every((l) => l.sku) ? null : 'All of these fields are required: lineItems.sku'));
    const body = shipmentFor(o, [{ lineNumber: 1, quantity: 1 }], { shippingServiceLevelCode: 'GCG' });
    delete (body.shipments[0]?.lineItems[0] as Record<string, unknown>).sku;
    const res = api('POST', '/order/singleShipment', { body });
    expect(res.status).toBe(400);
    expect(res.json.messages.map((m: { description: string }) => m.description)).toEqual([
      'Generic ship code GCG is not valid for shipments',
      'All of these fields are required: lineItems.sku',
    ]);
    expect(api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 1, quantity: 1 }]) }).status).toBe(201);
  });

  it('records packages, partial then complete, and moves status/lifecycle', () => {
    const { clock, fake, api } = setup();
    const o = fake.seedOrder({ lineItems: [{ quantity: 2 }, { quantity: 1 }] });
    api('POST', '/order/acknowledge', { body: [{ id: o.dscoOrderId, type: 'DSCO_ORDER_ID' }] });
    fake.processAsync();
    clock.advance(60_000);

    const first = api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 1, quantity: 1 }], { lineItems: [{ lineNumber: 1, quantity: 1, packageSpanFlag: true }] }) });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ success: true });
    let order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order).toMatchObject({ dscoStatus: 'shipped', dscoLifecycle: 'acknowledged', dscoLastUpdate: '2026-03-02T15:01:00+00:00' });
    expect(order.packages).toEqual([
      expect.objectContaining({
        trackingNumber: '1Z999AA10123456784', shipDate: '2026-03-02T18:00:00Z', shipCarrier: 'UPS', shipMethod: 'Ground',
        shippingServiceLevelCode: 'UPCG', dscoPackageId: expect.any(Number),
        items: [expect.objectContaining({ lineNumber: 1, quantity: 1, sku: o.lineItems[0]?.sku, originalOrderQuantity: 2, packageSpanFlag: true })],
      }),
    ]);
    expect(order.lineItems[0]).toMatchObject({ shippedQuantity: 1, remainingQuantity: 1, status: 'accepted', acceptedQuantity: 1 });
    expect(order.lineItems[0]?.activity?.at(-1)).toMatchObject({ action: 'ship', quantity: 1, reason: 'Tracking # 1Z999AA10123456784 added' });

    // retrying the same package (same tracking number) replaces it instead of shipping twice
    expect(api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 1, quantity: 1 }]) }).status).toBe(201);
    order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order.packages).toHaveLength(1);
    expect(order.lineItems[0]?.shippedQuantity).toBe(1);

    const second = api('POST', '/order/singleShipment', {
      body: shipmentFor(o, [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 1 }], { trackingNumber: '9400111899223197428490', shipCarrier: 'USPS', shipMethod: 'Ground Advantage', shippingServiceLevelCode: 'USGA' }),
    });
    expect(second.status).toBe(201);
    order = fake.orders.get(o.dscoOrderId) as Order;
    expect(order).toMatchObject({ dscoStatus: 'shipped', dscoLifecycle: 'completed' });
    expect(order.packages).toHaveLength(2);
    expect(order.lineItems.map((l) => l.remainingQuantity)).toEqual([0, 0]);

    // nothing left to ship
    const third = api('POST', '/order/singleShipment', { body: shipmentFor(o, [{ lineNumber: 2, quantity: 1 }], { trackingNumber: 'X1' }) });
    expect(third.status).toBe(400);
    expect(fake.violations).toEqual([]);
  });

  it('finds the order by poNumber alone and logs the shipment', () => {
    const { fake, api } = setup();
    const o = fake.seedOrder();
    const body = shipmentFor(o, [{ lineNumber: 1, quantity: 1 }]);
    const res = api('POST', '/order/singleShipment', { body: { poNumber: body.poNumber, shipments: [{ ...body.shipments[0], shippingServiceLevelCode: undefined }] } });
    expect(res.status).toBe(201);
    expect(fake.orders.get(o.dscoOrderId)?.dscoLifecycle).toBe('completed');
    const logs = api('GET', '/order/log', { query: { startDate: '2026-03-02T00:00:00Z', endDate: '2026-03-03T00:00:00Z' } }).json.logs;
    expect(logs).toMatchObject([{ status: 'success', requestMethodDetail: 'singleShipment', payload: { poNumber: o.poNumber } }]);
    expect(fake.violations).toEqual([]);
  });
});
