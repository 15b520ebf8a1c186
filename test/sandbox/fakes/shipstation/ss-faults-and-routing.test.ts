import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createShipStationFake } from '../../../../sandbox/fakes/shipstation/create-shipstation-fake';
import { createTestClient, orderBody } from './ss-test-client';

const setup = () => {
  const clock = createClock('2026-03-02T15:00:00Z');
  const fake = createShipStationFake({ clock, rateLimitPerMinute: 5 });
  return { clock, fake, c: createTestClient(fake) };
};

describe('faults', () => {
  it('answers the next matching requests verbatim, then normal service resumes', () => {
    const { fake, c } = setup();
    fake.faults.enqueue({ path: '/orders/createorders', method: 'POST', status: 503, body: '<html>busy</html>', headers: { 'content-type': 'text/html' }, count: 2 });
    expect(c.get('/stores').status).toBe(200); // not matching
    const r1 = c.post('/orders/createorders', [orderBody()]);
    expect(r1.raw).toEqual({ status: 503, headers: { 'content-type': 'text/html' }, body: '<html>busy</html>' });
    expect(c.post('/orders/createorders', [orderBody()]).status).toBe(503);
    expect(fake.orders.size).toBe(0); // faulted requests change nothing
    expect(c.post('/orders/createorders', [orderBody()]).status).toBe(200);
    expect(fake.requests.map((r) => r.path)).toEqual(['/stores', '/orders/createorders', '/orders/createorders', '/orders/createorders']);
  });

  it('a RegExp sees the query string; defaults are one 500 with an empty body; faults do not use the rate budget', () => {
    const { fake, c } = setup();
    fake.faults.enqueue({ path: /voidDateStart=/ });
    expect(c.get('/shipments', { createDateStart: '2026-03-01' }).status).toBe(200);
    const r = c.get('/shipments', { voidDateStart: '2026-03-01' });
    expect(r.raw).toEqual({ status: 500, headers: {}, body: '' });
    expect(c.get('/shipments', { voidDateStart: '2026-03-01' }).status).toBe(200);
    // a queued 429 imitation with headers
    fake.faults.enqueue({ status: 429, body: '{"message":"Too Many Requests"}', headers: { 'X-Rate-Limit-Reset': '7' } });
    expect(c.get('/stores').raw.headers).toEqual({ 'X-Rate-Limit-Reset': '7' });
    expect(c.get('/stores').headers['X-Rate-Limit-Remaining']).toBe('2'); // 5 − 3 requests that reached the server
  });
});

describe('routing, stores, request log', () => {
  it('unknown path → 404, wrong method → 405', () => {
    const { c } = setup();
    expect(c.get('/nothing/here').status).toBe(404);
    expect(c.get('/').status).toBe(404);
    expect(c.call('PUT', '/orders').status).toBe(405);
    expect(c.get('/orders/createorder').status).toBe(405); // a POST-only resource
    expect(c.get('/orders/abc').status).toBe(404);
  });

  it('GET /stores returns a bare array; inactive stores only with showInactive=true', () => {
    const fake = createShipStationFake({
      clock: createClock(),
      stores: [
        { storeId: 10, storeName: 'Manual' },
        { storeId: 11, storeName: 'Old', active: false },
        { storeId: 12, storeName: 'Woo', marketplaceName: 'WooCommerce' },
      ],
    });
    const c = createTestClient(fake);
    const r = c.get('/stores').json;
    expect(r.map((s: { storeId: number }) => s.storeId)).toEqual([10, 12]);
    expect(r[0]).toMatchObject({ storeId: 10, storeName: 'Manual', marketplaceId: 0, marketplaceName: 'ShipStation', active: true });
    expect(c.get('/stores', { showInactive: true }).json).toHaveLength(3);
    expect(c.get('/stores', { marketplaceId: 0 }).json.map((s: { storeId: number }) => s.storeId)).toEqual([10]);
  });

  it('logs method, path, decoded query and parsed body', () => {
    const { fake, c } = setup();
    c.get('/orders', { orderNumber: 'PO 1&2' });
    c.post('/orders/createorder', orderBody({ orderNumber: 'Z' }));
    expect(fake.requests[0]).toEqual({ method: 'GET', path: '/orders', query: { orderNumber: 'PO 1&2' }, body: undefined });
    expect(fake.requests[1]).toMatchObject({ method: 'POST', path: '/orders/createorder', query: {}, body: { orderNumber: 'Z' } });
  });

  it('cancelOrder sets cancelled and bumps modifyDate; a shipped order cannot be cancelled', () => {
    const { fake, clock, c } = setup();
    const o = c.post('/orders/createorder', orderBody()).json;
    clock.advance(120_000);
    fake.cancelOrder(o.orderId);
    expect(fake.orders.get(o.orderId)).toMatchObject({ orderStatus: 'cancelled', modifyDate: '2026-03-02T07:02:00.0000000' });
    const p = c.post('/orders/createorder', orderBody()).json;
    fake.shipOrder(p.orderId, { trackingNumber: 'T', carrierCode: 'ups' });
    expect(() => fake.cancelOrder(p.orderId)).toThrow();
    expect(() => fake.shipOrder(o.orderId, { trackingNumber: 'T', carrierCode: 'ups' })).toThrow();
  });
});
