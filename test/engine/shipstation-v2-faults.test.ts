import { describe, expect, it } from 'vitest';
import { createHarness, SS_V2_BASE } from '../support/harness';
import type { FakeHttpRequest, FakeHttpResponse } from '../support/http';

/**
 * The faults APIs really show, at each ShipStation API V2 endpoint the sync uses, in a cycle with
 * every kind of work (new orders, labels, a mark-as-shipped, cancels both ways), then clean cycles:
 * every order ends as it should, no second shipment for an order, no tracking sent twice, no V2
 * contract violation. (The V1 back end has the full reliability suite, test/reliability/.)
 */
const MIN = 60_000;
type H = ReturnType<typeof createHarness>;

interface Endpoint {
  name: string;
  method: string;
  path: RegExp;
  writes?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'create shipments', method: 'POST', path: /^\/v2\/shipments$/, writes: true },
  { name: 'shipment by ID', method: 'GET', path: /^\/v2\/shipments\/se-/ },
  { name: 'cancelled shipments', method: 'GET', path: /^\/v2\/shipments\?.*shipment_status=cancelled/ },
  { name: 'labels', method: 'GET', path: /^\/v2\/labels/ },
  { name: 'fulfillments', method: 'GET', path: /^\/v2\/fulfillments/ },
  { name: 'warehouses', method: 'GET', path: /^\/v2\/warehouses/ },
  { name: 'cancel', method: 'PUT', path: /\/cancel$/, writes: true },
];

interface Fault {
  kind: string;
  count: number;
  /** The server does the work, then the answer is replaced (a gateway timeout after the fact). */
  apply?: boolean;
  answer: (real?: FakeHttpResponse) => FakeHttpResponse;
}

const FAULTS: Fault[] = [
  { kind: '5xx burst outlasting every retry', count: 6, answer: () => ({ status: 503, headers: {}, body: '' }) },
  { kind: '429 with Retry-After', count: 1, answer: () => ({ status: 429, headers: { 'retry-after': '20' }, body: '' }) },
  { kind: 'an HTML gateway page', count: 6, answer: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' }) },
  { kind: 'a truncated JSON body', count: 1, apply: true, answer: (real) => ({ ...real!, status: 200, body: real!.body.slice(0, Math.max(1, Math.floor(real!.body.length / 2))) }) },
  { kind: 'the answer lost after the work was done', count: 1, apply: true, answer: () => ({ status: 504, headers: {}, body: '' }) },
];

function arm(h: H, e: Endpoint, f: Fault): { fired: () => number } {
  let left = f.count;
  let fired = 0;
  h.sim.network.route(SS_V2_BASE, (req: FakeHttpRequest) => {
    const url = new URL(req.url);
    const hit = left > 0 && req.method === e.method && e.path.test(url.pathname + url.search);
    if (!hit) return h.ssV2.handle(req);
    left--;
    fired++;
    return f.apply ? f.answer(h.ssV2.handle(req)) : f.answer();
  });
  return { fired: () => fired };
}

function workload(h: H) {
  h.install();
  h.sim.spreadsheet.getSheetByName('Carrier Map')!.appendRow(['ups', '', 'UPS', 'Ground', 'UPCG']);
  const o = Array.from({ length: 5 }, () => h.dsco.seedOrder().dscoOrderId);
  h.clock.advance(MIN);
  h.call('syncNow');
  h.clock.advance(10 * MIN);
  const id = (x: string) => h.shop.order(x).id;
  h.shop.ship(id(o[0]), { trackingNumber: `1ZFULL${o[0]}`, carrierCode: 'ups', serviceCode: 'ups_ground' });
  h.shop.markShippedWithoutLabel(id(o[1]), { trackingNumber: `1ZMARK${o[1]}`, carrierCode: 'ups' });
  h.shop.cancelInUi(id(o[2]));
  h.dsco.retailerCancel(o[3]);
  h.dsco.retailerCancelRequest(o[4]);
  const n = [h.dsco.seedOrder().dscoOrderId, h.dsco.seedOrder().dscoOrderId];
  h.clock.advance(MIN);
  return new Map<string, string>([
    [o[0], 'Shipped'],
    [o[1], 'Shipped'],
    [o[2], 'Cancelled'],
    [o[3], 'Cancelled'],
    [o[4], 'Cancelled'],
    ...n.map((x) => [x, 'Sent to SS'] as [string, string]),
  ]);
}

describe.each(ENDPOINTS)('ShipStation V2 $name', (e: Endpoint) => {
  it.each(FAULTS.filter((f) => !f.apply || e.writes || f.kind.startsWith('a truncated')))('$kind: no duplicate, nothing lost', (f: Fault) => {
    const h = createHarness({ shipstation: 'v2' });
    const expected = workload(h);
    const fault = arm(h, e, f);
    h.call('syncNow');
    for (let i = 0; i < 4; i++) {
      h.clock.advance(15 * MIN);
      h.call('syncNow');
    }
    expect(fault.fired(), 'the fault fired').toBeGreaterThan(0);
    const got = new Map([...expected.keys()].map((id) => [id, h.row(id)?.status ?? 'missing']));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    for (const id of expected.keys()) expect(h.shop.ordersFor(id).length, `${id} in ShipStation`).toBeLessThanOrEqual(1);
    const sent = h.dsco.requests.filter((r) => r.path === '/order/singleShipment').map((r) => (r.body as { shipments: { trackingNumber: string }[] }).shipments[0].trackingNumber);
    expect(new Set(sent).size).toBe(sent.length);
    expect(h.shop.violations()).toEqual([]);
    expect(h.dsco.violations).toEqual([]);
  });
});
