import { describe, expect } from 'vitest';
import type { FakeHttpResponse } from '../../sandbox/http';
import { type Backend, BACKENDS } from '../../sandbox/shipstation-backend';
import type { Rig, Service, WireFault } from './support/rig';
import { faultScenario, reliabilityTest, settleAndCheck, stageWorkload } from './support/scenario';

/**
 * The faults APIs really show, each injected into a cycle that has every kind of work to do (new
 * orders, acknowledgements, tracking, cancellations both ways), then a few clean cycles: no
 * duplicate, no lost order, watermarks not ahead of the work, no leak (faultScenario checks all).
 */

interface Endpoint {
  name: string;
  service: Service;
  method: string;
  /** String: the exact path; RegExp: tested against path + query (DSCO paths without /api/v3). */
  path: string | RegExp;
  /** A POST that changes something (its answer can be lost after the work is done). */
  writes?: boolean;
  /** Makes the next cycle call this endpoint (the DSCO token is cached for an hour). */
  prepare?: (r: Rig) => void;
}

const DSCO: Endpoint[] = [
  { name: 'DSCO sign-in', service: 'dsco', method: 'POST', path: '/oauth2/token', prepare: (r) => r.clock.advance(60 * 60_000) },
  { name: 'DSCO order pull', service: 'dsco', method: 'GET', path: /^\/order\/page\?(?!scrollId=).*ordersCreatedSince/ },
  { name: 'DSCO next page', service: 'dsco', method: 'GET', path: /^\/order\/page\?scrollId=/ },
  { name: 'DSCO updated orders', service: 'dsco', method: 'GET', path: /^\/order\/page\?(?!scrollId=).*ordersUpdatedSince/ },
  { name: 'DSCO acknowledge', service: 'dsco', method: 'POST', path: '/order/acknowledge', writes: true },
  { name: 'DSCO change log', service: 'dsco', method: 'GET', path: /^\/order\/log/ },
  // Any shipment endpoint (singleShipment, or a batch one).
  { name: 'DSCO shipment', service: 'dsco', method: 'POST', path: /^\/order\/.*hipment/i, writes: true },
  { name: 'DSCO line cancel', service: 'dsco', method: 'POST', path: '/order/item/cancel', writes: true },
];

const SS: Endpoint[] = [
  { name: 'ShipStation createorders', service: 'ss', method: 'POST', path: '/orders/createorders', writes: true },
  { name: 'ShipStation createorder (cancel)', service: 'ss', method: 'POST', path: '/orders/createorder', writes: true },
  { name: 'ShipStation order lookup', service: 'ss', method: 'GET', path: /^\/orders\/\d+/ },
  { name: 'ShipStation cancelled orders', service: 'ss', method: 'GET', path: /^\/orders\?/ },
  { name: 'ShipStation shipments', service: 'ss', method: 'GET', path: /^\/shipments\?/ },
  { name: 'ShipStation fulfillments', service: 'ss', method: 'GET', path: /^\/fulfillments/ },
];

/** The same roles on ShipStation API V2, in the same order (SS_ON[b][i] does what SS[i] does on V1). */
const SS_V2: Endpoint[] = [
  { name: 'ShipStation V2 create shipments', service: 'ss', method: 'POST', path: '/v2/shipments', writes: true },
  { name: 'ShipStation V2 cancel', service: 'ss', method: 'PUT', path: /^\/v2\/shipments\/se-\d+\/cancel/, writes: true },
  { name: 'ShipStation V2 order lookup', service: 'ss', method: 'GET', path: /^\/v2\/shipments\/se-\d+$/ },
  { name: 'ShipStation V2 cancelled orders', service: 'ss', method: 'GET', path: /^\/v2\/shipments\?.*shipment_status=cancelled/ },
  { name: 'ShipStation V2 labels', service: 'ss', method: 'GET', path: /^\/v2\/labels\?/ },
  { name: 'ShipStation V2 fulfillments', service: 'ss', method: 'GET', path: /^\/v2\/fulfillments/ },
  // V2 only: the ship-from location every create needs.
  { name: 'ShipStation V2 warehouses', service: 'ss', method: 'GET', path: '/v2/warehouses' },
];

