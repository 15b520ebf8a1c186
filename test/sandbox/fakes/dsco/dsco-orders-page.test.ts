import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../sandbox/clock';
import { validateDscoResponse } from '../../../../sandbox/contract/dsco-contract';
import { createDscoFake } from '../../../../sandbox/fakes/dsco/create-dsco-fake';
import { toDscoDate } from '../../../../sandbox/fakes/dsco/dsco-dates';
import { client } from './dsco-test-requests';

const T0 = Date.parse('2026-03-02T15:00:00Z');

function setup() {
  const clock = createClock(T0);
  const fake = createDscoFake({ clock });
  const api = client(fake);
  return { clock, fake, api };
}

describe('DSCO fake: seedOrder', () => {
  it('makes a realistic order that honours the spec Order schema', () => {
    const { fake } = setup();
    const o = fake.seedOrder();
    expect(o.dscoOrderId).toMatch(/^\d+$/);
    expect(o).toMatchObject({
      dscoLifecycle: 'created',
      dscoStatus: 'created',
      dscoCreateDate: '2026-03-02T15:00:00+00:00',
      dscoLastUpdate: '2026-03-02T15:00:00+00:00',
      dscoTradingPartnerName: expect.any(String),
      requestedShippingServiceLevelCode: 'UPCG',
      shipping: { address: ['123 Main St', 'Apt 4'], address1: '123 Main St', city: 'Ridgefield', region: 'NJ', state: 'NJ', postal: '07657' },
    });
    expect(o.lineItems).toHaveLength(1);
    expect(o.lineItems[0]).toMatchObject({ lineNumber: 1, quantity: 1, sku: expect.any(String), dscoItemId: expect.stringMatching(/^\d+$/), expectedCost: 7.7 });
    expect(fake.seedOrder().dscoOrderId).not.toBe(o.dscoOrderId);
    const custom = fake.seedOrder({ poNumber: 'PO-1', shipping: { city: 'Austin' }, lineItems: [{ quantity: 3 }, { sku: 'B-2', quantity: 2 }] });
    expect(custom.shipping.city).toBe('Austin');
    expect(custom.shipping.region).toBe('NJ');
    expect(custom.lineItems.map((l) => [l.lineNumber, l.quantity, l.remainingQuantity])).toEqual([[1, 3, 3], [2, 2, 2]]);
    expect(custom.lineItems[1]?.sku).toBe('B-2');
    expect(custom.numberOfLineItems).toBe(2);
    expect(validateDscoResponse('GET', '/order/page', 200, { orders: [...fake.orders.values()] })).toEqual([]);
    expect(() => fake.seedOrder({ dscoOrderId: o.dscoOrderId })).toThrow(/already exists/);
  });
});

