import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';
import { createTestClient, orderBody } from './ss-test-client';

const setup = () => {
  const clock = createClock('2026-03-02T15:00:00Z');
  const fake = createShipStationFake({ clock, rateLimitPerMinute: 10_000 });
  return { clock, fake, c: createTestClient(fake) };
};

describe('fulfillments', () => {
  it('markShippedWithoutLabel creates a fulfillment record and ships the order', () => {
    const { fake, clock, c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-F', customerEmail: 'j@x' })).json;
    clock.advance(60_000);
    const f = fake.markShippedWithoutLabel(o.orderId, { trackingNumber: '9400', carrierCode: 'USPS', shipDate: '2026-03-01' });
    expect(fake.orders.get(o.orderId)).toMatchObject({ orderStatus: 'shipped', shipDate: '2026-03-01', modifyDate: '2026-03-02T07:01:00.0000000' });
    const r = c.get('/fulfillments', { orderId: o.orderId }).json;
    expect(r).toMatchObject({ total: 1, page: 1, pages: 1 });
    expect(r.fulfillments[0]).toEqual({
      fulfillmentId: f.fulfillmentId,
      orderId: o.orderId,
      orderNumber: 'PO-F',
      userId: expect.any(String),
      customerEmail: 'j@x',
      trackingNumber: '9400',
      createDate: '2026-03-02T07:01:00.0000000',
      shipDate: '2026-03-01T00:00:00.0000000',
      voidDate: null,
      deliveryDate: null,
      carrierCode: 'USPS',
      sellerFillProviderId: null,
      sellerFillProviderName: null,
      fulfillmentServiceCode: null,
      fulfillmentProviderCode: null,
      fulfillmentFee: 0,
      voidRequested: false,
      voided: false,
      marketplaceNotified: false,
      notifyErrorMessage: null,
      shipTo: expect.objectContaining({ name: 'Jane Buyer' }),
    });
    // a shipped order cannot be updated afterwards
    expect(c.post('/orders/createorder', orderBody({ orderKey: o.orderKey })).status).toBe(400);
  });

  it('filters by orderNumber, createDate and shipDate; pages', () => {
    const { fake, clock, c } = setup();
    const a = c.post('/orders/createorder', orderBody({ orderNumber: 'A' })).json;
    const b = c.post('/orders/createorder', orderBody({ orderNumber: 'B' })).json;
    fake.markShippedWithoutLabel(a.orderId, { trackingNumber: 'TA', carrierCode: 'usps', shipDate: '2026-03-01' });
    clock.advance(3_600_000);
    fake.markShippedWithoutLabel(b.orderId, { trackingNumber: 'TB', carrierCode: 'usps' });
    const tn = (r: { json: { fulfillments: { trackingNumber: string }[] } }) => r.json.fulfillments.map((f) => f.trackingNumber);
    expect(tn(c.get('/fulfillments', { orderNumber: 'B' }))).toEqual(['TB']);
    expect(tn(c.get('/fulfillments', { createDateStart: '2026-03-02 07:30:00' }))).toEqual(['TB']);
    expect(tn(c.get('/fulfillments', { shipDateEnd: '2026-03-01' }))).toEqual(['TA']);
    expect(tn(c.get('/fulfillments', { sortBy: 'CreateDate', sortDir: 'DESC' }))).toEqual(['TB', 'TA']);
    expect(c.get('/fulfillments', { pageSize: 1, page: 2 }).json).toMatchObject({ total: 2, page: 2, pages: 2 });
  });

  it('POST /orders/markasshipped creates a fulfillment and answers {orderId, orderNumber}', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-M' })).json;
    const r = c.post('/orders/markasshipped', { orderId: o.orderId, carrierCode: 'usps', trackingNumber: '94', shipDate: '2026-03-02' });
    expect(r.json).toEqual({ orderId: o.orderId, orderNumber: 'PO-M' });
    expect(fake.fulfillments).toHaveLength(1);
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('shipped');
    expect(c.post('/orders/markasshipped', { orderId: o.orderId }).status).toBe(400);
  });

  it('voiding a label does not reopen an order that also has a fulfillment', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody()).json;
    const s = fake.shipOrder(o.orderId, { trackingNumber: 'L', carrierCode: 'ups' });
    fake.markShippedWithoutLabel(o.orderId, { trackingNumber: 'M', carrierCode: 'usps' });
    fake.voidShipment(s.shipmentId);
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('shipped');
  });
});