const SS_ON: Record<Backend, Endpoint[]> = { v1: SS, v2: SS_V2 };
/** V1 test names stay as they were (the reliability report keys on them); V2's say so. */
const onApi = (b: Backend) => (b === 'v2' ? ' (API V2)' : '');
/** The DSCO endpoints once (with V1), the ShipStation ones on each back end. */
const ALL: { e: Endpoint; backend: Backend }[] = [
  ...DSCO.map((e) => ({ e, backend: 'v1' as Backend })),
  ...BACKENDS.flatMap((backend) => SS_ON[backend].map((e) => ({ e, backend }))),
];

/** Arms a fault at an endpoint (calling its `prepare` first). */
function armAt(r: Rig, e: Endpoint, f: Omit<WireFault, 'service' | 'method' | 'path'>): void {
  e.prepare?.(r);
  r.wire.enqueue(at(e, f));
}
const at = (e: Endpoint, f: Omit<WireFault, 'service' | 'method' | 'path'>): WireFault => ({ service: e.service, method: e.method, path: e.path, ...f });

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the server.</p></body></html>';
const truncate = (real: FakeHttpResponse): FakeHttpResponse => ({ ...real, status: 200, body: real.body.slice(0, Math.max(1, Math.floor(real.body.length / 2))) });

describe('5xx bursts', () => {
  for (const { e, backend } of ALL) {
    reliabilityTest('faults', `${e.name}: 5xx burst outlasting every retry`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => armAt(r, e, { kind: `${e.service}-5xx`, status: 503, body: '{"message":"Service Unavailable"}', count: 6 }));
    });
  }
  for (const { e, backend } of ALL.filter((x) => x.e.writes)) {
    reliabilityTest('faults', `${e.name}: gateway 504 after the server did the work`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => r.wire.enqueue(at(e, { kind: `${e.service}-5xx-after-work`, status: 504, apply: true, count: 2 })));
    });
  }
  for (const backend of BACKENDS) {
    reliabilityTest('faults', `DSCO and ShipStation both failing for two cycles${onApi(backend)}`, ({ rig }) => {
      faultScenario(
        rig({ shipstation: backend }),
        (r) => {
          r.wire.enqueue({ kind: 'dsco-5xx', service: 'dsco', status: 500, count: 40 });
          r.wire.enqueue({ kind: 'ss-5xx', service: 'ss', status: 502, count: 40 });
        },
        { faultCycles: 2 },
      );
    });
  }
});