describe('DSCO fake: GET /order/page', () => {
  it('pages with ordersPerPage, keeps the same scrollId, and ends with an empty page', () => {
    const { clock, fake, api } = setup();
    for (let i = 0; i < 25; i++) {
      fake.seedOrder();
      clock.advance(1000);
    }
    clock.advance(10_000);
    const query = { ordersCreatedSince: '2026-03-02T00:00:00Z', until: toDscoDate(clock.now() - 10_000), ordersPerPage: '10' };
    const first = api('GET', '/order/page', { query });
    expect(first.status).toBe(200);
    expect(first.json.orders).toHaveLength(10);
    const scrollId: string = first.json.scrollId;
    const seen = first.json.orders.map((o: { dscoOrderId: string }) => o.dscoOrderId);
    for (const expected of [10, 5, 0]) {
      const next = api('GET', '/order/page', { query: { scrollId } });
      expect(next.status).toBe(200);
      expect(next.json.scrollId).toBe(scrollId);
      expect(next.json.orders).toHaveLength(expected);
      seen.push(...next.json.orders.map((o: { dscoOrderId: string }) => o.dscoOrderId));
    }
    expect(new Set(seen).size).toBe(25);
    expect(fake.violations).toEqual([]);
  });

  it('serves a snapshot taken at the first call', () => {
    const { clock, fake, api } = setup();
    for (let i = 0; i < 15; i++) fake.seedOrder();
    clock.advance(10_000);
    const first = api('GET', '/order/page', { query: { ordersCreatedSince: toDscoDate(T0), until: toDscoDate(clock.now() - 5000), ordersPerPage: '10' } });
    const later = fake.seedOrder({ dscoCreateDate: toDscoDate(T0) });
    const page2 = api('GET', '/order/page', { query: { scrollId: first.json.scrollId } });
    expect(page2.json.orders).toHaveLength(5);
    expect(page2.json.orders.map((o: { dscoOrderId: string }) => o.dscoOrderId)).not.toContain(later.dscoOrderId);
  });

  it('expires a scroll 5 minutes after the previous call (404)', () => {
    const { clock, fake, api } = setup();
    for (let i = 0; i < 30; i++) fake.seedOrder();
    clock.advance(10_000);
    const first = api('GET', '/order/page', { query: { ordersCreatedSince: toDscoDate(T0), until: toDscoDate(clock.now() - 5000), ordersPerPage: '10' } });
    clock.advance(5 * 60_000);
    expect(api('GET', '/order/page', { query: { scrollId: first.json.scrollId } }).status).toBe(200);
    clock.advance(5 * 60_000 + 1);
    const expired = api('GET', '/order/page', { query: { scrollId: first.json.scrollId } });
    expect(expired.status).toBe(404);
    expect(expired.json.messages[0]).toMatchObject({ code: 'NOT_FOUND', severity: 'error' });
    expect(api('GET', '/order/page', { query: { scrollId: 'bogus' } }).status).toBe(404);
  });

  it('rejects an until less than 5 s in the past with a 400 messages body', () => {
    const { clock, fake, api } = setup();
    fake.seedOrder();
    clock.advance(60_000);
    const tooRecent = api('GET', '/order/page', { query: { ordersCreatedSince: toDscoDate(T0), until: toDscoDate(clock.now() - 4000) } });
    expect(tooRecent.status).toBe(400);
    expect(tooRecent.json.messages[0]).toMatchObject({ severity: 'error', description: expect.stringMatching(/5 seconds/) });
    expect(api('GET', '/order/page', { query: { ordersCreatedSince: toDscoDate(T0), until: toDscoDate(clock.now() - 5000) } }).status).toBe(200);
  });

  it('answers 400 CONTRACT_VIOLATION for missing until/since, bad status or ordersPerPage out of range', () => {
    const { clock, api, fake } = setup();
    clock.advance(60_000);
    const until = toDscoDate(clock.now() - 10_000);
    for (const query of <Record<string, string>[]>[
      { ordersCreatedSince: toDscoDate(T0) },
      { until },
      { ordersCreatedSince: toDscoDate(T0), until, ordersPerPage: '9' },
      { ordersCreatedSince: toDscoDate(T0), until, ordersPerPage: '1001' },
      { ordersCreatedSince: toDscoDate(T0), until, status: 'acknowledged' },
      { ordersCreatedSince: toDscoDate(T0), until, lifecycle: 'created' },
    ]) {
      const res = api('GET', '/order/page', { query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.json.messages[0]).toMatchObject({ code: 'CONTRACT_VIOLATION', severity: 'error' });
    }
    expect(fake.violations).toHaveLength(6);
  });

  it('filters on the repeated status parameter, hides test and received orders, and applies the since bounds', () => {
    const { clock, fake, api } = setup();
    const created = fake.seedOrder();
    const test = fake.seedOrder({ testFlag: true });
    const received = fake.seedOrder({ dscoLifecycle: 'received' });
    const pending = fake.seedOrder({ dscoLifecycle: 'acknowledged', dscoStatus: 'shipment_pending' });
    const shipped = fake.seedOrder({ dscoLifecycle: 'completed', dscoStatus: 'shipped' });
    clock.advance(60_000);
    const until = toDscoDate(clock.now() - 10_000);
    const ids = (query: Record<string, string | string[]>) =>
      api('GET', '/order/page', { query: { until, ...query } }).json.orders.map((o: { dscoOrderId: string }) => o.dscoOrderId).sort();
    const since = toDscoDate(T0);
    expect(ids({ ordersCreatedSince: since })).toEqual([created, pending, shipped].map((o) => o.dscoOrderId).sort());
    expect(ids({ ordersCreatedSince: since, includeTestOrders: 'true' })).toContain(test.dscoOrderId);
    expect(ids({ ordersCreatedSince: since, status: ['shipment_pending', 'shipped'] })).toEqual([pending.dscoOrderId, shipped.dscoOrderId].sort());
    expect(ids({ ordersCreatedSince: since, status: 'created' })).toEqual([created.dscoOrderId]);
    // ordersCreatedSince is inclusive, ordersUpdatedSince exclusive (spec).
    expect(ids({ ordersUpdatedSince: since })).toEqual([]);
    expect(ids({ ordersCreatedSince: toDscoDate(T0 + 1000) })).toEqual([]);

    // A received order appears once released; its dscoCreateDate is older, its dscoLastUpdate new.
    expect(ids({ ordersCreatedSince: since })).not.toContain(received.dscoOrderId);
    fake.releaseOrder(received.dscoOrderId);
    clock.advance(60_000);
    const until2 = toDscoDate(clock.now() - 10_000);
    const res = api('GET', '/order/page', { query: { ordersUpdatedSince: until, until: until2 } });
    expect(res.json.orders.map((o: { dscoOrderId: string }) => o.dscoOrderId)).toEqual([received.dscoOrderId]);
    expect(api('GET', '/order/page', { query: { consumerOrderNumber: String(created.consumerOrderNumber) } }).json.orders)
      .toMatchObject([{ dscoOrderId: created.dscoOrderId }]);
    expect(fake.violations).toEqual([]);
  });

  it('validates its own responses: a seeded order that breaks the Order schema is recorded as a response violation', () => {
    const { clock, fake, api } = setup();
    fake.seedOrder({ dscoLifecycle: 'shipped' as never, lineItems: [{ quantity: 0 }] });
    clock.advance(10_000);
    expect(api('GET', '/order/page', { query: { ordersCreatedSince: toDscoDate(T0), until: toDscoDate(clock.now() - 5000) } }).status).toBe(200);
    expect(fake.violations.join('\n')).toMatch(/^GET \/order\/page: response: response 200 body\/orders\/0\/lineItems\/0\/quantity must be >= 1/m);
    expect(fake.violations.join('\n')).toMatch(/dscoLifecycle must be one of/);
  });
});
