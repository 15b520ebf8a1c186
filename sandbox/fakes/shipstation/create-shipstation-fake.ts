import type { SimClock } from '../../clock';
import { jsonResponse, type FakeHandler, type FakeHttpRequest, type FakeHttpResponse } from '../../http';
import {
  internalError,
  messageError,
  methodNotAllowed,
  noResource,
  SsHttpError,
  TOO_MANY_REQUESTS_BODY,
  UNAUTHORIZED_BODY,
  invalidRequest,
} from './ss-errors';
import { createFaultQueue, type SsFault } from './ss-faults';
import { createFulfillmentLedger } from './ss-fulfillments';
import { createIds } from './ss-ids';
import { isObject } from './ss-order-body';
import { createOrderBook } from './ss-orders';
import { boolParam, intParam, type Query } from './ss-query';
import { createRateLimiter } from './ss-rate-limit';
import { createShipmentLedger, type ShipOrderInput } from './ss-shipments';
import { buildStores, DEFAULT_STORES, type SsStoreInput } from './ss-stores';
import type { SsFulfillment, SsOrder, SsShipment, SsStore } from './ss-types';

export const DEFAULT_API_KEY = 'ss-test-api-key';
export const DEFAULT_API_SECRET = 'ss-test-api-secret';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 40;

export interface ShipStationFakeOptions {
  clock: SimClock;
  apiKey?: string;
  apiSecret?: string;
  stores?: SsStoreInput[];
  rateLimitPerMinute?: number; // 40 (notes §2)
}

export interface SsLoggedRequest {
  method: string;
  path: string; // as sent, without query
  query: Record<string, string>; // decoded; a repeated name keeps its last value
  body: unknown; // parsed JSON; the raw string when it is not JSON; undefined when empty
}

export interface ShipStationFake {
  handle: FakeHandler;
  orders: Map<number, SsOrder>;
  shipments: SsShipment[];
  fulfillments: SsFulfillment[];
  stores: SsStore[];
  requests: SsLoggedRequest[];
  findByOrderKey(orderKey: string): SsOrder | undefined;
  shipOrder(orderId: number, s: ShipOrderInput): SsShipment;
  voidShipment(shipmentId: number): void;
  cancelOrder(orderId: number): void;
  /** A person edits the order in ShipStation (notes, tags, ...): the fields are set as given. */
  editOrder(orderId: number, patch: Partial<SsOrder>): void;
  /** This shipment never shows in createDate-window searches of /shipments, only by order. */
  hideShipmentFromFeeds(shipmentId: number): void;
  markShippedWithoutLabel(orderId: number, s: { trackingNumber: string; carrierCode: string; shipDate?: string }): SsFulfillment;
  faults: { enqueue(f: SsFault): void; clear(): void; pending(): number };
}

type Route = { pattern: RegExp; methods: Record<string, (m: RegExpExecArray, q: Query, body: unknown) => FakeHttpResponse> };

