import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';
import { createTestClient, orderBody } from './ss-test-client';

const setup = () => {
  const clock = createClock('2026-03-02T15:00:00Z'); // 07:00 PST
  const fake = createShipStationFake({
    clock,
    stores: [
      { storeId: 1, storeName: 'Dropship' },
      { storeId: 2, storeName: 'Other' },
    ],
    rateLimitPerMinute: 10_000,
  });
  return { clock, fake, c: createTestClient(fake) };
};

describe('shipOrder and GET /shipments', () => {
  it('a full label ships the order; the shipment carries the documented fields', () => {
    const { fake, clock, c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderKey: 'k', orderNumber: 'PO-9', customerEmail: 'j@x' })).json;
    clock.advance(3_600_000); // 08:00 PST
    const s = fake.shipOrder(o.orderId, { trackingNumber: '1Z999', carrierCode: 'ups_walleted', serviceCode: 'ups_ground' });
    const order = c.get(`/orders/${o.orderId}`).json;
    expect(order).toMatchObject({
      orderStatus: 'shipped',
      shipDate: '2026-03-02',
      carrierCode: 'ups_walleted',
      serviceCode: 'ups_ground',
      modifyDate: '2026-03-02T08:00:00.0000000',
    });

    const withItems = c.get('/shipments', { orderId: o.orderId, includeShipmentItems: true }).json;
    expect(withItems).toMatchObject({ total: 1, page: 1, pages: 1 });
    const sh = withItems.shipments[0];
    expect(sh).toMatchObject({
      shipmentId: s.shipmentId,
      orderId: o.orderId,
      orderKey: 'k',
      orderNumber: 'PO-9',
      customerEmail: 'j@x',
      createDate: '2026-03-02T08:00:00.0000000',
      shipDate: '2026-03-02',
      trackingNumber: '1Z999',
      carrierCode: 'ups_walleted',
      serviceCode: 'ups_ground',
      isReturnLabel: false,
      voided: false,
      voidDate: null,
      advancedOptions: { storeId: 1 },
      shipTo: { name: 'Jane Buyer', postalCode: '78701', country: 'US' },
    });
    expect(sh.shipmentItems).toEqual([
      expect.objectContaining({ lineItemKey: 'L1', sku: 'SKU-1', name: 'Widget', quantity: 2, orderItemId: o.items[0].orderItemId }),
      expect.objectContaining({ lineItemKey: 'L2', sku: 'SKU-2', name: 'Gadget', quantity: 1 }),
    ]);

    // includeShipmentItems defaults to false → null; "False" as in webhook resource_urls
    expect(c.get('/shipments').json.shipments[0].shipmentItems).toBeNull();
    expect(c.get('/shipments', { includeShipmentItems: 'False' }).json.shipments[0].shipmentItems).toBeNull();
    // the fake's own record keeps the items
    expect(fake.shipments[0].shipmentItems).toHaveLength(2);
  });

  it('split shipment: a subset of items leaves the order open until the rest has a label', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderKey: 'split' })).json;
    const s1 = fake.shipOrder(o.orderId, { trackingNumber: 'A', carrierCode: 'stamps_com', items: [{ lineItemKey: 'L1', quantity: 1 }] });
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('awaiting_shipment');
    const s2 = fake.shipOrder(o.orderId, { trackingNumber: 'B', carrierCode: 'stamps_com', items: [{ lineItemKey: 'L1', quantity: 1 }] });
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('awaiting_shipment');
    // without items: the remaining lines
    const s3 = fake.shipOrder(o.orderId, { trackingNumber: 'C', carrierCode: 'fedex' });
    expect(s3.shipmentItems?.map((i) => [i.lineItemKey, i.quantity])).toEqual([['L2', 1]]);
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('shipped');

    const list = c.get('/shipments', { orderId: o.orderId, includeShipmentItems: true }).json;
    expect(list.shipments.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual(['A', 'B', 'C']);
    expect(new Set(list.shipments.map((s: { orderId: number }) => s.orderId))).toEqual(new Set([o.orderId]));
    expect(list.shipments[0].shipmentItems).toEqual([expect.objectContaining({ lineItemKey: 'L1', quantity: 1 })]);
    expect([s1.orderKey, s2.orderKey]).toEqual(['split', 'split']);
    expect(() => fake.shipOrder(o.orderId, { trackingNumber: 'D', carrierCode: 'x', items: [{ lineItemKey: 'nope', quantity: 1 }] })).toThrow();
  });

  it('return labels are listed but do not ship the order', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody()).json;
    fake.shipOrder(o.orderId, { trackingNumber: 'R', carrierCode: 'ups', isReturnLabel: true });
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('awaiting_shipment');
    expect(c.get('/shipments').json.shipments[0].isReturnLabel).toBe(true);
  });

  it('voided labels stay listed with voided/voidDate; the order goes back to awaiting_shipment; voidDateStart finds them', () => {
    const { fake, clock, c } = setup();
    const o = c.post('/orders/createorder', orderBody()).json;
    const s = fake.shipOrder(o.orderId, { trackingNumber: 'V1', carrierCode: 'ups' });
    clock.advance(30 * 60_000); // 07:30 PST
    fake.voidShipment(s.shipmentId);
    expect(fake.orders.get(o.orderId)).toMatchObject({ orderStatus: 'awaiting_shipment', shipDate: null, modifyDate: '2026-03-02T07:30:00.0000000' });
    const all = c.get('/shipments').json;
    expect(all.total).toBe(1);
    expect(all.shipments[0]).toMatchObject({ trackingNumber: 'V1', voided: true, voidDate: '2026-03-02T07:30:00.0000000' });
    expect(c.get('/shipments', { voidDateStart: '2026-03-02 07:15:00' }).json.total).toBe(1);
    expect(c.get('/shipments', { voidDateStart: '2026-03-02 07:45:00' }).json.total).toBe(0);

    clock.advance(60_000);
    fake.shipOrder(o.orderId, { trackingNumber: 'V2', carrierCode: 'ups' });
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('shipped');
    expect(c.get('/shipments', { orderId: o.orderId }).json.shipments.map((x: { trackingNumber: string; voided: boolean }) => [x.trackingNumber, x.voided])).toEqual([
      ['V1', true],
      ['V2', false],
    ]);
    expect(() => fake.voidShipment(s.shipmentId)).toThrow();
  });

  it('POST /shipments/voidlabel voids through the API', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody()).json;
    const s = fake.shipOrder(o.orderId, { trackingNumber: 'T', carrierCode: 'ups' });
    expect(c.post('/shipments/voidlabel', { shipmentId: s.shipmentId }).json).toEqual({ approved: true, message: 'Label voided successfully' });
    expect(fake.shipments[0].voided).toBe(true);
    expect(c.post('/shipments/voidlabel', { shipmentId: 1 }).status).toBe(404);
  });

  it('filters by storeId, orderNumber (exact), createDate, shipDate; pages and sorts', () => {
    const { fake, clock, c } = setup();
    const a = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-1', advancedOptions: { storeId: 1 } })).json;
    const b = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-10', advancedOptions: { storeId: 2 } })).json;
    const d = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-100', advancedOptions: { storeId: 1 } })).json;
    fake.shipOrder(a.orderId, { trackingNumber: 'TA', carrierCode: 'ups', shipDate: '2026-03-05' });
    clock.advance(60_000);
    fake.shipOrder(b.orderId, { trackingNumber: 'TB', carrierCode: 'ups', shipDate: '2026-03-03' });
    clock.advance(60_000);
    fake.shipOrder(d.orderId, { trackingNumber: 'TD', carrierCode: 'ups', shipDate: '2026-03-04' });
    const tn = (r: { json: { shipments: { trackingNumber: string }[] } }) => r.json.shipments.map((s) => s.trackingNumber);

    expect(tn(c.get('/shipments', { storeId: 1 }))).toEqual(['TA', 'TD']);
    expect(tn(c.get('/shipments', { orderNumber: 'PO-1' }))).toEqual(['TA']);
    expect(tn(c.get('/shipments', { createDateStart: '2026-03-02 07:01:00' }))).toEqual(['TB', 'TD']);
    expect(tn(c.get('/shipments', { createDateEnd: '2026-03-02 07:01:00' }))).toEqual(['TA', 'TB']);
    expect(tn(c.get('/shipments', { shipDateStart: '2026-03-04' }))).toEqual(['TA', 'TD']);
    expect(tn(c.get('/shipments', { sortBy: 'ShipDate' }))).toEqual(['TB', 'TD', 'TA']);
    expect(tn(c.get('/shipments', { sortBy: 'CreateDate', sortDir: 'DESC' }))).toEqual(['TD', 'TB', 'TA']);
    const p2 = c.get('/shipments', { pageSize: 2, page: 2 });
    expect(p2.json).toMatchObject({ total: 3, page: 2, pages: 2 });
    expect(tn(p2)).toEqual(['TD']);
    expect(c.get('/shipments', { pageSize: 501 }).status).toBe(400);
  });

  it('marked-as-shipped orders do not appear in /shipments', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody()).json;
    fake.markShippedWithoutLabel(o.orderId, { trackingNumber: 'M', carrierCode: 'usps' });
    expect(c.get('/shipments').json).toMatchObject({ shipments: [], total: 0, page: 1, pages: 0 });
  });
});
