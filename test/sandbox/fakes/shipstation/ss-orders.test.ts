import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';
import { createTestClient, orderBody } from './ss-test-client';

const setup = (stores?: { storeId: number; storeName: string; marketplaceName?: string; active?: boolean }[]) => {
  const clock = createClock('2026-03-02T15:00:00Z'); // 07:00 PST
  const fake = createShipStationFake({ clock, stores, rateLimitPerMinute: 10_000 });
  return { clock, fake, c: createTestClient(fake) };
};

describe('POST /orders/createorder', () => {
  it('creates an order in the V1 shape, with Pacific dates and computed fields', () => {
    const { fake, c } = setup();
    const r = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-A', orderKey: 'k-A' }));
    expect(r.status).toBe(200);
    const o = r.json;
    expect(o).toMatchObject({
      orderNumber: 'PO-A',
      orderKey: 'k-A',
      orderStatus: 'awaiting_shipment',
      orderDate: '2026-03-01T09:30:00.0000000',
      createDate: '2026-03-02T07:00:00.0000000',
      modifyDate: '2026-03-02T07:00:00.0000000',
      orderTotal: 28.5, // 2×10 + 5.5 + tax 1 + shipping 2
      advancedOptions: { storeId: 22766, mergedOrSplit: false, parentId: null },
      shipTo: { name: 'Jane Buyer', addressVerified: 'Address not yet validated' },
    });
    expect(typeof o.orderId).toBe('number');
    expect(o.items[0]).toMatchObject({ lineItemKey: 'L1', sku: 'SKU-1', quantity: 2, createDate: '2026-03-02T07:00:00' });
    expect(typeof o.items[0].orderItemId).toBe('number');
    expect(fake.orders.get(o.orderId)).toEqual(o);
    expect(fake.findByOrderKey('k-A')?.orderId).toBe(o.orderId);
    expect(c.get(`/orders/${o.orderId}`).json).toEqual(o);
  });

  it('upserts by orderKey: the same key twice gives one order, updated wholesale', () => {
    const { fake, clock, c } = setup();
    const first = c.post('/orders/createorder', orderBody({ orderKey: 'same', internalNotes: 'first', customerNotes: 'keep?' })).json;
    clock.advance(90_000);
    const second = c.post('/orders/createorder', orderBody({ orderKey: 'same', orderNumber: 'PO-B', internalNotes: 'second', customerNotes: undefined })).json;
    expect(second.orderId).toBe(first.orderId);
    expect(fake.orders.size).toBe(1);
    expect(second).toMatchObject({ orderNumber: 'PO-B', internalNotes: 'second', customerNotes: null });
    expect(second.createDate).toBe(first.createDate);
    expect(second.modifyDate).toBe('2026-03-02T07:01:30.0000000');
    // lines re-sent with the same lineItemKey keep their orderItemId
    expect(second.items[0].orderItemId).toBe(first.items[0].orderItemId);
  });

  it('without orderKey creates a new order with a generated key each time', () => {
    const { fake, c } = setup();
    const a = c.post('/orders/createorder', orderBody({ orderKey: undefined, orderNumber: 'X' })).json;
    const b = c.post('/orders/createorder', orderBody({ orderKey: undefined, orderNumber: 'X' })).json;
    expect(a.orderId).not.toBe(b.orderId);
    expect(a.orderKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.orderKey).not.toBe(b.orderKey);
    expect(fake.orders.size).toBe(2);
  });

  it('advancedOptions.storeId applies only at creation; default is the first manual store', () => {
    const { c } = setup([
      { storeId: 1, storeName: 'Woo', marketplaceName: 'WooCommerce' },
      { storeId: 2, storeName: 'Manual A' },
      { storeId: 3, storeName: 'Manual B' },
    ]);
    expect(c.post('/orders/createorder', orderBody()).json.advancedOptions.storeId).toBe(2);
    const o = c.post('/orders/createorder', orderBody({ orderKey: 's', advancedOptions: { storeId: 3 } })).json;
    expect(o.advancedOptions.storeId).toBe(3);
    const u = c.post('/orders/createorder', orderBody({ orderKey: 's', advancedOptions: { storeId: 1 } })).json;
    expect(u.advancedOptions.storeId).toBe(3);
    const bad = c.post('/orders/createorder', orderBody({ advancedOptions: { storeId: 999 } }));
    expect(bad.status).toBe(400);
    expect(bad.json.Message).toMatch(/999/);
  });

  it('validates required fields with an ASP.NET ModelState 400 and changes nothing', () => {
    const { fake, c } = setup();
    const r = c.post('/orders/createorder', orderBody({ orderNumber: '', orderDate: undefined, shipTo: null, billTo: undefined, orderStatus: 'bogus' }));
    expect(r.status).toBe(400);
    expect(r.json.Message).toBe('The request is invalid.');
    expect(Object.keys(r.json.ModelState).sort()).toEqual(
      ['apiOrder.billTo', 'apiOrder.orderDate', 'apiOrder.orderNumber', 'apiOrder.orderStatus', 'apiOrder.shipTo'].sort(),
    );
    expect(c.post('/orders/createorder', orderBody({ orderDate: '03/01/2026' })).json.ModelState).toHaveProperty('apiOrder.orderDate');
    expect(c.post('/orders/createorder', orderBody({ items: [{ sku: 'x', quantity: 1 }] })).json.ModelState).toHaveProperty(
      'apiOrder.items[0].name',
    );
    expect(c.post('/orders/createorder', [orderBody()]).status).toBe(400);
    expect(c.post('/orders/createorder', '{not json').status).toBe(400);
    expect(fake.orders.size).toBe(0);
  });

  it('truncates orderNumber to 50 characters (C2: "ShipStation will truncate it without error")', () => {
    const { c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderNumber: 'N'.repeat(60) })).json;
    expect(o.orderNumber).toBe('N'.repeat(50));
  });

  it('shipped and cancelled orders are locked; an open order can be cancelled by upsert', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderKey: 'k1' })).json;
    const held = c.post('/orders/createorder', orderBody({ orderKey: 'k1', orderStatus: 'on_hold' })).json;
    expect(held.orderStatus).toBe('on_hold');
    // cancel by re-posting the GET payload with orderStatus cancelled (notes §10 method A)
    const got = c.get(`/orders/${o.orderId}`).json;
    const cancelled = c.post('/orders/createorder', { ...got, orderStatus: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ orderId: o.orderId, orderStatus: 'cancelled' });
    const again = c.post('/orders/createorder', { ...got, orderStatus: 'awaiting_shipment' });
    expect(again.status).toBe(400);
    expect(again.json.Message).toMatch(/cancelled and cannot be updated/);
    expect(fake.orders.get(o.orderId)?.orderStatus).toBe('cancelled');

    const p = c.post('/orders/createorder', orderBody({ orderKey: 'k2' })).json;
    fake.shipOrder(p.orderId, { trackingNumber: '1Z', carrierCode: 'ups' });
    const r = c.post('/orders/createorder', orderBody({ orderKey: 'k2', orderStatus: 'cancelled' }));
    expect(r.status).toBe(400);
    expect(r.json.Message).toMatch(/shipped and cannot be updated/);
    expect(fake.orders.get(p.orderId)?.orderStatus).toBe('shipped');
  });

  it('an orderId in the body selects the order; an unknown orderId is an error', () => {
    const { fake, c } = setup();
    const o = c.post('/orders/createorder', orderBody({ orderKey: 'k' })).json;
    const u = c.post('/orders/createorder', orderBody({ orderId: o.orderId, orderKey: 'k', internalNotes: 'x' })).json;
    expect(u.orderId).toBe(o.orderId);
    expect(c.post('/orders/createorder', orderBody({ orderId: 12345 })).status).toBe(400);
    expect(fake.orders.size).toBe(1);
  });
});

