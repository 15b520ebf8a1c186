import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { createDscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';
import { client } from './dsco-test-requests';

describe('DSCO fake: faults queue', () => {
  it('serves queued raw responses to matching requests, count times, then behaves normally', () => {
    const fake = createDscoFake({ clock: createClock() });
    const api = client(fake);
    fake.faults.enqueue({ path: '/hello', status: 503, body: 'Service Unavailable', count: 2 });
    fake.faults.enqueue({ path: /^\/order\//, method: 'GET', status: 200, body: '<html><body>Maintenance</body></html>', headers: { 'content-type': 'text/html' } });
    fake.faults.enqueue({ path: '/order/acknowledge', status: 202, body: '{"status":"succ' });
    fake.faults.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    expect(fake.faults.pending()).toBe(5);

    expect(api('GET', '/hello')).toMatchObject({ status: 503, body: 'Service Unavailable' });
    expect(api('GET', '/hello').status).toBe(503);
    // the 429 without a path matches the next request whatever it is
    expect(api('GET', '/hello')).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
    expect(api('GET', '/hello').status).toBe(200);
    const html = api('GET', '/order/log', { query: { requestId: 'x' } });
    expect(html).toMatchObject({ status: 200, headers: { 'content-type': 'text/html' } });
    expect(html.json).toBeUndefined();
    const o = fake.seedOrder();
    const truncated = api('POST', '/order/acknowledge', { body: [{ id: o.dscoOrderId, type: 'DSCO_ORDER_ID' }] });
    expect(truncated).toMatchObject({ status: 202, body: '{"status":"succ' });
    fake.processAsync();
    expect(fake.orders.get(o.dscoOrderId)?.dscoLifecycle).toBe('created'); // the faulted request had no effect
    expect(fake.faults.pending()).toBe(0);
    expect(fake.requests.map((r) => r.path)).toEqual(['/oauth2/token', '/hello', '/hello', '/hello', '/hello', '/order/log', '/order/acknowledge']);
    expect(fake.violations).toEqual([]);
  });

  it('applyRequest: the request takes effect and only its response is replaced (gateway timeout after the work)', () => {
    const fake = createDscoFake({ clock: createClock() });
    const api = client(fake);
    const o = fake.seedOrder();
    fake.faults.enqueue({ path: '/order/singleShipment', status: 504, body: '{"message": "Endpoint request timed out"}', applyRequest: true });
    const body = { dscoOrderId: o.dscoOrderId, shipments: [{ trackingNumber: 'T1', shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] }] };
    expect(api('POST', '/order/singleShipment', { body }).status).toBe(504);
    expect(fake.orders.get(o.dscoOrderId)?.dscoLifecycle).toBe('completed');
    // the client's retry of the same package is accepted (same tracking number → update)
    expect(api('POST', '/order/singleShipment', { body }).status).toBe(201);
    expect(fake.orders.get(o.dscoOrderId)?.packages).toHaveLength(1);
  });

  it('still records contract violations of faulted requests', () => {
    const fake = createDscoFake({ clock: createClock() });
    const api = client(fake);
    fake.faults.enqueue({ status: 500 });
    expect(api('POST', '/order/acknowledge', { body: [{ id: '1' }] }).status).toBe(500);
    expect(fake.violations).toEqual(["POST /order/acknowledge: request body/0 must have required property 'type'"]);
  });
});
