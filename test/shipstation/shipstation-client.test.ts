import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/core/errors';
import { DEFAULT_BACKOFF } from '../../src/core/http/backoff';
import { TimeBudget } from '../../src/core/time/time-budget';
import { ShipStationClient } from '../../src/shipstation/shipstation-client';
import type { SsOrder } from '../../src/shipstation/shipstation-types';
import { createShipStationFake, DEFAULT_API_KEY, DEFAULT_API_SECRET, type ShipStationFake } from '../../sandbox/fakes/shipstation';
import { createClock, type SimClock } from '../../sandbox/clock';
import { coreClock, directHttp } from '../../sandbox/direct-http';

const BASE = 'https://ssapi.shipstation.com';

function order(n: number, extra: Partial<SsOrder> = {}): SsOrder {
  return {
    orderNumber: String(1000 + n),
    orderKey: String(1000 + n),
    orderDate: '2026-03-02 07:00:00',
    orderStatus: 'awaiting_shipment',
    billTo: { name: 'Ann Buyer', street1: null, city: null, state: null, postalCode: null, country: 'US' },
    shipTo: { name: 'Ann Buyer', street1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
    items: [{ lineItemKey: '1', sku: 'SKU-1', name: 'Mug', quantity: 2, unitPrice: 5 }],
    advancedOptions: { storeId: 22766 },
    ...extra,
  };
}

let clock: SimClock;
let fake: ShipStationFake;
let http: ReturnType<typeof directHttp>;
let client: ShipStationClient;
let sleeps: number[];

function makeClient(apiKey = DEFAULT_API_KEY, apiSecret = DEFAULT_API_SECRET, budgetMs = 600_000) {
  const c = coreClock(clock);
  sleeps = c.slept;
  return new ShipStationClient({ http, clock: c, budget: new TimeBudget(c, budgetMs), policy: DEFAULT_BACKOFF }, BASE, { apiKey, apiSecret });
}

beforeEach(() => {
  clock = createClock('2026-03-02T15:00:00Z');
  fake = createShipStationFake({ clock });
  http = directHttp({ [BASE]: fake.handle });
  client = makeClient();
});

describe('ShipStationClient against the fake', () => {
  it('lists stores with Basic auth', () => {
    expect(client.listStores().map((s) => s.storeId)).toEqual([22766]);
    expect(http.sent[0].headers.authorization).toBe(`Basic ${Buffer.from(`${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}`).toString('base64')}`);
  });

  it('reports bad credentials as an ApiError that says where to fix them', () => {
    const bad = makeClient('wrong', 'creds');
    expect(() => bad.listStores()).toThrow(ApiError);
    expect(() => bad.listStores()).toThrow(/API Key and API Secret in Settings/);
  });

  it('creates orders in batches of 100 and never duplicates on a resend (orderKey upsert)', () => {
    const orders = Array.from({ length: 150 }, (_, i) => order(i));
    const first = client.createOrders(orders);
    expect(first.every((r) => r.success && r.orderId > 0)).toBe(true);
    const again = client.createOrders(orders);
    expect(again.map((r) => r.orderId)).toEqual(first.map((r) => r.orderId));
    expect(fake.orders.size).toBe(150);
    expect(fake.requests.filter((r) => r.path === '/orders/createorders')).toHaveLength(4);
  });

  it('returns per-order failures in a batch and goes on with the rest', () => {
    const [r] = client.createOrders([order(1)]);
    fake.shipOrder(r.orderId, { trackingNumber: '1Z1', carrierCode: 'ups' });
    const results = client.createOrders([order(1), order(2)]);
    expect(results[0].success).toBe(false);
    expect(results[0].errorMessage).toBeTruthy();
    expect(results[1].success).toBe(true);
  });

  it('pages through lists of more than 500', () => {
    client.createOrders(Array.from({ length: 1100 }, (_, i) => order(i)));
    const listed = client.listOrders({ storeId: 22766, orderStatus: 'awaiting_shipment' });
    expect(listed).toHaveLength(1100);
    expect(new Set(listed.map((o) => o.orderId)).size).toBe(1100);
  });

  it('lists oldest first and stops after the page the caller says is enough', () => {
    client.createOrders(Array.from({ length: 600 }, (_, i) => order(i)));
    const cutoff = clock.now();
    clock.advance(3_600_000);
    client = makeClient(); // a later run
    client.createOrders(Array.from({ length: 600 }, (_, i) => order(1000 + i)));
    const before = fake.requests.length;
    const listed = client.listOrders({ storeId: 22766, orderStatus: 'awaiting_shipment', oldestFirstUntil: (page) => Date.parse(`${String(page[page.length - 1].createDate)}-08:00`) > cutoff });
    const calls = fake.requests.slice(before);
    // Page 1 holds 500 older orders; page 2 reaches past the cutoff; page 3 is not read.
    expect(calls.map((r) => [r.query.sortBy, r.query.sortDir, r.query.page])).toEqual([
      ['CreateDate', 'ASC', '1'],
      ['CreateDate', 'ASC', '2'],
    ]);
    expect(listed.slice(0, 600).every((o) => Number(o.orderNumber) < 1600)).toBe(true);
    expect(listed).toHaveLength(1000);
  });

  it('paces itself to the 40-a-minute window instead of running into 429s', () => {
    for (let i = 0; i < 85; i++) client.getOrder(1);
    const statuses = fake.requests.length;
    expect(statuses).toBe(85);
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    expect(sleeps.every((ms) => ms > 0 && ms <= 61_000)).toBe(true);
  });

  it('waits X-Rate-Limit-Reset + 1 s after a 429, then retries', () => {
    fake.faults.enqueue({ path: '/stores', status: 429, body: '{"message":"Too Many Requests"}', headers: { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '17' } });
    expect(client.listStores()).toHaveLength(1);
    expect(sleeps).toEqual([18_000]);
  });

  it('retries 5xx with backoff, and turns an HTML page into a readable error', () => {
    fake.faults.enqueue({ path: '/stores', status: 503, count: 2 });
    expect(client.listStores()).toHaveLength(1);
    expect(sleeps).toEqual([1000, 2000]);
    fake.faults.enqueue({ path: '/stores', status: 200, body: '<html><body>Maintenance</body></html>' });
    expect(() => client.listStores()).toThrow(/not JSON/);
  });

  it('sends date filters as Pacific local time, right across the DST change', () => {
    // 2026-03-08T09:30Z is 01:30 PST; 2026-03-08T10:30Z is 03:30 PDT.
    client.listOrders({ storeId: 22766, modifiedSince: Date.parse('2026-03-08T09:30:00Z') });
    client.listOrders({ storeId: 22766, modifiedSince: Date.parse('2026-03-08T10:30:00Z') });
    const sent = fake.requests.filter((r) => r.path === '/orders').map((r) => r.query.modifyDateStart);
    expect(sent).toEqual(['2026-03-08 01:30:00', '2026-03-08 03:30:00']);
  });

  it('reads shipments with their items, including voided ones, and filters by Pacific create date', () => {
    const [r] = client.createOrders([order(7, { items: [{ lineItemKey: '1', sku: 'A', name: 'A', quantity: 1 }, { lineItemKey: '2', sku: 'B', name: 'B', quantity: 1 }] })]);
    clock.advance(60_000);
    const split = fake.shipOrder(r.orderId, { trackingNumber: 'T1', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '1', quantity: 1 }] });
    const rest = fake.shipOrder(r.orderId, { trackingNumber: 'T2', carrierCode: 'ups', serviceCode: 'ups_ground', items: [{ lineItemKey: '2', quantity: 1 }] });
    fake.voidShipment(rest.shipmentId);
    const shipments = client.listShipments({ storeId: 22766, createdSince: clock.now() - 30_000, includeShipmentItems: true });
    expect(shipments.map((s) => [s.shipmentId, s.voided, s.shipmentItems?.map((i) => i.lineItemKey)])).toEqual([
      [split.shipmentId, false, ['1']],
      [rest.shipmentId, true, ['2']],
    ]);
    expect(client.listShipments({ storeId: 22766, createdSince: clock.now() + 3_600_000 })).toHaveLength(0);
  });
});
