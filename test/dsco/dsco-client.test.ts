import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../src/core/errors';
import { DEFAULT_BACKOFF } from '../../src/core/http/backoff';
import { TimeBudget } from '../../src/core/time/time-budget';
import { DscoClient } from '../../src/dsco/dsco-client';
import { DscoTokenProvider } from '../../src/dsco/dsco-token-provider';
import { createDscoFake, type DscoFake } from '../../sandbox/fakes/dsco';
import { createClock, type SimClock } from '../../sandbox/clock';
import { coreClock, directHttp, memoryCache } from '../../sandbox/direct-http';

const BASE = 'https://api.dsco.io/api/v3';
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

let clock: SimClock;
let fake: DscoFake;
let http: ReturnType<typeof directHttp>;
let cache: ReturnType<typeof memoryCache>;
let sleeps: number[];

function client(secret = 'test-client-secret', budgetMs = 600_000): DscoClient {
  const c = coreClock(clock);
  sleeps = c.slept;
  const ctx = { http, clock: c, budget: new TimeBudget(c, budgetMs), policy: DEFAULT_BACKOFF };
  return new DscoClient(ctx, BASE, new DscoTokenProvider(ctx, cache, BASE, { clientId: 'test-client-id', clientSecret: secret }));
}

const tokenCalls = () => fake.requests.filter((r) => r.path === '/oauth2/token').length;

beforeEach(() => {
  clock = createClock('2026-03-02T15:00:00Z');
  fake = createDscoFake({ clock, tokenTtlSeconds: 3600 });
  http = directHttp({ [BASE]: fake.handle });
  cache = memoryCache(clock);
});