describe('POST /orders/createorders', () => {
  it('returns {hasErrors, results[{orderId, orderNumber, orderKey, success, errorMessage}]} with per-order failures', () => {
    const { fake, c } = setup();
    const shipped = c.post('/orders/createorder', orderBody({ orderKey: 'sh', orderNumber: 'SH' })).json;
    fake.shipOrder(shipped.orderId, { trackingNumber: 'T', carrierCode: 'ups' });
    const cancelled = c.post('/orders/createorder', orderBody({ orderKey: 'ca', orderNumber: 'CA' })).json;
    fake.cancelOrder(cancelled.orderId);

    const r = c.post('/orders/createorders', [
      orderBody({ orderKey: 'n1', orderNumber: 'N1' }),
      orderBody({ orderKey: 'sh', orderNumber: 'SH' }),
      orderBody({ orderKey: 'ca', orderNumber: 'CA' }),
      orderBody({ orderKey: 'n1', orderNumber: 'N1', internalNotes: 'dup in same batch' }),
    ]);
    expect(r.status).toBe(200);
    expect(r.json.hasErrors).toBe(true);
    const [n1, sh, ca, n1again] = r.json.results;
    expect(n1).toEqual({ orderId: expect.any(Number), orderNumber: 'N1', orderKey: 'n1', success: true, errorMessage: null });
    expect(sh).toMatchObject({ orderId: shipped.orderId, orderNumber: 'SH', orderKey: 'sh', success: false });
    expect(sh.errorMessage).toMatch(/shipped/);
    expect(ca).toMatchObject({ orderKey: 'ca', success: false });
    expect(n1again).toMatchObject({ orderId: n1.orderId, success: true });
    expect(fake.orders.get(n1.orderId)?.internalNotes).toBe('dup in same batch');
    expect(fake.orders.size).toBe(3);
  });

  it('all good → hasErrors false; more than 100 or a non-array or an invalid order → 400 and nothing stored', () => {
    const { fake, c } = setup();
    const ok = c.post('/orders/createorders', [orderBody(), orderBody()]);
    expect(ok.json.hasErrors).toBe(false);
    expect(ok.json.results).toHaveLength(2);
    expect(fake.orders.size).toBe(2);

    const tooMany = c.post('/orders/createorders', Array.from({ length: 101 }, () => orderBody()));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.Message).toBe('The request is invalid.');
    expect(c.post('/orders/createorders', Array.from({ length: 100 }, () => orderBody())).status).toBe(200);
    expect(fake.orders.size).toBe(102);

    const obj = c.post('/orders/createorders', orderBody());
    expect(obj.status).toBe(400);
    expect(obj.json.ModelState['apiOrders.orderNumber'][0]).toMatch(/Cannot deserialize the current JSON object/);

    const invalid = c.post('/orders/createorders', [orderBody({ orderKey: 'fresh' }), orderBody({ shipTo: undefined })]);
    expect(invalid.status).toBe(400);
    expect(invalid.json.ModelState).toHaveProperty(['apiOrders[1].shipTo']);
    expect(fake.findByOrderKey('fresh')).toBeUndefined();
  });

  it('refuses a JSON body that is not sent as application/json (415)', () => {
    const { fake, c } = setup();
    const r = c.call('POST', '/orders/createorders', {
      body: [orderBody()],
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(415);
    expect(fake.orders.size).toBe(0);
  });
});

describe('GET /orders', () => {
  it('pages with {orders, total, page, pages}, default ascending orderId, pageSize max 500', () => {
    const { c } = setup();
    const ids = Array.from({ length: 7 }, () => c.post('/orders/createorder', orderBody()).json.orderId);
    const p1 = c.get('/orders', { pageSize: 3 }).json;
    expect(p1).toMatchObject({ total: 7, page: 1, pages: 3 });
    expect(p1.orders.map((o: { orderId: number }) => o.orderId)).toEqual(ids.slice(0, 3));
    const p3 = c.get('/orders', { pageSize: 3, page: 3 }).json;
    expect(p3.orders.map((o: { orderId: number }) => o.orderId)).toEqual(ids.slice(6));
    expect(c.get('/orders', { pageSize: 3, page: 4 }).json).toMatchObject({ orders: [], total: 7, page: 4, pages: 3 });
    expect(c.get('/orders').json).toMatchObject({ total: 7, page: 1, pages: 1 });
    expect(c.get('/orders', { pageSize: 501 }).status).toBe(400);
    expect(c.get('/orders', { pageSize: 500 }).status).toBe(200);
    expect(c.get('/orders', { page: 'x' }).status).toBe(400);
  });

  it('filters by storeId, orderStatus, orderNumber (starts with), modifyDate; sorts', () => {
    const { fake, clock, c } = setup([
      { storeId: 1, storeName: 'A' },
      { storeId: 2, storeName: 'B' },
    ]);
    const a = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-100', advancedOptions: { storeId: 1 } })).json;
    clock.advance(60_000);
    const b = c.post('/orders/createorder', orderBody({ orderNumber: 'PO-1001', advancedOptions: { storeId: 2 } })).json;
    clock.advance(60_000);
    const d = c.post('/orders/createorder', orderBody({ orderNumber: 'XPO-100', advancedOptions: { storeId: 2 } })).json;
    clock.advance(60_000);
    fake.cancelOrder(a.orderId); // 07:03 PST

    const idsOf = (r: { json: { orders: { orderId: number }[] } }) => r.json.orders.map((o) => o.orderId);
    expect(idsOf(c.get('/orders', { storeId: 2 }))).toEqual([b.orderId, d.orderId]);
    expect(idsOf(c.get('/orders', { storeID: 1 }))).toEqual([a.orderId]); // names bind case-insensitively
    expect(idsOf(c.get('/orders', { orderStatus: 'cancelled' }))).toEqual([a.orderId]);
    expect(idsOf(c.get('/orders', { orderStatus: 'awaiting_shipment' }))).toEqual([b.orderId, d.orderId]);
    expect(idsOf(c.get('/orders', { orderStatus: '' }))).toHaveLength(3);
    expect(c.get('/orders', { orderStatus: 'nope' }).status).toBe(400);
    expect(idsOf(c.get('/orders', { orderNumber: 'PO-100' }))).toEqual([a.orderId, b.orderId]);
    expect(idsOf(c.get('/orders', { modifyDateStart: '2026-03-02 07:02:00' }))).toEqual([a.orderId, d.orderId]);
    expect(idsOf(c.get('/orders', { modifyDateStart: '2026-03-02 07:01:00', modifyDateEnd: '2026-03-02 07:02:00' }))).toEqual([
      b.orderId,
      d.orderId,
    ]);
    expect(idsOf(c.get('/orders', { createDateStart: '2026-03-02 07:01:00' }))).toEqual([b.orderId, d.orderId]);
    expect(idsOf(c.get('/orders', { sortBy: 'ModifyDate', sortDir: 'DESC' }))).toEqual([a.orderId, d.orderId, b.orderId]);
  });

  it('GET /orders/{id} → 404 for an unknown id', () => {
    const { c } = setup();
    const r = c.get('/orders/424242');
    expect(r.status).toBe(404);
    expect(r.json).toHaveProperty('Message');
  });
});