describe('429 storms', () => {
  reliabilityTest('faults', 'ShipStation 429 storm with X-Rate-Limit-Reset', ({ rig }) => {
    faultScenario(rig(), (r) =>
      r.wire.enqueue({ kind: 'ss-429', service: 'ss', status: 429, body: '{"message":"Too Many Requests"}', headers: { 'X-Rate-Limit-Limit': '40', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '7' }, count: 12 }),
    );
  });
  reliabilityTest('faults', 'ShipStation 429 storm without X-Rate-Limit-Reset', ({ rig }) => {
    faultScenario(rig(), (r) => r.wire.enqueue({ kind: 'ss-429', service: 'ss', status: 429, body: '{"message":"Too Many Requests"}', count: 12 }), { faultCycles: 2 });
  });
  reliabilityTest('faults', 'DSCO 429 storm with Retry-After', ({ rig }) => {
    faultScenario(rig(), (r) => r.wire.enqueue({ kind: 'dsco-429', service: 'dsco', status: 429, headers: { 'Retry-After': '3' }, body: '{"message":"Too Many Requests"}', count: 12 }));
  });
  reliabilityTest('faults', 'DSCO 429 storm without Retry-After', ({ rig }) => {
    faultScenario(rig(), (r) => r.wire.enqueue({ kind: 'dsco-429', service: 'dsco', status: 429, body: '{"message":"Too Many Requests"}', count: 12 }));
  });
  reliabilityTest('faults', 'ShipStation V2 429 storm with Retry-After (API V2)', ({ rig }) => {
    faultScenario(rig({ shipstation: 'v2' }), (r) => r.wire.enqueue({ kind: 'ss-429', service: 'ss', status: 429, headers: { 'Retry-After': '7' }, body: '', count: 12 }));
  });
  reliabilityTest('faults', 'ShipStation V2 allows only 4 requests a minute (real 429s and pacing) (API V2)', ({ rig }) => {
    const r = rig({ shipstation: 'v2', ssRateLimitPerMinute: 4 });
    stageWorkload(r);
    for (let i = 0; i < 60; i++) r.seedOrder();
    for (let i = 0; i < 3; i++) {
      r.sync();
      r.clock.advance(5 * 60_000);
    }
    settleAndCheck(r, { cycles: 12 });
  });
  reliabilityTest('faults', 'ShipStation allows only 2 requests a minute (real 429s and pacing)', ({ rig }) => {
    const r = rig({ ssRateLimitPerMinute: 2 });
    stageWorkload(r);
    for (let i = 0; i < 60; i++) r.seedOrder();
    r.wire.enqueue({ kind: 'ss-429', service: 'ss', status: 429, body: '{"message":"Too Many Requests"}', headers: { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': '30' } });
    for (let i = 0; i < 3; i++) {
      r.sync();
      r.clock.advance(5 * 60_000);
    }
    settleAndCheck(r, { cycles: 8 });
  });
});

describe('UrlFetchApp throws', () => {
  for (const [service, backend] of [['dsco', 'v1'], ['ss', 'v1'], ['ss', 'v2']] as const) {
    const who = `${service === 'dsco' ? 'DSCO' : 'ShipStation'}`;
    reliabilityTest('faults', `${who}: timeouts${onApi(backend)}`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => r.failNetwork({ kind: 'timeout', service, count: 3 }));
    });
    reliabilityTest('faults', `${who}: DNS failures for a whole cycle${onApi(backend)}`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => r.failNetwork({ kind: 'dns', service, count: 30 }));
    });
  }
  for (const [service, p, name, backend] of [
    ['dsco', '/order/acknowledge', 'DSCO acknowledge', 'v1'],
    ['dsco', '/order/singleShipment', 'DSCO shipment', 'v1'],
    ['dsco', '/order/item/cancel', 'DSCO line cancel', 'v1'],
    ['ss', '/orders/createorders', 'ShipStation createorders', 'v1'],
    ['ss', '/orders/createorder', 'ShipStation createorder (cancel)', 'v1'],
    ['ss', '/v2/shipments', 'ShipStation V2 create shipments', 'v2'],
  ] as const) {
    reliabilityTest('faults', `${name}: timeout after the server did the work`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => r.failNetwork({ kind: 'timeout', service, path: p, delivered: true, count: 2 }));
    });
  }
});