export function createShipStationFake(opts: ShipStationFakeOptions): ShipStationFake {
  const { clock } = opts;
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const apiSecret = opts.apiSecret ?? DEFAULT_API_SECRET;
  const ids = createIds();
  const stores = buildStores(opts.stores ?? DEFAULT_STORES, clock.now());
  const book = createOrderBook({ clock, ids, stores });
  const fulfillmentLedger = createFulfillmentLedger({ clock, ids, book });
  const shipmentLedger = createShipmentLedger({ clock, ids, book, hasFulfillment: fulfillmentLedger.hasFulfillment });
  const limiter = createRateLimiter(clock, opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  const faults = createFaultQueue();
  const requests: SsLoggedRequest[] = [];
  let rateHeaders: Record<string, string> = {};

  const ok = (body: unknown) => jsonResponse(200, body, rateHeaders);

  const routes: Route[] = [
    { pattern: /^\/orders$/, methods: { GET: (_m, q) => ok(book.list(q)) } },
    {
      pattern: /^\/orders\/(\d+)$/,
      methods: {
        GET: (m) => {
          const order = book.get(Number(m[1]));
          if (!order) throw messageError(404, `Order ${m[1]} was not found.`); // 404 body [unknown], notes §6
          return ok(order);
        },
      },
    },
    { pattern: /^\/orders\/createorder$/, methods: { POST: (_m, _q, body) => ok(book.createOrder(body)) } },
    { pattern: /^\/orders\/createorders$/, methods: { POST: (_m, _q, body) => ok(book.createOrders(body)) } },
    {
      // S8 / notes §9: {orderId, carrierCode, shipDate?, trackingNumber?, notifyCustomer?, notifySalesChannel?}
      pattern: /^\/orders\/markasshipped$/,
      methods: {
        POST: (_m, _q, body) => {
          const b = isObject(body) ? body : {};
          const ms: Record<string, string[]> = {};
          if (!Number(b.orderId)) ms['request.orderId'] = ['The orderId field is required.'];
          if (typeof b.carrierCode !== 'string' || !b.carrierCode) ms['request.carrierCode'] = ['The carrierCode field is required.'];
          if (Object.keys(ms).length > 0) throw invalidRequest(ms);
          const order = book.get(Number(b.orderId));
          if (!order) throw messageError(404, `Order ${String(b.orderId)} was not found.`);
          if (order.orderStatus === 'cancelled') throw messageError(400, `Order ${order.orderNumber} is cancelled.`);
          const shipDate = typeof b.shipDate === 'string' && b.shipDate ? b.shipDate : undefined;
          try {
            fulfillmentLedger.markShipped(order.orderId, {
              carrierCode: String(b.carrierCode),
              trackingNumber: typeof b.trackingNumber === 'string' ? b.trackingNumber : null,
              shipDate,
            });
          } catch (e) {
            throw messageError(400, (e as Error).message);
          }
          return ok({ orderId: order.orderId, orderNumber: order.orderNumber });
        },
      },
    },
    { pattern: /^\/shipments$/, methods: { GET: (_m, q) => ok(shipmentLedger.list(q)) } },
    {
      // S1 / notes §8: {"shipmentId": n} → {"approved": true, "message": "Label voided successfully"}
      pattern: /^\/shipments\/voidlabel$/,
      methods: {
        POST: (_m, _q, body) => {
          const id = isObject(body) ? Number(body.shipmentId) : NaN;
          if (!id) throw invalidRequest({ 'request.shipmentId': ['The shipmentId field is required.'] });
          const s = shipmentLedger.shipments.find((x) => x.shipmentId === id);
          if (!s) throw messageError(404, `Shipment ${id} was not found.`); // [unknown]
          if (s.voided) return ok({ approved: false, message: 'Label has already been voided' }); // [unknown]
          shipmentLedger.voidShipment(id);
          return ok({ approved: true, message: 'Label voided successfully' });
        },
      },
    },
    { pattern: /^\/fulfillments$/, methods: { GET: (_m, q) => ok(fulfillmentLedger.list(q)) } },
    {
      pattern: /^\/stores$/,
      methods: {
        GET: (_m, q) => {
          const showInactive = boolParam(q, 'showInactive') ?? false;
          const marketplaceId = intParam(q, 'marketplaceId');
          return ok(
            stores.filter((s) => (showInactive || s.active) && (marketplaceId === undefined || s.marketplaceId === marketplaceId)),
          );
        },
      },
    },
  ];

  const authorized = (header: string | undefined): boolean => {
    const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i >= 0 && decoded.slice(0, i) === apiKey && decoded.slice(i + 1) === apiSecret;
  };

  const handle: FakeHandler = (req: FakeHttpRequest) => {
    const url = new URL(req.url);
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    let body: unknown = undefined;
    let badJson: string | undefined;
    if (req.body !== '') {
      try {
        body = JSON.parse(req.body);
      } catch (e) {
        body = req.body;
        badJson = (e as Error).message;
      }
    }
    requests.push({ method: req.method, path: url.pathname, query, body });

    const fault = faults.take(req.method, url.pathname, url.pathname + url.search);
    if (fault) return fault;

    // 401 carries no rate-limit headers: without a valid key there is no budget to report ([inferred]).
    if (!authorized(req.headers['authorization'])) return jsonResponse(401, UNAUTHORIZED_BODY);

    const decision = limiter.take(apiKey);
    rateHeaders = decision.headers;
    if (!decision.allowed) return jsonResponse(429, TOO_MANY_REQUESTS_BODY, rateHeaders);

    try {
      // ASP.NET routing is case-insensitive and ignores a trailing slash.
      const path = url.pathname.toLowerCase().replace(/\/+$/, '');
      const route = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m !== null);
      if (!route || !route.m) throw noResource(req.url);
      const fn = route.r.methods[req.method.toUpperCase()];
      if (!fn) throw methodNotAllowed(req.method.toUpperCase());
      if (req.method.toUpperCase() !== 'GET' && req.body !== '') {
        // Web API picks a formatter by Content-Type; a JSON body sent as e.g. the form-urlencoded default of
        // UrlFetchApp does not bind ([inferred]: 415 is the Web API answer for an unsupported media type).
        const type = req.headers['content-type'] ?? '';
        if (!/json/i.test(type)) {
          throw messageError(415, `The request entity's media type '${type || 'application/octet-stream'}' is not supported for this resource.`);
        }
        if (badJson !== undefined) {
          const name = path.endsWith('createorders') ? 'apiOrders' : path.endsWith('createorder') ? 'apiOrder' : 'request';
          throw invalidRequest({ [name]: [`Unexpected character encountered while parsing value: ${badJson}`] });
        }
      }
      return fn(route.m, query, body);
    } catch (e) {
      const err = e instanceof SsHttpError ? e : internalError((e as Error).message);
      return jsonResponse(err.status, err.body, rateHeaders);
    }
  };

  return {
    handle,
    orders: book.orders,
    shipments: shipmentLedger.shipments,
    fulfillments: fulfillmentLedger.fulfillments,
    stores,
    requests,
    findByOrderKey: book.findByOrderKey,
    shipOrder: shipmentLedger.shipOrder,
    voidShipment: (shipmentId) => {
      shipmentLedger.voidShipment(shipmentId);
    },
    cancelOrder(orderId) {
      const order = book.get(orderId);
      if (!order) throw new Error(`cancelOrder: no order ${orderId}`);
      // In the UI a shipped order cannot be cancelled (its labels would have to be voided first) [inferred].
      if (order.orderStatus === 'shipped') throw new Error(`cancelOrder: order ${orderId} is shipped`);
      book.touch(order, 'cancelled');
    },
    editOrder(orderId, patch) {
      const order = book.get(orderId);
      if (!order) throw new Error(`editOrder: no order ${orderId}`);
      Object.assign(order, structuredClone(patch));
      book.touch(order);
    },
    hideShipmentFromFeeds: (shipmentId) => {
      shipmentLedger.hiddenFromFeeds.add(shipmentId);
    },
    markShippedWithoutLabel: (orderId, s) => fulfillmentLedger.markShipped(orderId, s),
    faults: { enqueue: faults.enqueue, clear: faults.clear, pending: faults.pending },
  };
}
