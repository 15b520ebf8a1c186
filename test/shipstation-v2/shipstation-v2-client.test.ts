import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/core/errors';
import { DEFAULT_BACKOFF } from '../../src/core/http/backoff';
import { TimeBudget } from '../../src/core/time/time-budget';
import type { SsOrder } from '../../src/shipstation/shipstation-types';
import { ShipStationV2Client } from '../../src/shipstation-v2/shipstation-v2-client';
import { createShipStationV2Fake, DEFAULT_V2_API_KEY, type ShipStationV2Fake } from '../../sandbox/fakes/shipstation-v2';
import { createClock, type SimClock } from '../../sandbox/clock';
import { coreClock, directHttp } from '../../sandbox/direct-http';

const BASE = 'https://api.shipstation.com';

function order(n: number, extra: Partial<SsOrder> = {}): SsOrder {
  return {
    orderNumber: String(1000 + n),
    orderKey: String(1000 + n),
    orderDate: '2026-03-02 07:00:00',
    orderStatus: 'awaiting_shipment',
    billTo: { name: 'Ann Buyer', street1: null, city: null, state: null, postalCode: null, country: 'US' },
    shipTo: { name: 'Ann Buyer', street1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US', residential: true },
    items: [{ lineItemKey: '1', sku: 'SKU-1', name: 'Mug', quantity: 2, unitPrice: 5 }],
    advancedOptions: { storeId: 22766 },
    ...extra,
  };
}

let clock: SimClock;
let fake: ShipStationV2Fake;
let http: ReturnType<typeof directHttp>;
let client: ShipStationV2Client;
let sleeps: number[];

function makeClient(apiKey = DEFAULT_V2_API_KEY, budgetMs = 600_000) {
  const c = coreClock(clock);
  sleeps = c.slept;
  return new ShipStationV2Client({ http, clock: c, budget: new TimeBudget(c, budgetMs), policy: DEFAULT_BACKOFF }, BASE, apiKey);
}

beforeEach(() => {
  clock = createClock('2026-03-02T15:00:00Z');
  fake = createShipStationV2Fake({ clock });
  http = directHttp({ [BASE]: fake.handle });
  client = makeClient();
});

const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/shipments');

describe('ShipStationV2Client against the V2 fake', () => {
  it('creates orders as shipments with the DSCO order ID as external_shipment_id, the API-Key header and the default warehouse as ship-from', () => {
    const results = client.createOrders([order(1), order(2, { shipTo: { ...order(2).shipTo, phone: '555-0101' } })]);
    expect(results.map((r) => r.success)).toEqual([true, true]);
    expect(http.sent[0].headers['api-key']).toBe(DEFAULT_V2_API_KEY);
    const created = fake.byExternalId('1001')!;
    expect(created).toMatchObject({ store_id: 'se-22766', shipment_status: 'pending', ship_to: { city_locality: 'Austin', phone: '512-555-0100', address_residential_indicator: 'yes' } });
    expect(created.ship_from).toMatchObject({ name: 'Acme Warehouse' });
    expect(fake.byExternalId('1002')!.ship_to.phone).toBe('555-0101');
    expect(results[0].orderId).toBe(Number(created.shipment_id.slice(3)));
    const read = client.getOrder(results[0].orderId)!;
    expect(read).toMatchObject({ orderKey: '1001', orderStatus: 'awaiting_shipment', advancedOptions: { storeId: 22766 } });
    expect(read.items).toEqual([expect.objectContaining({ lineItemKey: '1', sku: 'SKU-1', quantity: 2 })]);
    expect(fake.violations).toEqual([]);
  });

  it('never creates a second shipment: an order already there is looked up by external ID and reported with its orderId', () => {
    const [first] = client.createOrders([order(1)]);
    const again = makeClient().createOrders([order(1), order(2)]);
    expect(again[0]).toMatchObject({ success: false, orderId: first.orderId });
    expect(again[1].success).toBe(true);
    expect([...fake.shipments.values()].filter((s) => s.external_shipment_id === '1001')).toHaveLength(1);
    expect(fake.requests.some((r) => r.path === '/v2/shipments/external_shipment_id/1001')).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('after a lost answer, looks each order up before sending again, and sends only the missing ones', () => {
    fake.faults.enqueue({ method: 'POST', path: '/v2/shipments', status: 502, body: '<html>Bad gateway</html>' });
    const results = client.createOrders([order(1)]);
    expect(results[0].success).toBe(true);
    expect(posts()).toHaveLength(2); // one lost, one after the lookup found nothing
    expect(fake.requests.filter((r) => r.path.startsWith('/v2/shipments/external_shipment_id/'))).toHaveLength(1);
    expect(fake.shipments.size).toBe(1);
  });

  it('reads labels since a time, matched to their shipment, with items, Pacific ship date, and voids and returns flagged', () => {
    const [r] = client.createOrders([order(1)]);
    const id = `se-${r.orderId}`;
    const since = clock.now();
    clock.advance(60_000);
    const voided = fake.buyLabel(id, { trackingNumber: 'VOID-1', carrierCode: 'ups', serviceCode: 'ups_ground' });
    fake.voidLabel(voided.label_id);
    fake.buyLabel(id, { trackingNumber: '1Z-GOOD', carrierCode: 'ups', serviceCode: 'ups_ground', extraPackages: ['1Z-PKG2'] });
    fake.buyLabel(id, { trackingNumber: 'RET-1', carrierCode: 'ups', serviceCode: 'ups_ground', isReturn: true });
    const shipments = makeClient().listShipments({ storeId: 22766, createdSince: since, includeShipmentItems: true });
    expect(shipments.map((s) => [s.trackingNumber, s.voided, s.isReturnLabel])).toEqual([
      ['VOID-1', true, false],
      ['1Z-GOOD', false, false],
      ['RET-1', false, true],
    ]);
    expect(shipments[1]).toMatchObject({ orderId: r.orderId, orderKey: '1001', shipDate: '2026-03-02', carrierCode: 'ups', serviceCode: 'ups_ground' });
    expect(shipments[1].shipmentItems).toEqual([expect.objectContaining({ lineItemKey: '1', quantity: 2 })]);
    expect(makeClient().listShipments({ storeId: 99, createdSince: since })).toEqual([]);
    expect(client.listShipments({ orderNumber: '1001' })).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it('matches many labels to their shipments with a paged shipment list, not one read per label', () => {
    const created = client.createOrders(Array.from({ length: 150 }, (_, i) => order(i)));
    const since = clock.now();
    clock.advance(60_000);
    for (const r of created) fake.buyLabel(`se-${r.orderId}`, { trackingNumber: `T-${r.orderId}`, carrierCode: 'ups', serviceCode: 'ups_ground' });
    const before = fake.requests.length;
    const shipments = makeClient().listShipments({ storeId: 22766, createdSince: since, includeShipmentItems: true });
    expect(shipments).toHaveLength(150);
    expect(shipments.every((s) => s.shipmentItems?.length === 1 && s.orderKey)).toBe(true);
    expect(fake.requests.length - before).toBeLessThanOrEqual(6); // 2 label pages + 2 shipment pages (+ the empty-page checks)
    expect(fake.violations).toEqual([]);
  });

  it('reads fulfillments with the carrier name as a code, and cancelled orders since a time', () => {
    const [a, b] = client.createOrders([order(1), order(2)]);
    const since = clock.now();
    clock.advance(60_000);
    fake.markShipped(`se-${a.orderId}`, { trackingNumber: 'FUL-1', carrierFriendlyName: 'FedEx' });
    fake.cancelInUi(`se-${b.orderId}`);
    expect(client.listFulfillments({ createdSince: since })).toEqual([expect.objectContaining({ orderId: a.orderId, orderNumber: '1001', trackingNumber: 'FUL-1', carrierCode: 'fedex' })]);
    const cancelled = client.listOrders({ storeId: 22766, orderStatus: 'cancelled', modifiedSince: since });
    expect(cancelled.map((o) => [o.orderKey, o.orderStatus])).toEqual([['1002', 'cancelled']]);
    expect(fake.violations).toEqual([]);
  });

  it('cancels through the API, voiding a label left on the open order first', () => {
    const [r] = client.createOrders([order(1)]);
    const id = `se-${r.orderId}`;
    const label = fake.buyLabel(id, { trackingNumber: 'L-1', carrierCode: 'ups', serviceCode: 'ups_ground' });
    fake.shipments.get(id)!.shipment_status = 'pending'; // a label bought while the order stays open
    const after = client.createOrder({ ...client.getOrder(r.orderId)!, orderStatus: 'cancelled' });
    expect(after.orderStatus).toBe('cancelled');
    expect(fake.labels.find((l) => l.label_id === label.label_id)!.voided).toBe(true);
    const paths = fake.requests.filter((q) => q.method === 'PUT').map((q) => q.path);
    expect(paths).toEqual([`/v2/labels/${label.label_id}/void`, `/v2/shipments/${id}/cancel`]);
    // bulk: createOrders with cancelled orders cancels each
    const [b] = client.createOrders([order(2)]);
    expect(client.createOrders([{ ...client.getOrder(b.orderId)!, orderStatus: 'cancelled' }])[0].success).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('refuses to change an order (V2 has no update), and reports V2 error bodies readably', () => {
    const [r] = client.createOrders([order(1)]);
    expect(() => client.createOrder({ ...client.getOrder(r.orderId)!, shipTo: { ...order(1).shipTo, city: 'Dallas' } })).toThrow(/cannot change an existing order/);
    const bad = makeClient('wrong-key');
    expect(() => bad.getOrder(1)).toThrow(ApiError);
    expect(() => bad.getOrder(1)).toThrow(/HTTP 401\): The API key is invalid.*request .*Check the ShipStation V2 API Key/);
    expect(client.getOrder(999)).toBeUndefined();
  });

  it('paces itself to 200 requests a minute and waits Retry-After on a 429', () => {
    for (let i = 0; i < 205; i++) client.getOrder(1);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(fake.requests.length).toBe(205);
    fake.faults.enqueue({ path: /\/v2\/warehouses/, status: 429, headers: { 'Retry-After': '7' }, body: '' });
    expect(makeClient().listWarehouses()).toHaveLength(1);
    expect(sleeps).toContain(8_000);
  });

  it('Test connection: lists the stores seen on recent orders and the default warehouse, and says the store cannot be checked', () => {
    expect(client.checkSetup(22766).message).toMatch(/V2 cannot list stores, so store 22766 could not be checked/);
    client.createOrders([order(1)]);
    const check = makeClient().checkSetup(22766);
    expect(check).toMatchObject({ ok: true, stores: [{ storeId: 22766 }] });
    expect(check.message).toMatch(/orders go to store 22766; orders ship from "Main"/);
  });
});