describe('malformed answers', () => {
  const v1 = (list: Endpoint[]) => list.map((e) => ({ e, backend: 'v1' as Backend }));
  const both = (pick: (ss: Endpoint[]) => Endpoint[]) => BACKENDS.flatMap((backend) => pick(SS_ON[backend]).map((e) => ({ e, backend })));
  for (const { e, backend } of [...v1([DSCO[0]!, DSCO[1]!, DSCO[3]!, DSCO[5]!]), ...both((ss) => [ss[4]!, ss[3]!])]) {
    reliabilityTest('faults', `${e.name}: truncated JSON with status 200`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => armAt(r, e, { kind: 'truncated-json', status: 200, body: '{"orders":[{"dscoOrderId":"10', headers: { 'content-type': 'application/json' }, count: 6 }));
    });
  }
  for (const { e, backend } of ALL.filter((x) => x.e.writes)) {
    reliabilityTest('faults', `${e.name}: work done, answer truncated`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => r.wire.enqueue(at(e, { kind: 'truncated-json', apply: true, rewrite: truncate, count: 2 })));
    });
  }
  for (const { e, backend } of [...v1([DSCO[1]!, DSCO[4]!, DSCO[6]!]), ...both((ss) => [ss[0]!, ss[3]!])]) {
    reliabilityTest('faults', `${e.name}: HTML error page with status 200`, ({ rig }) => {
      faultScenario(rig({ shipstation: backend }), (r) => r.wire.enqueue(at(e, { kind: 'html-200', status: 200, body: HTML_PAGE, headers: { 'content-type': 'text/html' }, apply: e.writes === true, count: 2 })));
    });
  }
  reliabilityTest('faults', 'JSON of the wrong shape (a list where an object belongs, null fields)', ({ rig }) => {
    faultScenario(rig(), (r) => {
      r.wire.enqueue(at(DSCO[1]!, { kind: 'wrong-shape-json', status: 200, body: '[]', count: 1 }));
      r.wire.enqueue(at(SS[4]!, { kind: 'wrong-shape-json', status: 200, body: '{"shipments":null,"total":0,"page":1,"pages":0}', count: 1 }));
      r.wire.enqueue(at(SS[0]!, { kind: 'wrong-shape-json', status: 200, body: '{"hasErrors":false,"results":null}', apply: true, count: 1 }));
    });
  });
});

describe('DSCO session and paging', () => {
  const revokeAfter = (r: Rig, when: RegExp) =>
    r.onAfter((req) => req.url.startsWith('https://dsco') && when.test(req.url), () => r.dsco.revokeTokens(), 'dsco-token-revoked');
  reliabilityTest('faults', 'DSCO token revoked mid-cycle (after the pull)', ({ rig }) => {
    faultScenario(rig(), (r) => revokeAfter(r, /\/order\/page\?.*ordersCreatedSince/));
  });
  reliabilityTest('faults', 'DSCO token revoked mid-cycle (after the acknowledgement)', ({ rig }) => {
    faultScenario(rig(), (r) => revokeAfter(r, /\/order\/acknowledge/));
  });
  reliabilityTest('faults', 'DSCO token revoked mid-cycle (after a shipment)', ({ rig }) => {
    faultScenario(rig(), (r) => revokeAfter(r, /hipment/i));
  });
  reliabilityTest('faults', 'DSCO next page expired mid-pull (404)', ({ rig }) => {
    faultScenario(rig(), (r) =>
      r.wire.enqueue(at(DSCO[2]!, { kind: 'dsco-scroll-expired', status: 404, body: '{"messages":[{"code":"NOT_FOUND","severity":"error","description":"scrollId not found or expired"}]}', count: 2 })),
    );
  });
  reliabilityTest('faults', 'DSCO page 2 of 1,010 new orders expired mid-pull (404)', ({ rig }) => {
    const r = rig();
    stageWorkload(r);
    const more = Array.from({ length: 1010 }, () => r.seedOrder().dscoOrderId);
    r.clock.advance(60_000);
    r.wire.enqueue(at(DSCO[2]!, { kind: 'dsco-scroll-expired', status: 404, body: '{"messages":[{"code":"NOT_FOUND","severity":"error","description":"scrollId not found or expired"}]}' }));
    r.sync();
    expect(r.logs().some((l) => /next page of results expired/.test(l.message))).toBe(true);
    settleAndCheck(r, { cycles: 6 });
    expect(more.every((id) => r.row(id)?.status === 'Sent to SS')).toBe(true);
  }, { timeoutMs: 60_000 });
});