describe('DscoClient against the fake (every request and response checked against the official spec)', () => {
  it('signs in with a form-encoded client-credentials request and says hello', () => {
    expect(client().hello()).toBe('World!');
    const tokenRequest = http.sent.find((r) => r.url.endsWith('/oauth2/token'))!;
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.body).toContain('grant_type=client_credentials');
    expect(fake.violations).toEqual([]);
  });

  it('reuses the cached token across executions until shortly before expiry, then fetches a new one', () => {
    client().hello();
    client().hello(); // a new execution: token from the cache
    expect(tokenCalls()).toBe(1);
    clock.advance(3600_000 - 60_000); // inside the 2-minute safety margin
    client().hello();
    expect(tokenCalls()).toBe(2);
  });

  it('fetches a new token once when DSCO answers 401 (token revoked mid-cycle)', () => {
    const c = client();
    c.hello();
    fake.revokeTokens();
    expect(c.hello()).toBe('World!');
    expect(tokenCalls()).toBe(2);
  });

  it('explains a bad secret without echoing it', () => {
    const e = (() => {
      try {
        client('wrong-secret-value').hello();
      } catch (err) {
        return err as ApiError;
      }
      throw new Error('expected an error');
    })();
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/invalid_client/);
    expect(e.message).toMatch(/Client ID and Client Secret in Settings/);
    expect(e.message).not.toContain('wrong-secret-value');
  });

  it('scroll-pages /order/page until an empty page, with the status filter repeated', () => {
    for (let i = 0; i < 25; i++) fake.seedOrder();
    clock.advance(60_000);
    const c = client();
    const pages: number[] = [];
    c.forEachOrderPage({ createdSince: iso(clock.now() - 86_400_000), until: iso(clock.now() - 10_000), statuses: ['created', 'shipment_pending'], ordersPerPage: 10 }, (o) => {
      pages.push(o.length);
    });
    expect(pages).toEqual([10, 10, 5]);
    const first = fake.requests.find((r) => r.path === '/order/page')!;
    expect(first.query.status).toEqual(['created', 'shipment_pending']);
    expect(fake.violations).toEqual([]);
  });

  it('reports an expired scroll page (404 after 5 minutes) as an ApiError the next sync recovers from', () => {
    for (let i = 0; i < 15; i++) fake.seedOrder();
    clock.advance(60_000);
    const c = client();
    expect(() =>
      c.forEachOrderPage({ createdSince: iso(clock.now() - 86_400_000), until: iso(clock.now() - 10_000), ordersPerPage: 10 }, () => {
        clock.advance(5 * 60_000 + 1_000);
      }),
    ).toThrow(/expired before it was read/);
  });

  it('acknowledges asynchronously and reads the outcome from /order/log', () => {
    const a = fake.seedOrder();
    const b = fake.seedOrder();
    fake.failNextAcknowledge([b.dscoOrderId], 'Order is on hold at the retailer');
    const c = client();
    const res = c.acknowledge([
      { id: a.dscoOrderId, type: 'DSCO_ORDER_ID', supplierOrderNumber: '5001' },
      { id: b.dscoOrderId, type: 'DSCO_ORDER_ID', supplierOrderNumber: '5002' },
    ]);
    expect(res.requestId).toBeTruthy();
    expect(c.getChangeLog(res.requestId).status).toBe('PROCESSING');
    clock.advance(3_000);
    const log = c.getChangeLog(res.requestId);
    expect(log.status).toBe('COMPLETED');
    const byId = Object.fromEntries(log.logs.map((l) => [l.payload.id, l.status]));
    expect(byId).toEqual({ [a.dscoOrderId]: 'success', [b.dscoOrderId]: 'failure' });
    expect(JSON.stringify(log.logs.find((l) => l.status === 'failure')!.results)).toContain('on hold');
    expect(fake.orders.get(a.dscoOrderId)!.dscoLifecycle).toBe('acknowledged');
    expect(fake.orders.get(b.dscoOrderId)!.dscoLifecycle).toBe('created');
    expect(fake.violations).toEqual([]);
  });

  it("turns DSCO's VALIDATION_FAILED messages into a readable error", () => {
    const o = fake.seedOrder();
    const c = client();
    expect(() => c.singleShipment({ dscoOrderId: o.dscoOrderId, shipments: [{ trackingNumber: '1Z999', lineItems: [{ lineNumber: 1, quantity: 1 }] }] })).toThrow(
      /DSCO shipment failed \(HTTP 400\): .*VALIDATION_FAILED/,
    );
    c.singleShipment({ dscoOrderId: o.dscoOrderId, shipments: [{ trackingNumber: '1Z999', shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] }] });
    expect(fake.orders.get(o.dscoOrderId)!.dscoStatus).toBe('shipped');
    expect(fake.violations).toEqual([]);
  });

  it('retries 429 and 5xx with exponential backoff on reads', () => {
    const c = client();
    c.hello();
    fake.faults.enqueue({ path: '/hello', status: 429, count: 1 });
    fake.faults.enqueue({ path: '/hello', status: 503, count: 2 });
    expect(c.hello()).toBe('World!');
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('does not resend a shipment after a 5xx (it may have been applied), only after a 429', () => {
    const o = fake.seedOrder();
    const c = client();
    const body = { dscoOrderId: o.dscoOrderId, shipments: [{ trackingNumber: 'T-5XX', shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] }] };
    fake.faults.enqueue({ path: '/order/singleShipment', status: 502, count: 1 });
    expect(() => c.singleShipment(body)).toThrow(ApiError);
    expect(fake.requests.filter((r) => r.path === '/order/singleShipment')).toHaveLength(1);
    fake.faults.enqueue({ path: '/order/singleShipment', status: 429, count: 1 });
    c.singleShipment(body);
    expect(fake.requests.filter((r) => r.path === '/order/singleShipment')).toHaveLength(3);
  });

  it('gives a clear error for an HTML page with status 200 and for a network failure', () => {
    const c = client();
    c.hello();
    fake.faults.enqueue({ path: '/hello', status: 200, body: '<html>Gateway</html>' });
    expect(() => c.hello()).toThrow(/not JSON/);
    const offline = new DscoClient(
      { http: directHttp({}), clock: coreClock(clock), budget: TimeBudget.unlimited(coreClock(clock)), policy: { ...DEFAULT_BACKOFF, maxAttempts: 2 } },
      BASE,
      new DscoTokenProvider({ http: directHttp({}), clock: coreClock(clock), budget: TimeBudget.unlimited(coreClock(clock)), policy: { ...DEFAULT_BACKOFF, maxAttempts: 2 } }, memoryCache(clock), BASE, { clientId: 'x', clientSecret: 'y' }),
    );
    expect(() => offline.hello()).toThrow(NetworkError);
  });

  it('sends shipments for many orders in one asynchronous batch and reads each outcome by requestId or by date', () => {
    const a = fake.seedOrder();
    const b = fake.seedOrder();
    const c = client();
    const ship = (id: string, t: string) => ({ dscoOrderId: id, shipments: [{ trackingNumber: t, shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] }] });
    const res = c.createShipmentSmallBatch([ship(a.dscoOrderId, 'B-1'), ship(b.dscoOrderId, 'B-2')]);
    expect(res.requestId).toEqual(expect.any(String));
    clock.advance(5_000);
    const log = c.getChangeLog(res.requestId, 'shipment batch check');
    expect(log.status).toBe('COMPLETED');
    expect(log.logs.map((l) => [l.payload.dscoOrderId, l.status])).toEqual([[a.dscoOrderId, 'success'], [b.dscoOrderId, 'success']]);
    const byDate = c.getChangeLogBetween(iso(clock.now() - 60_000), iso(clock.now()));
    expect(byDate.logs.filter((l) => l.requestId === res.requestId)).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it('does not resend a shipment batch after a 5xx (it may have been applied), only after a 429', () => {
    const o = fake.seedOrder();
    const c = client();
    const body = [{ dscoOrderId: o.dscoOrderId, shipments: [{ trackingNumber: 'B-5XX', shippingServiceLevelCode: 'UPCG', lineItems: [{ lineNumber: 1, quantity: 1 }] }] }];
    fake.faults.enqueue({ path: '/order/shipment/batch/small', status: 504, count: 1 });
    expect(() => c.createShipmentSmallBatch(body)).toThrow(ApiError);
    expect(fake.requests.filter((r) => r.path === '/order/shipment/batch/small')).toHaveLength(1);
    fake.faults.enqueue({ path: '/order/shipment/batch/small', status: 429, count: 1 });
    c.createShipmentSmallBatch(body);
    expect(fake.requests.filter((r) => r.path === '/order/shipment/batch/small')).toHaveLength(3);
  });

  it('cancels lines with a cancel code', () => {
    const o = fake.seedOrder({ lineItems: [{ quantity: 2 }, { quantity: 1 }] });
    client().cancelItems({ id: o.dscoOrderId, type: 'DSCO_ORDER_ID', lineItems: o.lineItems.map((l) => ({ lineNumber: l.lineNumber!, cancelledQuantity: l.quantity, cancelCode: 'CXSO' })) });
    expect(fake.orders.get(o.dscoOrderId)!.dscoStatus).toBe('cancelled');
    expect(fake.violations).toEqual([]);
  });
});
